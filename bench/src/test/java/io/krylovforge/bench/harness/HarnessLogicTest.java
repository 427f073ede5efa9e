package io.krylovforge.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HarnessLogicTest {
    private static Suite parse(String json) {
        return Suite.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void statisticsReportMedianAndSpread() {
        Statistics s = Statistics.of(3.0, 1.0, 2.0, 10.0);
        assertEquals(2.5, s.median());
        assertEquals(1.0, s.min());
        assertEquals(10.0, s.max());
        assertEquals(3.6, s.spread(), 1e-12);
        assertEquals(7.0, Statistics.of(7.0).median());
        assertThrows(IllegalArgumentException.class, Statistics::of);
    }

    @Test
    void floorPairsEachRunWithTheBandwidthMeasuredBeforeIt() {
        // 1e8 bytes per iteration; run 0 at 50 GB/s took 2 ms/it (floor 2 ms: 1.0x), run 1 at
        // 25 GB/s took 5 ms/it (floor 4 ms: 1.25x), run 2 at 100 GB/s took 1.1 ms/it (1.1x)
        BenchRunner.Floor f = BenchRunner.Floor.paired(1e8, 100, new double[] {0.2, 0.5, 0.11},
                new double[] {50e9, 25e9, 100e9});
        assertEquals(1.1, f.ratio(), 1e-12);
        assertEquals(1.0, f.ratioMin(), 1e-12);
        assertEquals(1.25, f.ratioMax(), 1e-12);
        assertEquals(50e9, f.bandwidth(), 1e-3);
        assertEquals(2.0, f.millisPerIteration(), 1e-12);
        assertTrue(f.note().contains("(1.10× floor, paired runs 1.00-1.25)"), f.note());
        assertThrows(IllegalArgumentException.class,
                () -> BenchRunner.Floor.paired(1e8, 100, new double[] {0.2}, new double[] {50e9, 25e9}));
        assertTrue(new StreamBandwidth.Meter(1 << 12).bytesPerSecond(1) > 0.0);
    }

    @Test
    void builtInSuitesParse() throws Exception {
        Suite quick = Suite.load("quick");
        assertEquals("quick", quick.name());
        assertTrue(quick.cases().size() >= 3);
        assertTrue(quick.peers().contains("scipy"));
        assertTrue(Suite.load("full").cases().size() > quick.cases().size());
    }

    @Test
    void smallSuiteCoversSevenMethodsOnSixGridsAndEveryCaseBuilds() throws Exception {
        Suite small = Suite.load("small");
        assertEquals("small", small.name());
        assertTrue(small.peers().contains("petsc") && small.peers().contains("scipy"));
        java.util.Set<String> methods = new java.util.TreeSet<>();
        java.util.Set<String> grids = new java.util.TreeSet<>();
        for (BenchCase c : small.cases()) {
            methods.add(c.solver() + "+" + c.preconditioner());
            grids.add(("laplace3d".equals(c.problem()) ? "3d-" : "2d-") + c.size());
            io.krylovforge.core.linalg.CsrMatrix a = Problems.build(c);
            assertTrue(a.rows() <= 65_536, c.id() + " is not small: n = " + a.rows());
            io.krylovforge.precond.Preconditioners.create(c.preconditioner()); // a known name, or this throws
            assertTrue(io.krylovforge.solvers.Solvers.names().contains(c.solver()), c.id());
        }
        assertEquals(java.util.Set.of("cg+none", "bicgstab+none", "gmres+none", "cg+jacobi", "cg+ic0",
                "bicgstab+ilu0", "cg+ssor"), methods);
        assertEquals(java.util.Set.of("2d-32", "2d-64", "2d-128", "2d-256", "3d-16", "3d-32"), grids);
        assertEquals(42, small.cases().size());
    }

    @Test
    void suiteDefaultsAndValidation() {
        Suite s = parse("{\"name\":\"t\",\"cases\":[{\"id\":\"a\",\"problem\":\"laplace2d\",\"size\":8}]}");
        BenchCase c = s.cases().get(0);
        assertEquals("cg", c.solver());
        assertEquals("none", c.preconditioner());
        assertEquals(1e-8, c.rtol());
        assertEquals(3, c.repeats());

        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"name\":\"t\",\"cases\":[{\"id\":\"a\",\"problem\":\"laplace2d\",\"size\":8},"
                        + "{\"id\":\"a\",\"problem\":\"laplace2d\",\"size\":8}]}"));
        assertTrue(dup.getMessage().contains("duplicate case id a"), dup.getMessage());
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"name\":\"t\",\"cases\":[{\"id\":\"a\",\"problem\":\"laplace2d\",\"sise\":8}]}"));
        assertTrue(typo.getMessage().startsWith("test.json: not a valid suite"), typo.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse(
                "{\"name\":\"t\",\"cases\":[{\"id\":\"a\",\"problem\":\"file\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"name\":\"t\",\"cases\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> Suite.load("no-such-suite"));
    }

    @Test
    void wrongAnswersNeverCount() {
        RunRecord good = new RunRecord("c", "x", 10, 5e-9, 0, Statistics.of(1.0), "");
        RunRecord fastWrong = new RunRecord("c", "y", 1, 0.5, 0, Statistics.of(0.001), "");
        RunRecord nan = new RunRecord("c", "z", 10, Double.NaN, 0, Statistics.of(0.1), "");
        assertTrue(good.correct(1e-8));
        assertFalse(fastWrong.correct(1e-8));
        assertFalse(nan.correct(1e-8));
        assertFalse(RunRecord.unavailable("c", "pyamg", "not installed").correct(1e-8));
        assertEquals(100.0, good.millisPerIteration(), 1e-12);
    }

    @Test
    void streamBandwidthIsPositive() {
        double bw = StreamBandwidth.copyBytesPerSecond(1 << 18, 2);
        assertTrue(bw > 1e8 && Double.isFinite(bw), "bandwidth " + bw);
    }
}
