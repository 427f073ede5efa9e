package io.krylovforge.cli;

import io.krylovforge.mesh.fem.MeshGenerator;
import io.krylovforge.mesh.fem.TriangleMesh;
import io.krylovforge.mesh.vtk.VtkWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kforge mesh --domain corner-square --h 0.05 --out m.vtu}: a quality triangulation as VTK. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Triangulate a named 2D domain (Ruppert refinement, min angle >= 20 deg) and write it as VTK .vtu.")
final class MeshCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, description = "one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = DomainNames.class)
    String domain;

    @Option(names = "--h", defaultValue = "0.05", description = "target edge length (default: ${DEFAULT-VALUE})")
    double h;

    @Option(names = "--out", required = true, paramLabel = "mesh.vtu", description = "output .vtu file")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!(h > 0.0) || h > 1.0) {
            throw new UserInputException("--h must be in (0, 1], got " + h);
        }
        if (!MeshGenerator.names().contains(domain)) {
            throw new UserInputException("unknown domain '" + domain + "'; valid: " + String.join(", ", MeshGenerator.names()));
        }
        TriangleMesh mesh = MeshGenerator.domain(domain, h);
        double[] tag = new double[mesh.vertexCount()];
        for (int e = 0; e < mesh.boundaryEdgeCount(); e++) {
            for (int k = 0; k < 2; k++) {
                tag[mesh.boundaryVertex(e, k)] = mesh.boundaryTag(e) + 1; // 0 = interior
            }
        }
        VtkWriter.write(out, mesh, Map.of("boundary_tag", tag));
        PrintWriter w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "  domain        %s, h = %g%n", domain, h);
        w.printf(Locale.ROOT, "  mesh          %d vertices, %d triangles, %d boundary edges%n", mesh.vertexCount(),
                mesh.triangleCount(), mesh.boundaryEdgeCount());
        w.printf(Locale.ROOT, "  written       %s%n", out);
        w.flush();
        return Kforge.EXIT_OK;
    }

    static final class DomainNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return MeshGenerator.names().iterator();
        }
    }
}
