package io.krylovforge.solvers.stationary;

import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;

/** Exit step shared by the vector-operation iterations (Richardson, Chebyshev). */
final class StationarySupport {
    private StationarySupport() {
    }

    /** The result for a true residual norm; NaN/∞ in x resets it to 0 so no NaN is returned. */
    static SolveResult finish(ConvergenceTest test, StopReason reason, int k, double rnorm, Vector b,
            Vector x) {
        double xx = x.dot(x);
        if (Double.isNaN(xx) || Double.isInfinite(xx) || Double.isNaN(rnorm)) {
            x.fill(0.0);
            return test.result(StopReason.DIVERGED_NAN, k, b.norm2(), "x had NaN/inf and was reset to 0");
        }
        return test.result(reason, k, rnorm, "");
    }
}
