package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KforgeCliTest {
    private static final Path SHARED = Path.of(System.getProperty("krylovforge.shared", "../../shared"));
    private static final Path MATRICES = SHARED.resolve("matrices");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static double reportedResidual(String out) {
        Matcher m = Pattern.compile("rel\\. residual (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void solvesTheSharedSpdMatricesToTolerance() {
        for (String name : new String[] {"Laplace3D10.mtx", "494_bus.mtx"}) {
            Run r = run("solve", MATRICES.resolve(name).toString());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(reportedResidual(r.out()) < 1e-8, r.out());
            assertTrue(r.out().contains("CONVERGED_RTOL"), r.out());
            assertTrue(r.out().contains("symmetric"), r.out());
        }
    }

    @Test
    void rejectsAComplexMatrixWithOneLineAndExitTwo() {
        Run r = run("solve", MATRICES.resolve("young1c.mtx").toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("young1c.mtx:1:") && r.err().contains("complex"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void badInputIsExitTwoWithoutStackTrace(@TempDir Path dir) throws Exception {
        assertEquals(2, run("solve", dir.resolve("missing.mtx").toString()).exit());
        Path bad = dir.resolve("bad.mtx");
        Files.writeString(bad, "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.0\n3 1 2.0\n");
        Run r = run("solve", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.mtx:4:"), r.err());
        Run unknown = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--solver", "nope");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("nope"), unknown.err());
        Run badOpt = run("solve", "--rtol", "abc", "x.mtx");
        assertEquals(2, badOpt.exit());
        Run wrongRhs = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--rhs",
                MATRICES.resolve("494_bus.mtx").toString());
        assertEquals(2, wrongRhs.exit());
    }

    @Test
    void nonConvergenceIsExitThreeWithAReport() {
        // auto solves 494_bus directly now; CG with 5 iterations cannot.
        Run r = run("solve", MATRICES.resolve("494_bus.mtx").toString(), "--solver", "cg", "--max-iterations", "5");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("DIVERGED_MAX_ITERATIONS"), r.out());
        assertTrue(r.out().contains("NOT CONVERGED"), r.out());
    }

    @Test
    void everyRegisteredSolverRunsFromTheCommandLine() {
        for (String solver : new SolverChoice.Names()) {
            Run r = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--solver", solver,
                    "--max-iterations", "20000");
            assertTrue(r.exit() == 0 || r.exit() == 3, solver + ": " + r.out() + r.err());
            assertTrue(r.out().contains("stop reason"), solver + ": " + r.out());
            if (r.exit() == 0) {
                assertTrue(reportedResidual(r.out()) < 1e-8, solver + ": " + r.out());
            }
        }
    }

    @Test
    void everyPreconditionerRunsWithCg() {
        for (String pc : new SolverChoice.PreconditionerNames()) {
            Run r = run("solve", MATRICES.resolve("Laplace3D10.mtx").toString(), "--solver", "cg", "--precond", pc);
            assertEquals(0, r.exit(), pc + ": " + r.out() + r.err());
            assertTrue(reportedResidual(r.out()) < 1e-8, pc + ": " + r.out());
        }
    }

    @Test
    void writesSolutionAndJsonReport(@TempDir Path dir) throws Exception {
        Path x = dir.resolve("x.mtx");
        Path json = dir.resolve("report.json");
        Run r = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--rhs",
                MATRICES.resolve("testvec0.mtx").toString(), "--out", x.toString(), "--json", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        double[] sol = MatrixMarket.readVector(x);
        assertEquals(100, sol.length);
        for (double v : sol) {
            assertEquals(1.0, v, 1e-6); // testvec0 = A * ones
        }
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("CONVERGED_RTOL", report.get("stopReason").asText());
        assertTrue(report.get("relativeResidual").asDouble() < 1e-8);
        assertEquals(report.get("iterations").asInt() + 1, report.get("residualHistory").size());
        CsrMatrix a = MatrixMarket.read(MATRICES.resolve("testmat0.mtx"));
        assertEquals(a.nnz(), report.get("nnz").asInt());
    }

    @Test
    void infoDescribesTheMatrix() {
        Run r = run("info", MATRICES.resolve("west0479.mtx").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("479 x 479"), r.out());
        assertTrue(r.out().contains("nonsymmetric"), r.out());
        assertTrue(r.out().contains("nnz           1910"), r.out());
        Run spd = run("info", MATRICES.resolve("494_bus.mtx").toString());
        assertTrue(spd.out().contains("SPD candidate"), spd.out());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("kforge 0."), v.out());
        Run h = run("solve", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--precond"), h.out());
    }

    @Test
    void meshWritesAVtuFile(@TempDir Path dir) throws Exception {
        Path vtu = dir.resolve("m.vtu");
        Run r = run("mesh", "--domain", "corner-square", "--h", "0.1", "--out", vtu.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String text = Files.readString(vtu);
        assertTrue(text.startsWith("<?xml") && text.contains("UnstructuredGrid"), text.substring(0, 80));
        Matcher m = Pattern.compile("NumberOfPoints=\"(\\d+)\"").matcher(text);
        assertTrue(m.find());
        assertTrue(r.out().contains(m.group(1) + " vertices"), r.out());
        assertEquals(2, run("mesh", "--domain", "nowhere", "--out", vtu.toString()).exit());
    }

    @Test
    void sequenceSolvesEverySystemAndReportsInOriginalOrder(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("skr.json");
        Run r = run("sequence", "--family", "darcy", "--n", "18", "--samples", "6", "--solver", "gcrodr",
                "--restart", "20", "--recycle", "5", "--report", json.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode systems = report.get("systems");
        assertEquals(6, systems.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i, systems.get(i).get("index").asInt());
            assertTrue(systems.get(i).get("relativeResidual").asDouble() <= 1e-8);
        }
        Run heat = run("sequence", "--family", "heat", "--n", "12", "--samples", "20", "--solver", "ssor-pcg",
                "--omega", "bandit:tsallis");
        assertEquals(0, heat.exit(), heat.out() + heat.err());
        assertTrue(heat.out().contains("converged     20 of 20"), heat.out());
        assertEquals(2, run("sequence", "--family", "darcy", "--solver", "sor").exit());
        assertEquals(2, run("sequence", "--family", "nope").exit());
        Run refresh = run("sequence", "--family", "darcy", "--n", "18", "--samples", "6", "--restart", "20",
                "--recycle", "5", "--refresh-every", "3");
        assertEquals(0, refresh.exit(), refresh.out() + refresh.err());
        assertTrue(refresh.out().contains("converged     6 of 6"), refresh.out());
        Run zero = run("sequence", "--family", "darcy", "--n", "18", "--samples", "6", "--refresh-every", "0");
        assertEquals(2, zero.exit(), zero.out() + zero.err());
        assertTrue(zero.err().contains("--refresh-every must be >= 1"), zero.err());
    }

    @Test
    void generateWritesMatrixMarketSystemsThatSolve(@TempDir Path dir) throws Exception {
        Run r = run("generate", "--family", "darcy", "--n", "20", "--samples", "3", "--format", "mtx",
                "--out", dir.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        for (int i = 0; i < 3; i++) {
            Path a = dir.resolve(String.format("darcy-%05d-A.mtx", i));
            Path b = dir.resolve(String.format("darcy-%05d-b.mtx", i));
            assertEquals(18 * 18, MatrixMarket.read(a).rows());
            // The coefficient field K covers the grid: at least one value per unknown.
            assertTrue(MatrixMarket.readVector(dir.resolve(String.format("darcy-%05d-params.mtx", i))).length >= 18 * 18);
            Run s = run("solve", a.toString(), "--rhs", b.toString());
            assertEquals(0, s.exit(), s.out());
            assertTrue(reportedResidual(s.out()) < 1e-8);
        }
        // Different samples are different systems.
        assertFalse(Files.readString(dir.resolve("darcy-00000-A.mtx")).equals(Files.readString(dir.resolve("darcy-00001-A.mtx"))));
    }

    @Test
    void dcdmTrainsAndSolvesFromTheCommandLine(@TempDir Path dir) throws Exception {
        Run bundled = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--solver", "dcdm", "--rtol", "1e-4");
        assertEquals(0, bundled.exit(), bundled.out() + bundled.err());
        assertTrue(reportedResidual(bundled.out()) < 1e-4, bundled.out());
        Path w = dir.resolve("w.kfw");
        Run train = run("train", "dcdm", "--grid", "10", "--epochs", "1", "--samples", "10", "--lanczos", "20",
                "--out", w.toString());
        assertEquals(0, train.exit(), train.out() + train.err());
        assertTrue(Files.size(w) > 100);
        Path bad = dir.resolve("bad.kfw");
        Files.writeString(bad, "not weights");
        Run r = run("solve", MATRICES.resolve("testmat0.mtx").toString(), "--solver", "dcdm", "--weights", bad.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("bad.kfw"), r.err());
        assertEquals(2, run("solve", MATRICES.resolve("494_bus.mtx").toString(), "--solver", "dcdm").exit());
    }

    private static int reportedIterations(String out) {
        Matcher m = Pattern.compile("iterations\\s+(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void dcdmPicksTheBundled3dWeightsForA7PointCube() {
        // Laplace3D10: 10^3 unknowns, 7-point stencil -> the 3D weights, fewer iterations than CG
        String m = MATRICES.resolve("Laplace3D10.mtx").toString();
        Run dcdm = run("solve", m, "--solver", "dcdm", "--rtol", "1e-4");
        Run cg = run("solve", m, "--solver", "cg", "--rtol", "1e-4");
        assertEquals(0, dcdm.exit(), dcdm.out() + dcdm.err());
        assertEquals(0, cg.exit(), cg.out() + cg.err());
        assertTrue(reportedResidual(dcdm.out()) < 1e-4, dcdm.out());
        assertTrue(reportedIterations(dcdm.out()) < reportedIterations(cg.out()), dcdm.out() + cg.out());
    }
}
