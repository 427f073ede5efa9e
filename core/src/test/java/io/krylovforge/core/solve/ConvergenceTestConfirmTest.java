package io.krylovforge.core.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

import org.junit.jupiter.api.Test;

/** The shared true-residual confirmation every recurrence-residual solver runs before CONVERGED. */
class ConvergenceTestConfirmTest {
    private static final SolverOptions OPTS = SolverOptions.defaults().withRtol(1e-6).withMaxIterations(100);

    @Test
    void trueResidualDecidesTheReason() {
        ConvergenceTest test = new ConvergenceTest(OPTS, 2.0); // threshold 2e-6
        assertEquals(StopReason.CONVERGED_RTOL, test.confirmReason(10, 1.9e-6, 0));
        assertEquals(StopReason.DIVERGED_NAN, test.confirmReason(10, Double.NaN, 0));
        assertNull(test.confirmReason(10, 3e-6, 0), "a miss restarts from the true residual");
        ConvergenceTest withAtol = new ConvergenceTest(OPTS.withAtol(1e-3), 2.0);
        assertEquals(StopReason.CONVERGED_ATOL, withAtol.confirmReason(10, 5e-4, 0));
    }

    @Test
    void missesEndInStagnationAfterTheLastReplacementOrAtTheIterationLimit() {
        ConvergenceTest test = new ConvergenceTest(OPTS, 1.0);
        for (int attempt = 0; attempt < SolverSupport.MAX_REPLACEMENTS; attempt++) {
            assertNull(test.confirmReason(10, 1.0, attempt), "attempt " + attempt);
        }
        assertEquals(StopReason.DIVERGED_STAGNATION, test.confirmReason(10, 1.0, SolverSupport.MAX_REPLACEMENTS));
        assertEquals(StopReason.DIVERGED_STAGNATION, test.confirmReason(100, 1.0, 0));
    }

    @Test
    void confirmBuildsTheResultWithTheTrueNormAndDetail() {
        ConvergenceTest test = new ConvergenceTest(OPTS, 4.0);
        test.record(0, 4.0);
        SolveResult ok = test.confirm(7, 2e-6, 0);
        assertEquals(StopReason.CONVERGED_RTOL, ok.reason());
        assertEquals(7, ok.iterations());
        assertEquals(2e-6, ok.residualNorm(), 0.0);
        assertEquals("", ok.detail());
        SolveResult stuck = test.confirm(100, 1.0, 0);
        assertEquals(StopReason.DIVERGED_STAGNATION, stuck.reason());
        assertEquals(ConvergenceTest.STAGNATION_DETAIL, stuck.detail());
        assertNull(test.confirm(7, 1.0, 0));
    }

    /** An operator that counts its products: each is one true-residual recomputation. */
    private static final class CountingIdentity implements LinearOperator {
        int products;

        @Override
        public int rows() {
            return 4;
        }

        @Override
        public int cols() {
            return 4;
        }

        @Override
        public void apply(Vector x, Vector y) {
            products++;
            y.copyFrom(x);
        }
    }

    @Test
    void readsSolutionNamesExactlyTheChecksThatRecomputeTheTrueResidual() {
        CountingIdentity a = new CountingIdentity();
        Vector b = DenseVector.of(new double[] {1, 2, 3, 4});
        Vector x = DenseVector.of(new double[] {1, 2, 3, 3.5}); // true residual 0.5, so the floor check stops it
        ConvergenceTest test = new ConvergenceTest(SolverOptions.defaults().withRtol(1e-14), 1.0);
        test.watchTrueResidual(a, b, x);
        int reads = 0;
        StopReason reason = null;
        double rnorm = 1.0;
        for (int k = 0; k < 200 && reason == null; k++, rnorm *= 0.5) {
            boolean predicted = test.readsSolution(rnorm);
            int before = a.products;
            reason = test.check(k, rnorm);
            assertEquals(predicted, a.products > before, "iteration " + k);
            reads += a.products - before;
        }
        assertTrue(reads >= 2, "true-residual checks seen: " + reads);
        assertEquals(StopReason.DIVERGED_STAGNATION, reason);
    }
}
