package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * Flexible conjugate gradients, FCG(mmax): CG for a preconditioner that may change from one
 * application to the next or be nonlinear (an inner iteration, an AMG cycle with varying
 * smoothing, a trained network). Each new direction is made A-orthogonal explicitly to the last
 * mmax directions instead of through the three-term recurrence, which needs a fixed symmetric M.
 *
 * <pre>
 *   r = b − A x;  repeat:
 *     z = M_k⁻¹ r
 *     p_k = z − Σ_{j=k−mmax..k−1} (zᵀA p_j / p_jᵀA p_j) p_j       (truncated A-orthogonalisation)
 *     s_k = A p_k;  η_k = p_kᵀ s_k
 *     α = p_kᵀ r / η_k;  x ← x + α p_k;  r ← r − α s_k              (exact line search in the A-norm)
 * </pre>
 *
 * <p>With a fixed SPD M and exact arithmetic, every mmax ≥ 1 gives PCG's iterates; with a
 * variable M, larger mmax keeps more of the global conjugacy (Notay shows mmax = 1 already keeps
 * CG-like convergence when M varies mildly). Memory: 2·mmax + 3 vectors.
 *
 * <p>Requires A symmetric positive definite; M need not be symmetric, linear or fixed. Stopping
 * rule as {@link ConjugateGradient}: the recurrence residual ‖r‖ is tested, and before reporting
 * convergence the true residual b − Ax is recomputed; if it misses the tolerance, r is replaced
 * by it and the stored directions are dropped (at most {@value SolverSupport#MAX_REPLACEMENTS}
 * times, then DIVERGED_STAGNATION). p_kᵀA p_k ≤ 0 stops with DIVERGED_INDEFINITE_MATRIX
 * (DIVERGED_BREAKDOWN when the preconditioner returned z = 0 for r ≠ 0), NaN with DIVERGED_NAN,
 * a {@link PreconditionerFailedException} with DIVERGED_PRECONDITIONER_FAILED.
 *
 * <p>References: Y. Notay, "Flexible conjugate gradients", SIAM J. Sci. Comput. 22 (2000)
 * 1444–1460 (FCG with truncation mmax); G. H. Golub and Q. Ye, "Inexact preconditioned conjugate
 * gradient method with inner-outer iteration", SIAM J. Sci. Comput. 21 (1999); PETSc KSPFCG
 * ({@code src/ksp/ksp/impls/fcg/fcg.c}, option {@code -ksp_fcg_mmax}).
 */
public final class FlexibleConjugateGradient implements IterativeSolver {
    /** Default truncation: Notay's FCG(1), one previous direction. */
    public static final int DEFAULT_MMAX = 1;

    private final int mmax;

    /** FCG(1). */
    public FlexibleConjugateGradient() {
        this(DEFAULT_MMAX);
    }

    /** @param mmax how many previous directions each new one is A-orthogonalised against (≥ 1) */
    public FlexibleConjugateGradient(int mmax) {
        if (mmax < 1) {
            throw new IllegalArgumentException("FCG mmax must be >= 1, got " + mmax);
        }
        this.mmax = mmax;
    }

    /** Number of previous directions kept. */
    public int mmax() {
        return mmax;
    }

    @Override
    public String name() {
        return "fcg";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        test.watchTrueResidual(a, b, x); // x is current at every check: the floor shows
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditioner();
        Vector r = b.zerosLike();
        SolverSupport.initialResidual(a, b, x, options, r);
        Vector z = m != null ? b.zerosLike() : r;
        Vector work = b.zerosLike();
        // ring buffer of the last mmax directions p_j, their images s_j = A p_j and eta_j = p_j'A p_j
        Vector[] p = new Vector[mmax + 1];
        Vector[] s = new Vector[mmax + 1];
        double[] eta = new double[mmax + 1];
        for (int j = 0; j <= mmax; j++) {
            p[j] = b.zerosLike();
            s[j] = b.zerosLike();
        }
        int stored = 0; // directions in the ring, at most mmax
        int head = 0;   // slot of the next direction

        double rnorm = r.norm2();
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int replacements = 0;
        while (true) {
            if (reason != null) {
                if (!reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, work, "");
                }
                double trueNorm = SolverSupport.trueResidualNorm(a, b, x, work);
                StopReason confirmed = test.reasonFor(trueNorm);
                if (confirmed != null) {
                    return test.result(confirmed, k, trueNorm, "");
                }
                if (replacements++ == SolverSupport.MAX_REPLACEMENTS || k >= test.maxIterations()) {
                    return test.result(StopReason.DIVERGED_STAGNATION, k, trueNorm,
                            "true residual stays above the tolerance");
                }
                r.copyFrom(work); // r = b - A x, replacing the drifted recurrence
                stored = 0;       // and restart the directions from it
            }
            if (m != null) {
                try {
                    m.apply(r, z); // z = M_k^-1 r
                } catch (PreconditionerFailedException e) {
                    return KrylovSupport.finish(test, StopReason.DIVERGED_PRECONDITIONER_FAILED, k, a, b, x, work,
                            e.getMessage());
                }
            }
            Vector pk = p[head];
            Vector sk = s[head];
            pk.copyFrom(z); // p_k = z
            // classical Gram-Schmidt in the A-inner product: the coefficients use z, not the
            // partially updated p_k, as in Notay's and PETSc's FCG
            for (int t = 1; t <= stored; t++) {
                int j = (head - t + mmax + 1) % (mmax + 1);
                double beta = z.dot(s[j]) / eta[j];
                pk.axpy(-beta, p[j]); // p_k <- p_k - beta_j p_j
            }
            a.apply(pk, sk); // s_k = A p_k
            double etak = pk.dot(sk);
            if (!(etak > 0.0)) {
                StopReason why = Double.isNaN(etak) ? StopReason.DIVERGED_NAN
                        : pk.norm2() == 0.0 ? StopReason.DIVERGED_BREAKDOWN : StopReason.DIVERGED_INDEFINITE_MATRIX;
                return KrylovSupport.finish(test, why, k, a, b, x, work, "p'Ap = " + etak);
            }
            double alpha = pk.dot(r) / etak;
            x.axpy(alpha, pk);  // x <- x + alpha p_k
            r.axpy(-alpha, sk); // r <- r - alpha s_k
            eta[head] = etak;
            head = (head + 1) % (mmax + 1);
            stored = Math.min(stored + 1, mmax);
            k++;
            rnorm = r.norm2();
            reason = test.check(k, rnorm);
        }
    }
}
