package io.krylovforge.mesh.vtk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.krylovforge.mesh.fem.MeshGenerator;
import io.krylovforge.mesh.fem.TriangleMesh;
import io.krylovforge.mesh.grid.StructuredGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class VtkWriterTest {
    @TempDir
    Path dir;

    private static Document parse(Path p) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(p.toFile());
    }

    private static double[] numbers(Element e) {
        String[] parts = e.getTextContent().trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    private static Element array(Document d, String name) {
        NodeList arrays = d.getElementsByTagName("DataArray");
        for (int i = 0; i < arrays.getLength(); i++) {
            Element e = (Element) arrays.item(i);
            if (name.equals(e.getAttribute("Name"))) {
                return e;
            }
        }
        throw new AssertionError("no array " + name);
    }

    @Test
    void triangleMeshRoundTrips() throws Exception {
        TriangleMesh m = MeshGenerator.domain("corner-square", 0.2);
        double[] u = new double[m.vertexCount()];
        for (int v = 0; v < u.length; v++) {
            u[v] = Math.sin(m.x(v)) * Math.exp(m.y(v)) + 1e-17 * v;
        }
        Path out = dir.resolve("sub/mesh.vtu");
        Map<String, double[]> data = new LinkedHashMap<>();
        data.put("u", u);
        data.put("x", m.coordinates().clone());
        assertThrows(IllegalArgumentException.class, () -> VtkWriter.write(out, m, data));
        data.remove("x");
        VtkWriter.write(out, m, data);
        VtkWriter.write(out, m, data); // overwrite in place
        Document d = parse(out);
        Element piece = (Element) d.getElementsByTagName("Piece").item(0);
        assertEquals(m.vertexCount(), Integer.parseInt(piece.getAttribute("NumberOfPoints")));
        assertEquals(m.triangleCount(), Integer.parseInt(piece.getAttribute("NumberOfCells")));
        double[] back = numbers(array(d, "u"));
        for (int v = 0; v < u.length; v++) {
            assertEquals(u[v], back[v], 0.0, "full precision");
        }
        double[] conn = numbers(array(d, "connectivity"));
        assertEquals(3 * m.triangleCount(), conn.length);
        assertEquals(m.vertex(m.triangleCount() - 1, 2), (int) conn[conn.length - 1]);
        double[] offsets = numbers(array(d, "offsets"));
        assertEquals(3.0 * m.triangleCount(), offsets[offsets.length - 1]);
        double[] types = numbers(array(d, "types"));
        assertEquals(5.0, types[0]);
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void gridsBecomeQuadsAndHexahedra() throws Exception {
        StructuredGrid g = new StructuredGrid(3, 2, 0, 1, 1, 0);
        Path out = dir.resolve("grid.vtu");
        VtkWriter.write(out, g, Map.of("p", new double[g.nodeCount()]));
        Document d = parse(out);
        assertEquals(24, numbers(array(d, "connectivity")).length);
        assertEquals(9.0, numbers(array(d, "types"))[0]);
        StructuredGrid c = StructuredGrid.unitCubeWithCells(2);
        VtkWriter.write(out, c, Map.of());
        d = parse(out);
        assertEquals(64, numbers(array(d, "connectivity")).length);
        assertEquals(12.0, numbers(array(d, "types"))[0]);
        double[] nan = new double[c.nodeCount()];
        nan[3] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> VtkWriter.write(out, c, Map.of("bad", nan)));
    }

    @Test
    void solutionsAreExpandedWithDirichletValues() throws Exception {
        io.krylovforge.mesh.family.PdeInstance p = io.krylovforge.mesh.family.Families.create("thermal", 5).sample(1);
        double[] u = io.krylovforge.mesh.TestSolve.cg(p.a(), p.b());
        Path out = dir.resolve("thermal.vtu");
        VtkWriter.write(out, p.discretisation(), Map.of("T", u));
        double[] back = numbers(array(parse(out), "T"));
        assertEquals(p.discretisation().nodeCount(), back.length);
        double[] full = p.discretisation().expand(u);
        for (int i = 0; i < back.length; i++) {
            assertEquals(full[i], back[i], 0.0);
        }
        io.krylovforge.mesh.family.PdeInstance d = io.krylovforge.mesh.family.Families.create("darcy", 9).sample(1);
        VtkWriter.write(out, d.discretisation(), Map.of("h", new double[d.size()]));
        assertEquals(64 * 4, numbers(array(parse(out), "connectivity")).length);
    }
}
