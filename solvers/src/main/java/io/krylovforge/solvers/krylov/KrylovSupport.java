package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.core.solve.SolverSupport;

/** Entry and exit steps every Krylov solver in this package repeats. */
final class KrylovSupport {
    private KrylovSupport() {
    }

    /** Whether a scalar the method is about to divide by or step with is usable. */
    static boolean usable(double v) {
        return v != 0.0 && !Double.isNaN(v) && !Double.isInfinite(v);
    }

    /** DIVERGED_NAN for a NaN/∞ scalar, else {@code otherwise}. */
    static StopReason nanOr(double v, StopReason otherwise) {
        return Double.isNaN(v) || Double.isInfinite(v) ? StopReason.DIVERGED_NAN : otherwise;
    }

    /**
     * Builds a failed (or already confirmed) result with the true residual. If x picked up a NaN
     * or infinity (only possible through NaN in A or M) x is reset to 0, so no NaN leaves a
     * solver, and the reason becomes DIVERGED_NAN. A breakdown or NaN met after the tested
     * recurrence fell a hundredfold below the true residual becomes DIVERGED_STAGNATION (the
     * precision floor, see {@link ConvergenceTest#belowTruth}).
     */
    static SolveResult finish(ConvergenceTest test, StopReason reason, int k, LinearOperator a,
            Vector b, Vector x, Vector work, String detail) {
        double xx = x.dot(x);
        if (Double.isNaN(xx) || Double.isInfinite(xx)) {
            x.fill(0.0);
            double rn = b.norm2();
            return test.result(StopReason.DIVERGED_NAN, k, rn,
                    (detail.isEmpty() ? "" : detail + "; ") + "x had NaN/inf and was reset to 0");
        }
        double rn = SolverSupport.trueResidualNorm(a, b, x, work);
        if ((reason == StopReason.DIVERGED_BREAKDOWN || reason == StopReason.DIVERGED_NAN) && test.belowTruth(rn)) {
            // A scalar vanished after the recurrence fell far below the true residual: the
            // iteration hit the precision floor; blaming a breakdown would mislead.
            return test.result(StopReason.DIVERGED_STAGNATION, k, rn, String.format(java.util.Locale.ROOT,
                    "precision floor: %s after the recurrence fell to %.3e while the true residual is %.3e",
                    detail.isEmpty() ? reason.name() : detail, test.lastNorm(), rn));
        }
        return test.result(reason, k, rn, detail);
    }
}
