package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/** Entry checks and small steps shared by solver implementations. */
public final class SolverSupport {
    private SolverSupport() {
    }

    /** Checks shapes (square A, |b| = |x| = n) and that b is finite; names the sizes on failure. */
    public static void checkInput(LinearOperator a, Vector b, Vector x) {
        if (a.rows() != a.cols()) {
            throw new DimensionMismatchException(
                    "matrix must be square, got " + a.rows() + "x" + a.cols());
        }
        if (b.size() != a.rows()) {
            throw new DimensionMismatchException(
                    "b has " + b.size() + " entries but the matrix has " + a.rows() + " rows");
        }
        if (x.size() != a.cols()) {
            throw new DimensionMismatchException(
                    "x has " + x.size() + " entries but the matrix has " + a.cols() + " columns");
        }
        double bb = b.dot(b);
        if (Double.isNaN(bb) || Double.isInfinite(bb)) {
            throw new IllegalArgumentException("right-hand side b contains NaN or infinite values");
        }
    }

    /** r ← b − A·x. */
    public static void residual(LinearOperator a, Vector b, Vector x, Vector r) {
        a.apply(x, r);
        r.axpby(1.0, b, -1.0); // r = b - A x
    }

    /** ‖b − A·x‖ using {@code work} as scratch. */
    public static double trueResidualNorm(LinearOperator a, Vector b, Vector x, Vector work) {
        residual(a, b, x, work);
        return work.norm2();
    }

    /**
     * Sets up the preconditioner, mapping its failure to a result. Returns {@code null} on
     * success, or the failed result to return to the caller. Call it before touching x: the
     * failed result reports ‖b‖ (the residual of x = 0) as its residual norm.
     */
    public static SolveResult setUpPreconditioner(Preconditioner m, LinearOperator a,
            ConvergenceTest test) {
        try {
            m.setUp(a);
            return null;
        } catch (PreconditionerFailedException e) {
            test.record(0, test.bnorm());
            return test.result(StopReason.DIVERGED_PRECONDITIONER_FAILED, 0, test.bnorm(), e.getMessage());
        }
    }
}
