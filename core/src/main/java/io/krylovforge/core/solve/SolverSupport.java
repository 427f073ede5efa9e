package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/** Entry checks and small steps shared by solver implementations. */
public final class SolverSupport {
    /**
     * How often a solver may replace a converged recurrence residual by the true residual and go
     * on before it reports DIVERGED_STAGNATION.
     */
    public static final int MAX_REPLACEMENTS = 5;
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

    /** Checks the input ({@link #checkInput}) and creates the solve's convergence test. */
    public static ConvergenceTest begin(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        checkInput(a, b, x);
        return new ConvergenceTest(options, b.norm2());
    }

    /**
     * The two ways a solve ends before its first iteration: b = 0 (x = 0 is exact,
     * CONVERGED_ZERO_RHS) and a preconditioner that fails to set up. Returns that result, or
     * {@code null} when the solve should go on (the preconditioner, if any, is then set up).
     */
    public static SolveResult finishEarly(LinearOperator a, Vector x, SolverOptions options,
            ConvergenceTest test) {
        if (test.bnorm() == 0.0) {
            return zeroRhs(x, test);
        }
        Preconditioner m = options.preconditioner();
        return m == null ? null : setUpPreconditioner(m, a, test);
    }

    /** b = 0: x = 0 is exact, no iteration (CONVERGED_ZERO_RHS). */
    public static SolveResult zeroRhs(Vector x, ConvergenceTest test) {
        x.fill(0.0);
        test.record(0, 0.0);
        return test.result(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, "");
    }

    /** r ← b − A·x for a nonzero guess; else x ← 0 and r ← b (no product needed). */
    public static void initialResidual(LinearOperator a, Vector b, Vector x, SolverOptions options, Vector r) {
        if (options.nonzeroGuess()) {
            residual(a, b, x, r);
        } else {
            x.fill(0.0);
            r.copyFrom(b); // r = b - A 0
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
