package io.krylovforge.core.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Stagnation, dtol and the bounded history of the shared convergence test (issue #20). */
class ConvergenceTestBoundsTest {

    @Test
    void aFlatResidualStopsAsStagnationAfterTheWindow() {
        ConvergenceTest t = new ConvergenceTest(SolverOptions.defaults().withRtol(1e-300)
                .withMaxIterations(Integer.MAX_VALUE), 1.0);
        assertNull(t.check(0, 1.0));
        StopReason reason = null;
        int k = 0;
        while (reason == null && k < 10 * ConvergenceTest.STAGNATION_WINDOW) {
            k++;
            reason = t.check(k, 0.5 + 1e-6 * Math.sin(k)); // no progress after the first step
        }
        assertEquals(StopReason.DIVERGED_STAGNATION, reason);
        assertEquals(ConvergenceTest.STAGNATION_WINDOW + 2, k);
        assertTrue(t.result(reason, k, 0.5, "").detail().contains("no decrease"));
    }

    @Test
    void steadySlowProgressIsNotStagnation() {
        ConvergenceTest t = new ConvergenceTest(SolverOptions.defaults().withRtol(1e-300)
                .withMaxIterations(100_000), 1.0);
        StopReason reason = t.check(0, 1.0);
        double r = 1.0;
        int k = 0;
        while (reason == null) {
            k++;
            r *= 1.0 - 2e-5; // a 0.1% decrease takes 50 iterations
            reason = t.check(k, r);
        }
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, reason);
        assertEquals(100_000, k);
    }

    @Test
    void dtolIsTestedAtEveryIteration() {
        ConvergenceTest t = new ConvergenceTest(SolverOptions.defaults().withDtol(10.0), 1.0);
        assertNull(t.check(0, 1.0));
        assertNull(t.check(1, 9.0));
        assertEquals(StopReason.DIVERGED_DTOL, t.check(2, 11.0));
    }

    @Test
    void historyIsBoundedAndKeepsFirstAndLast() {
        int[] monitored = new int[1];
        ConvergenceTest t = new ConvergenceTest(SolverOptions.defaults()
                .withMonitor((k, r) -> monitored[0]++), 1.0);
        int n = 1_000_003;
        for (int k = 0; k < n; k++) {
            t.record(k, 1.0 / (k + 1));
        }
        SolveResult r = t.result(StopReason.DIVERGED_MAX_ITERATIONS, n - 1, 1e-6, "");
        double[] h = r.history();
        assertTrue(h.length <= ConvergenceTest.HISTORY_LIMIT + 1, "length " + h.length);
        assertTrue(h.length > ConvergenceTest.HISTORY_LIMIT / 4, "length " + h.length);
        assertEquals(1.0, h[0], 0.0);
        assertEquals(1.0 / n, h[h.length - 1], 0.0);
        assertEquals(1.0 / 33, h[2], 0.0); // stride 16: k = 0, 16, 32
        assertTrue(r.detail().contains("residual history keeps every 16th of 1000003 norms"), r.detail());
        assertEquals(n, monitored[0], "the monitor still sees every norm");
    }
}
