package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * Conjugate gradients for several right-hand sides at once: one independent (P)CG recurrence
 * per column, sharing each iteration's matrix pass — when A is a {@link CsrMatrix} and the
 * vectors live on the host, all active columns are multiplied in one read of A
 * ({@link CsrMultiVectorProduct}); otherwise column by column. Columns that converge (or fail)
 * drop out of the product.
 *
 * <p>Why not block CG (O'Leary 1980): block CG shares the Krylov space and can save iterations,
 * but needs rank-revealing handling when columns become dependent; independent recurrences give
 * each column exactly the iterates and stop reason of {@link ConjugateGradient}, which is what
 * callers solving many loads on one matrix expect, and still pay the matrix stream once.
 *
 * <p>Requirements, stopping rule and failure reasons per column are those of
 * {@link ConjugateGradient}. The monitor, if any, is called by every column's test (k restarts
 * at 0 per column).
 *
 * <p>Reference: Hestenes and Stiefel (1952); Saad, Iterative Methods for Sparse Linear Systems,
 * 2nd ed., Algorithm 9.1.
 */
public final class MultiRhsConjugateGradient implements IterativeSolver {
    @Override
    public String name() {
        return "mrhs-cg";
    }

    /** One right-hand side: same as {@link ConjugateGradient}. */
    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        return solve(a, new Vector[] {b}, new Vector[] {x}, options)[0];
    }

    /**
     * Solves A·X[c] = B[c] for every column c.
     *
     * @param a       SPD operator
     * @param bs      in: right-hand sides (unchanged)
     * @param xs      in/out: guesses (used when {@code nonzeroGuess}) and solutions
     * @param options shared options
     * @return one result per column, in order
     */
    public SolveResult[] solve(LinearOperator a, Vector[] bs, Vector[] xs, SolverOptions options) {
        if (bs.length != xs.length) {
            throw new DimensionMismatchException(
                    "got " + bs.length + " right-hand sides but " + xs.length + " solution vectors");
        }
        int s = bs.length;
        for (int c = 0; c < s; c++) {
            SolverSupport.checkInput(a, bs[c], xs[c]);
        }
        SolveResult[] results = new SolveResult[s];
        if (s == 0) {
            return results;
        }
        Preconditioner m = options.preconditioner();
        boolean pre = m != null;
        ConvergenceTest[] tests = new ConvergenceTest[s];
        for (int c = 0; c < s; c++) {
            tests[c] = new ConvergenceTest(options, bs[c].norm2());
        }
        if (pre) {
            SolveResult failed = SolverSupport.setUpPreconditioner(m, a, tests[0]);
            if (failed != null) {
                for (int c = 0; c < s; c++) {
                    results[c] = c == 0 ? failed : tests[c].result(failed.reason(), 0, Double.NaN, failed.detail());
                }
                return results;
            }
        }
        boolean host = a instanceof CsrMatrix;
        for (int c = 0; c < s && host; c++) {
            host = bs[c] instanceof DenseVector && xs[c] instanceof DenseVector;
        }
        CsrMultiVectorProduct product = host ? new CsrMultiVectorProduct((CsrMatrix) a) : null;

        Vector[] r = new Vector[s];
        Vector[] z = new Vector[s];
        Vector[] p = new Vector[s];
        Vector[] q = new Vector[s];
        double[][] pArr = new double[s][];
        double[][] qArr = new double[s][];
        double[] rho = new double[s];
        double[] rr = new double[s];
        int[] k = new int[s];
        int[] replacements = new int[s];
        boolean[] restart = new boolean[s];
        int[] active = new int[s];
        int count = 0;
        for (int c = 0; c < s; c++) {
            Vector b = bs[c];
            Vector x = xs[c];
            if (tests[c].bnorm() == 0.0) {
                results[c] = SolverSupport.zeroRhs(x, tests[c]);
                continue;
            }
            r[c] = b.zerosLike();
            p[c] = b.zerosLike();
            q[c] = b.zerosLike();
            z[c] = pre ? b.zerosLike() : r[c];
            if (host) {
                pArr[c] = DenseVector.array(p[c]);
                qArr[c] = DenseVector.array(q[c]);
            }
            if (options.nonzeroGuess()) {
                SolverSupport.residual(a, b, x, r[c]);
            } else {
                x.fill(0.0);
                r[c].copyFrom(b);
            }
            rr[c] = r[c].dot(r[c]);
            restart[c] = true;
            StopReason reason = tests[c].check(0, Math.sqrt(rr[c]));
            if (reason == null || (results[c] = settle(c, reason, a, bs, xs, r, q, rr, restart, replacements,
                    k, tests)) == null) {
                active[count++] = c;
            }
        }
        while (count > 0) {
            // Directions for every active column, then one shared matrix pass.
            int kept = 0;
            for (int t = 0; t < count; t++) {
                int c = active[t];
                if (pre) {
                    m.apply(r[c], z[c]); // z = M^-1 r
                }
                double rhoNew = pre ? r[c].dot(z[c]) : rr[c];
                if (!(rhoNew > 0.0)) {
                    results[c] = KrylovSupport.finish(tests[c],
                            KrylovSupport.nanOr(rhoNew, StopReason.DIVERGED_INDEFINITE_PRECONDITIONER), k[c], a,
                            bs[c], xs[c], q[c], "r'M^-1 r = " + rhoNew);
                    continue;
                }
                if (restart[c]) {
                    p[c].copyFrom(z[c]); // p = z
                    restart[c] = false;
                } else {
                    p[c].axpby(1.0, z[c], rhoNew / rho[c]); // p = z + beta p
                }
                rho[c] = rhoNew;
                active[kept++] = c;
            }
            count = kept;
            if (count == 0) {
                break;
            }
            if (host) {
                product.multiply(pArr, qArr, active, count); // Q = A P for all active columns
            } else {
                for (int t = 0; t < count; t++) {
                    a.apply(p[active[t]], q[active[t]]);
                }
            }
            kept = 0;
            for (int t = 0; t < count; t++) {
                int c = active[t];
                double pq = p[c].dot(q[c]);
                if (!(pq > 0.0)) {
                    results[c] = KrylovSupport.finish(tests[c],
                            KrylovSupport.nanOr(pq, StopReason.DIVERGED_INDEFINITE_MATRIX), k[c], a, bs[c], xs[c],
                            q[c], "p'Ap = " + pq);
                    continue;
                }
                double alpha = rho[c] / pq;
                rr[c] = bs[c].backend().cgUpdate(alpha, p[c], q[c], xs[c], r[c]); // x += alpha p, r -= alpha q
                k[c]++;
                StopReason reason = tests[c].check(k[c], Math.sqrt(rr[c]));
                if (reason == null || (results[c] = settle(c, reason, a, bs, xs, r, q, rr, restart, replacements,
                        k, tests)) == null) {
                    active[kept++] = c;
                }
            }
            count = kept;
        }
        return results;
    }

    /**
     * Turns a stop reason of column c into its result, or returns {@code null} when a converged
     * recurrence was not confirmed and the column goes on from its true residual.
     */
    private static SolveResult settle(int c, StopReason reason, LinearOperator a, Vector[] bs, Vector[] xs,
            Vector[] r, Vector[] q, double[] rr, boolean[] restart, int[] replacements, int[] k,
            ConvergenceTest[] tests) {
        ConvergenceTest test = tests[c];
        if (!reason.converged()) {
            return KrylovSupport.finish(test, reason, k[c], a, bs[c], xs[c], q[c], "");
        }
        double trueNorm = SolverSupport.trueResidualNorm(a, bs[c], xs[c], q[c]);
        SolveResult confirmed = test.confirm(k[c], trueNorm, replacements[c]++);
        if (confirmed != null) {
            return confirmed;
        }
        r[c].copyFrom(q[c]); // r = b - A x replaces the drifted recurrence
        rr[c] = r[c].dot(r[c]);
        restart[c] = true;
        return null;
    }
}
