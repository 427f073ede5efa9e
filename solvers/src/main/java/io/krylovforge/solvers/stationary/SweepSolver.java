package io.krylovforge.solvers.stationary;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * The loop shared by the matrix-splitting iterations (Jacobi, Gauss–Seidel, SOR, SSOR): they
 * need the CSR arrays of A on the host, fetched once per solve. Every iteration is one sweep
 * followed by one SpMV for the true residual r = b − Ax, which the shared convergence test
 * checks (so no confirmation step is needed; Jacobi reuses that r in its next sweep, so it costs
 * one SpMV per iteration in all).
 *
 * <p>The splittings are preconditioners in their own right: passing another preconditioner is a
 * user error. A zero or missing diagonal entry ends the solve at k = 0 with DIVERGED_BREAKDOWN
 * naming the row.
 */
abstract class SweepSolver implements IterativeSolver {
    /** The CSR arrays of A plus the position of each diagonal entry in them. */
    static final class Csr {
        final int n;
        final int[] rowPtr;
        final int[] colIdx;
        final double[] values;
        final int[] diagPos;

        Csr(CsrMatrix a) {
            n = a.rows();
            rowPtr = a.rowPtr();
            colIdx = a.colIdx();
            values = a.values();
            diagPos = new int[n];
            for (int i = 0; i < n; i++) {
                diagPos[i] = -1;
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    if (colIdx[k] == i) {
                        diagPos[i] = k;
                    }
                }
            }
        }

        /** The first row whose diagonal is absent, zero or not finite, or -1. */
        int badDiagonalRow() {
            for (int i = 0; i < n; i++) {
                int k = diagPos[i];
                if (k < 0 || values[k] == 0.0 || Double.isNaN(values[k]) || Double.isInfinite(values[k])) {
                    return i;
                }
            }
            return -1;
        }

        /** r ← b − A x. */
        void residual(double[] b, double[] x, double[] r) {
            final int[] ptr = rowPtr;
            final int[] col = colIdx;
            final double[] val = values;
            for (int i = 0, rows = n; i < rows; i++) {
                double sum = b[i];
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    sum -= val[k] * x[col[k]];
                }
                r[i] = sum; // r = b - A x
            }
        }
    }

    /** One sweep: x ← x + (splitting correction); r holds b − Ax for the incoming x. */
    abstract void sweep(Csr a, double[] b, double[] x, double[] r);

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        SolverSupport.checkInput(a, b, x);
        if (!(a instanceof CsrMatrix)) {
            throw new IllegalArgumentException(name() + " sweeps need a CsrMatrix, got "
                    + a.getClass().getSimpleName());
        }
        if (options.preconditioner() != null) {
            throw new IllegalArgumentException(name() + " is itself a splitting preconditioner; got "
                    + "another one (" + options.preconditioner().name() + "): pass none");
        }
        double[] xa = DenseVector.array(x);
        double[] ba = DenseVector.array(b);
        ConvergenceTest test = new ConvergenceTest(options, b.norm2());
        if (test.bnorm() == 0.0) {
            x.fill(0.0);
            test.record(0, 0.0);
            return test.result(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, "");
        }
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        Csr csr = new Csr((CsrMatrix) a);
        double[] r = new double[csr.n];
        csr.residual(ba, xa, r);
        double rnorm = norm(r);
        int bad = csr.badDiagonalRow();
        if (bad >= 0) {
            test.record(0, rnorm);
            return test.result(StopReason.DIVERGED_BREAKDOWN, 0, rnorm,
                    "diagonal entry of row " + bad + " (0-based) is zero or missing");
        }
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        while (reason == null) {
            sweep(csr, ba, xa, r);
            k++;
            csr.residual(ba, xa, r);
            rnorm = norm(r);
            reason = test.check(k, rnorm);
        }
        if (reason == StopReason.DIVERGED_NAN) {
            x.fill(0.0); // never hand back NaN
            return test.result(reason, k, b.norm2(), "x had NaN/inf and was reset to 0");
        }
        return test.result(reason, k, rnorm, "");
    }

    static double norm(double[] v) {
        return io.krylovforge.core.linalg.VectorKernels.norm2(v);
    }

    static void checkOmega(double omega, double upper) {
        if (!(omega > 0.0 && omega < upper)) {
            throw new IllegalArgumentException("omega must be in (0, " + upper + "), got " + omega);
        }
    }
}
