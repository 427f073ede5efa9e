package io.krylovforge.mesh.vtk;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.Discretisation;
import io.krylovforge.mesh.fem.FemSystem;
import io.krylovforge.mesh.fem.TriangleMesh;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.mesh.grid.StructuredGrid;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes meshes with point data as VTK XML UnstructuredGrid files ({@code .vtu}, ASCII), readable
 * by ParaView and VisIt. Triangles are VTK_TRIANGLE (5); a 2D structured grid becomes VTK_QUAD (9)
 * cells and a 3D one VTK_HEXAHEDRON (12).
 *
 * <p>The file is written to a temporary sibling and moved into place (atomically where the file
 * system allows), so a reader never sees a half-written file. Values are written with full
 * precision ({@link Double#toString}); non-finite values are rejected, since VTK readers differ on
 * NaN.
 *
 * <p>Reference: VTK File Formats, "XML File Formats" (Kitware, VTK User's Guide, 11th ed.).
 */
public final class VtkWriter {
    private static final int VTK_TRIANGLE = 5;
    private static final int VTK_QUAD = 9;
    private static final int VTK_HEXAHEDRON = 12;

    private VtkWriter() {
    }

    /** Writes a triangle mesh; each point-data array has one value per vertex. */
    public static void write(Path path, TriangleMesh mesh, Map<String, double[]> pointData) {
        int nc = mesh.triangleCount();
        int[] conn = mesh.triangles();
        write(path, mesh.coordinates(), mesh.vertexCount(), conn, 3, VTK_TRIANGLE, nc, pointData);
    }

    /** Writes a structured grid as quads (2D) or hexahedra (3D); one value per grid node. */
    public static void write(Path path, StructuredGrid grid, Map<String, double[]> pointData) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        boolean three = grid.dimension() == 3;
        int per = three ? 8 : 4;
        int cells = nx * ny * Math.max(nz, 1);
        int[] conn = new int[per * cells];
        int c = 0;
        for (int k = 0; k < Math.max(nz, 1); k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int[] layer = {k, k + 1};
                    for (int l = 0; l < (three ? 2 : 1); l++) {
                        int kk = three ? layer[l] : 0;
                        conn[c++] = grid.node(i, j, kk);
                        conn[c++] = grid.node(i + 1, j, kk);
                        conn[c++] = grid.node(i + 1, j + 1, kk);
                        conn[c++] = grid.node(i, j + 1, kk);
                    }
                }
            }
        }
        write(path, grid.coordinates(), grid.nodeCount(), conn, per, three ? VTK_HEXAHEDRON : VTK_QUAD, cells,
                pointData);
    }

    /**
     * Writes the mesh of an assembled system with solution vectors (one value per unknown each),
     * expanded to all nodes with the Dirichlet values filled in.
     */
    public static void write(Path path, Discretisation d, Map<String, double[]> solutions) {
        Map<String, double[]> full = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : solutions.entrySet()) {
            full.put(e.getKey(), d.expand(e.getValue()));
        }
        if (d instanceof FemSystem f) {
            write(path, f.mesh(), full);
        } else if (d instanceof GridSystem g) {
            write(path, g.grid(), full);
        } else {
            throw new IllegalArgumentException("no VTK layout for " + d.getClass().getName());
        }
    }

    /** A one-array convenience: {@code write(path, mesh, "u", values)}. */
    public static void write(Path path, TriangleMesh mesh, String name, double[] values) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(name, values);
        write(path, mesh, m);
    }

    private static void write(Path path, double[] xyz, int points, int[] conn, int per, int type, int cells,
            Map<String, double[]> pointData) {
        for (Map.Entry<String, double[]> e : pointData.entrySet()) {
            if (e.getValue().length != points) {
                throw new DimensionMismatchException("point data '" + e.getKey() + "' has " + e.getValue().length
                        + " values, mesh has " + points + " points");
            }
            if (!e.getKey().matches("[A-Za-z0-9_.\\-]+")) {
                throw new IllegalArgumentException("point data name '" + e.getKey()
                        + "' must be letters, digits, '_', '.', '-'");
            }
            for (int i = 0; i < points; i++) {
                if (!Double.isFinite(e.getValue()[i])) {
                    throw new IllegalArgumentException("point data '" + e.getKey() + "' is not finite at point " + i);
                }
            }
        }
        Path abs = path.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = Files.createTempFile(dir, abs.getFileName().toString(), ".tmp");
            try {
                try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
                    body(w, xyz, points, conn, per, type, cells, pointData);
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + abs + ": " + e.getMessage(), e);
        }
    }

    private static void body(Writer w, double[] xyz, int points, int[] conn, int per, int type, int cells,
            Map<String, double[]> pointData) throws IOException {
        w.write("<?xml version=\"1.0\"?>\n");
        w.write("<VTKFile type=\"UnstructuredGrid\" version=\"0.1\" byte_order=\"LittleEndian\">\n");
        w.write("  <UnstructuredGrid>\n");
        w.write("    <Piece NumberOfPoints=\"" + points + "\" NumberOfCells=\"" + cells + "\">\n");
        w.write("      <PointData>\n");
        for (Map.Entry<String, double[]> e : pointData.entrySet()) {
            w.write("        <DataArray type=\"Float64\" Name=\"" + e.getKey() + "\" format=\"ascii\">\n");
            double[] v = e.getValue();
            for (int i = 0; i < points; i++) {
                w.write(i % 6 == 0 ? "          " : " ");
                w.write(Double.toString(v[i]));
                if (i % 6 == 5 || i == points - 1) {
                    w.write('\n');
                }
            }
            w.write("        </DataArray>\n");
        }
        w.write("      </PointData>\n");
        w.write("      <Points>\n");
        w.write("        <DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n");
        for (int i = 0; i < points; i++) {
            w.write("          " + xyz[3 * i] + " " + xyz[3 * i + 1] + " " + xyz[3 * i + 2] + "\n");
        }
        w.write("        </DataArray>\n");
        w.write("      </Points>\n");
        w.write("      <Cells>\n");
        w.write("        <DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n");
        for (int c = 0; c < cells; c++) {
            w.write("         ");
            for (int k = 0; k < per; k++) {
                w.write(" " + conn[per * c + k]);
            }
            w.write('\n');
        }
        w.write("        </DataArray>\n");
        w.write("        <DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n");
        for (int c = 0; c < cells; c++) {
            w.write((c % 10 == 0 ? "          " : " ") + (long) per * (c + 1));
            if (c % 10 == 9 || c == cells - 1) {
                w.write('\n');
            }
        }
        w.write("        </DataArray>\n");
        w.write("        <DataArray type=\"UInt8\" Name=\"types\" format=\"ascii\">\n");
        for (int c = 0; c < cells; c++) {
            w.write((c % 20 == 0 ? "          " : " ") + type);
            if (c % 20 == 19 || c == cells - 1) {
                w.write('\n');
            }
        }
        w.write("        </DataArray>\n");
        w.write("      </Cells>\n");
        w.write("    </Piece>\n");
        w.write("  </UnstructuredGrid>\n");
        w.write("</VTKFile>\n");
    }
}
