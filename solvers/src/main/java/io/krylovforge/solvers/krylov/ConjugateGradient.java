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
        test.watchTrueResidual(a, b, x); // x is current at every check: the floor shows
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

        double rr = r.dot(r);
        double rnorm = Math.sqrt(rr);
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int replacements = 0;
        double rho = 0.0;
        boolean restart = true;
        while (true) {
            if (reason != null) {
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
                StopReason why = Double.isNaN(rhoNew) ? StopReason.DIVERGED_NAN
                        : StopReason.DIVERGED_INDEFINITE_PRECONDITIONER;
                return test.result(why, k, SolverSupport.trueResidualNorm(a, b, x, q),
                        "r'M^-1 r = " + rhoNew);
            }
            double pq;
            if (restart) {
                p.copyFrom(z); // p = z
                restart = false;
                pq = b.backend().applyDot(a, p, q); // q = A p, fused with p'q
            } else {
                // p = z + beta p, q = A p and p'q in one sweep over p
                pq = b.backend().updateApplyDot(a, z, rhoNew / rho, p, q);
            }
            rho = rhoNew;
            if (!(pq > 0.0)) {
                StopReason why = Double.isNaN(pq) ? StopReason.DIVERGED_NAN
                        : StopReason.DIVERGED_INDEFINITE_MATRIX;
                return test.result(why, k, SolverSupport.trueResidualNorm(a, b, x, q), "p'Ap = " + pq);
            }
            double alpha = rho / pq;
            rr = b.backend().cgUpdate(alpha, p, q, x, r); // x += alpha p, r -= alpha q
            k++;
            reason = test.check(k, Math.sqrt(rr));
        }
    }
}
