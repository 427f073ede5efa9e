package io.krylovforge.solvers.krylov;

import io.krylovforge.core.backend.Backend;
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
 * BiCGStab: bi-conjugate gradients stabilised by a one-step minimal-residual polynomial.
 *
 * <p>Requires a nonsingular A (nonsymmetric allowed); M is applied on the right, so the tested
 * residual r is the unpreconditioned ‖b − Ax‖ (by recurrence). One iteration = two products
 * with A; convergence is also tested after the first half step (‖s‖), which counts as the
 * iteration. Before reporting convergence the true residual is recomputed; if it misses the
 * tolerance the method restarts from it with r̂ = r (at most
 * {@value SolverSupport#MAX_REPLACEMENTS} times, then DIVERGED_STAGNATION). Breakdowns:
 * ρ = r̂ᵀr = 0, r̂ᵀv = 0, ω = 0 or ‖t‖ = 0 stop with DIVERGED_BREAKDOWN before touching x with
 * the failed scalar.
 *
 * <p>Reference: van der Vorst, Bi-CGSTAB, SIAM J. Sci. Stat. Comput. 13 (1992); Saad, Iterative
 * Methods for Sparse Linear Systems, 2nd ed., Algorithm 7.7, preconditioned on the right
 * (Chapter 9).
 */
public final class BiCgStab implements IterativeSolver {
    /** Default dtol of this method: see {@link #defaultDtol()}. */
    public static final double TRANSIENT_DTOL = 1e10;

    /**
     * 1e10: BiCGStab's residual may grow by several orders of magnitude before it converges (the
     * BentPipe2D convection–diffusion matrix passes 2·10⁵× in SciPy's BiCGStab), so the common 1e5
     * would stop it during the transient. NaN and infinity are still caught at once.
     */
    @Override
    public double defaultDtol() {
        return TRANSIENT_DTOL;
    }

    @Override
    public String name() {
        return "bicgstab";
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
        Backend backend = b.backend();
        Vector r = b.zerosLike();
        SolverSupport.initialResidual(a, b, x, options, r);
        Vector rhat = r.copy();
        Vector p = b.zerosLike();
        Vector v = b.zerosLike();
        Vector t = b.zerosLike();
        Vector phat = m != null ? b.zerosLike() : p;
        // s = r - alpha v overwrites r in place (the old r is not needed again), saving a copy
        Vector shat = m != null ? b.zerosLike() : r;
        // the next rho = rhat'r, summed by the closing update while r is in cache (rhoNext[1]: scratch)
        double[] rhoNext = new double[2];
        boolean rhoKnown = false;

        double rnorm = r.norm2();
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int replacements = 0;
        double rho = 1.0;
        double alpha = 1.0;
        double omega = 1.0;
        boolean restart = true;
        while (true) {
            if (reason != null) {
                if (!reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, t, "");
                }
                double trueNorm = SolverSupport.trueResidualNorm(a, b, x, t);
                SolveResult confirmed = test.confirm(k, trueNorm, replacements++);
                if (confirmed != null) {
                    return confirmed;
                }
                r.copyFrom(t); // r = b - A x replaces the drifted recurrence
                rhat.copyFrom(r);
                restart = true;
                reason = null;
                rhoKnown = false;
            }
            double rhoNew = rhoKnown ? rhoNext[0] : rhat.dot(r);
            rhoKnown = false;
            if (!KrylovSupport.usable(rhoNew)) {
                return KrylovSupport.finish(test, KrylovSupport.nanOr(rhoNew, StopReason.DIVERGED_BREAKDOWN),
                        k, a, b, x, t, "rho = r^'r = " + rhoNew);
            }
            if (restart) {
                p.copyFrom(r); // p = r
                restart = false;
            } else {
                double beta = (rhoNew / rho) * (alpha / omega);
                backend.bicgDirection(beta, omega, r, v, p); // p = r + beta (p - omega v), one pass
            }
            rho = rhoNew;
            if (m != null) {
                m.apply(p, phat); // phat = M^-1 p
            }
            double rv = backend.applyDotWith(a, phat, v, rhat); // v = A phat, and rhat'v in the same pass
            alpha = rho / rv;
            if (!KrylovSupport.usable(rv) || !KrylovSupport.usable(alpha)) {
                return KrylovSupport.finish(test, KrylovSupport.nanOr(rv, StopReason.DIVERGED_BREAKDOWN),
                        k, a, b, x, t, "r^'v = " + rv);
            }
            double snorm = Math.sqrt(backend.axpyDot(-alpha, v, r, r)); // s = r - alpha v (kept in r) and s.s in one pass
            if (test.satisfied(snorm)) {
                x.axpy(alpha, phat); // x <- x + alpha phat: the half step already converged
                k++;
                reason = test.check(k, snorm);
                continue;
            }
            if (m != null) {
                m.apply(r, shat); // shat = M^-1 s
            }
            // t = A shat with t's (s is in r) in the same pass, as v = A phat above: both products
            // then go through the same fused kernel, which decides on rows whether to fork, as the
            // vector kernels do (a plain apply forked on nonzeros: at 256² every iteration woke
            // the pool for this product alone)
            double ts = backend.applyDotWith(a, shat, t, r);
            double tt = t.dot(t);
            omega = ts / tt;
            if (!KrylovSupport.usable(tt) || !KrylovSupport.usable(omega)) {
                x.axpy(alpha, phat); // keep the good half step
                k++;
                test.record(k, snorm);
                return KrylovSupport.finish(test,
                        KrylovSupport.nanOr(omega, StopReason.DIVERGED_BREAKDOWN), k, a, b, x, t,
                        "omega = t's / t't = " + ts + " / " + tt);
            }
            // x <- x + alpha phat + omega shat, r = s - omega t, r'r and the next rho = rhat'r: one pass
            double rr = backend.bicgUpdate(alpha, phat, omega, shat, x, t, r, rhat, rhoNext);
            rhoKnown = true;
            k++;
            reason = test.check(k, Math.sqrt(rr));
        }
    }
}
