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
 * Conjugate gradients, preconditioned when the options carry M (PCG).
 *
 * <p>Requires A symmetric positive definite and M symmetric positive definite. Tests the
 * unpreconditioned residual ‖r‖ = ‖b − Ax‖ from the recurrence; before reporting convergence it
 * recomputes the true residual and, if that misses the tolerance, replaces r by it and restarts
 * the directions (at most {@value SolverSupport#MAX_REPLACEMENTS} times, then DIVERGED_STAGNATION).
 * pᵀAp ≤ 0 stops with DIVERGED_INDEFINITE_MATRIX, rᵀz ≤ 0 with
 * DIVERGED_INDEFINITE_PRECONDITIONER.
 *
 * <p>Reference: Hestenes and Stiefel (1952); Saad, Iterative Methods for Sparse Linear Systems,
 * 2nd ed., Algorithm 9.1.
 */
public final class ConjugateGradient implements IterativeSolver {
    @Override
    public String name() {
        return "cg";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        test.watchTrueResidual(a, b, x); // x is brought up to date for the checks that read it: the floor shows
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditioner();
        boolean preconditioned = m != null;
        Vector r = b.zerosLike();
        SolverSupport.initialResidual(a, b, x, options, r);
        Vector z = preconditioned ? b.zerosLike() : r;
        Vector p = b.zerosLike();
        Vector q = b.zerosLike();

        Backend backend = b.backend();
        double rr = r.dot(r);
        double rnorm = Math.sqrt(rr);
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int replacements = 0;
        double rho = 0.0;
        double alpha = 0.0;
        // x += alpha p is deferred to the next sweep, which reads p anyway (the same element
        // operation, later: same bits); xBehind says x still lacks it. Every exit, true-residual
        // check and restart brings x up to date first.
        boolean xBehind = false;
        boolean restart = true;
        try {
            while (true) {
                if (reason != null) {
                    xBehind = catchUp(xBehind, alpha, p, x);
                    if (reason.converged()) {
                        double trueNorm = SolverSupport.trueResidualNorm(a, b, x, q);
                        SolveResult confirmed = test.confirm(k, trueNorm, replacements++);
                        if (confirmed != null) {
                            return confirmed;
                        }
                        r.copyFrom(q); // r = b - A x, replacing the drifted recurrence
                        rr = r.dot(r);
                        restart = true;
                    } else {
                        return test.result(reason, k, SolverSupport.trueResidualNorm(a, b, x, q), "");
                    }
                }
                double rhoNew = preconditioned ? m.applyDot(r, z) : rr; // z = M^-1 r, fused with r'z
                if (!(rhoNew > 0.0)) {
                    xBehind = catchUp(xBehind, alpha, p, x);
                    StopReason why = Double.isNaN(rhoNew) ? StopReason.DIVERGED_NAN
                            : StopReason.DIVERGED_INDEFINITE_PRECONDITIONER;
                    return test.result(why, k, SolverSupport.trueResidualNorm(a, b, x, q),
                            "r'M^-1 r = " + rhoNew);
                }
                double pq;
                if (restart) {
                    xBehind = catchUp(xBehind, alpha, p, x);
                    p.copyFrom(z); // p = z
                    restart = false;
                    pq = backend.applyDot(a, p, q); // q = A p, fused with p'q
                } else if (xBehind) {
                    xBehind = false; // before the call: x must not take alpha p twice should it throw
                    // x += alpha p (the last step's), p = z + beta p, q = A p and p'q in one sweep over p
                    pq = backend.updateApplyDot(a, z, rhoNew / rho, p, q, alpha, x);
                } else { // x caught up for a true-residual check
                    pq = backend.updateApplyDot(a, z, rhoNew / rho, p, q);
                }
                rho = rhoNew;
                if (!(pq > 0.0)) {
                    StopReason why = Double.isNaN(pq) ? StopReason.DIVERGED_NAN
                            : StopReason.DIVERGED_INDEFINITE_MATRIX;
                    return test.result(why, k, SolverSupport.trueResidualNorm(a, b, x, q), "p'Ap = " + pq);
                }
                alpha = rho / pq;
                rr = backend.axpyDot(-alpha, q, r, r); // r -= alpha q, r'r (summed as cgUpdate sums)
                xBehind = true;
                k++;
                rnorm = Math.sqrt(rr);
                if (test.readsSolution(rnorm)) {
                    xBehind = catchUp(xBehind, alpha, p, x);
                }
                reason = test.check(k, rnorm);
            }
        } finally {
            // an exception from the operator, preconditioner or monitor leaves x as the old CG
            // left it: with every completed step added
            catchUp(xBehind, alpha, p, x);
        }
    }

    /** x += alpha p when x is behind (as cgUpdate adds it); returns false: x is current. */
    private static boolean catchUp(boolean xBehind, double alpha, Vector p, Vector x) {
        if (xBehind) {
            x.axpy(alpha, p);
        }
        return false;
    }
}
