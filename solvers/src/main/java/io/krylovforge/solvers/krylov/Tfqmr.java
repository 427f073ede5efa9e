package io.krylovforge.solvers.krylov;

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
 * Transpose-free QMR: quasi-minimises the CGS residual, giving smooth convergence without Aᵀ.
 *
 * <p>Requires a nonsingular A; M is applied on the right. One iteration = one half step of the
 * underlying CGS = one product with A. The tested norm is the QMR bound √(m+1)·τ_m ≥ ‖r_m‖
 * (as SciPy's tfqmr does); before reporting convergence the true residual is recomputed and the
 * method restarts from it if it misses the tolerance (at most
 * {@value SolverSupport#MAX_REPLACEMENTS} times, then DIVERGED_STAGNATION). Breakdowns
 * (r*ᵀv = 0, ρ = 0) give DIVERGED_BREAKDOWN.
 *
 * <p>Reference: Freund, A transpose-free quasi-minimal residual algorithm for non-Hermitian
 * linear systems, SIAM J. Sci. Comput. 14 (1993); Saad, Iterative Methods for Sparse Linear
 * Systems, 2nd ed., Algorithm 7.8.
 */
public final class Tfqmr implements IterativeSolver {
    /** Default dtol of this method: see {@link #defaultDtol()}. */
    public static final double TRANSIENT_DTOL = 1e10;

    /**
     * 1e10: TFQMR (CGS-based)'s residual may grow by several orders of magnitude before it converges (the
     * BentPipe2D convection–diffusion matrix passes 2·10⁵× in SciPy's BiCGStab), so the common 1e5
     * would stop it during the transient. NaN and infinity are still caught at once.
     */
    @Override
    public double defaultDtol() {
        return TRANSIENT_DTOL;
    }

    @Override
    public String name() {
        return "tfqmr";
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
        Vector u = b.zerosLike();
        Vector uNext = b.zerosLike();
        Vector w = b.zerosLike();
        Vector rstar = b.zerosLike();
        Vector v = b.zerosLike();
        Vector uhat = b.zerosLike();
        Vector d = b.zerosLike();
        Vector ustar = m != null ? b.zerosLike() : null;
        Vector work = b.zerosLike();

        StopReason reason = test.check(0, r.norm2());
        int k = 0;
        int replacements = 0;
        while (true) {
            if (reason != null) {
                if (!reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, work, "");
                }
                double trueNorm = SolverSupport.trueResidualNorm(a, b, x, work);
                SolveResult confirmed = test.confirm(k, trueNorm, replacements++);
                if (confirmed != null) {
                    return confirmed;
                }
                r.copyFrom(work);
                reason = null;
            }
            // (Re)start from r = b - A x.
            u.copyFrom(r);
            w.copyFrom(r);
            rstar.copyFrom(r);
            applyOp(a, m, u, v, ustar); // v = A M^-1 u
            uhat.copyFrom(v);
            d.fill(0.0);
            double theta = 0.0;
            double eta = 0.0;
            double tau = r.norm2();
            double rho = rstar.dot(r);
            double rhoLast = rho;
            double alpha = 0.0;
            for (int it = 0; reason == null; it++) {
                boolean even = it % 2 == 0;
                if (even) {
                    double vr = rstar.dot(v);
                    alpha = rho / vr;
                    if (!KrylovSupport.usable(vr) || !KrylovSupport.usable(alpha)) {
                        return KrylovSupport.finish(test, KrylovSupport.nanOr(vr, StopReason.DIVERGED_BREAKDOWN),
                                k, a, b, x, work, "r*'v = " + vr);
                    }
                    uNext.copyFrom(u);
                    uNext.axpy(-alpha, v); // u_{m+1} = u_m - alpha v
                }
                w.axpy(-alpha, uhat); // w <- w - alpha A M^-1 u_m
                // d <- M^-1 u_m + (theta^2 / alpha) eta d (M^-1 u_m is ustar, kept from the last product)
                d.axpby(1.0, m == null ? u : ustar, theta * theta * eta / alpha);
                theta = w.norm2() / tau;
                double c = 1.0 / Math.sqrt(1.0 + theta * theta);
                tau = tau * theta * c;
                eta = c * c * alpha;
                if (Double.isNaN(tau) || Double.isNaN(eta)) {
                    return KrylovSupport.finish(test, StopReason.DIVERGED_NAN, k, a, b, x, work,
                            "NaN in the quasi-residual");
                }
                x.axpy(eta, d); // x <- x + eta d
                k++;
                reason = test.check(k, tau * Math.sqrt(it + 1.0));
                if (reason != null) {
                    break;
                }
                if (!even) {
                    rho = rstar.dot(w);
                    double beta = rho / rhoLast;
                    if (!KrylovSupport.usable(rho) || Double.isInfinite(beta)) {
                        return KrylovSupport.finish(test, KrylovSupport.nanOr(rho, StopReason.DIVERGED_BREAKDOWN),
                                k, a, b, x, work, "rho = r*'w = " + rho);
                    }
                    u.axpby(1.0, w, beta); // u = w + beta u
                    v.axpby(beta, uhat, beta * beta); // v = beta uhat + beta^2 v
                    applyOp(a, m, u, uhat, ustar); // uhat = A M^-1 u
                    v.axpy(1.0, uhat); // v += uhat
                } else {
                    applyOp(a, m, uNext, uhat, ustar); // uhat = A M^-1 u_{m+1}
                    Vector swap = u;
                    u = uNext;
                    uNext = swap;
                    rhoLast = rho;
                }
            }
        }
    }

    /** y ← A·M⁻¹·v, keeping M⁻¹v in {@code mv} (or y ← A·v without M). */
    private static void applyOp(LinearOperator a, Preconditioner m, Vector v, Vector y, Vector mv) {
        if (m == null) {
            a.apply(v, y);
        } else {
            m.apply(v, mv);
            a.apply(mv, y);
        }
    }
}
