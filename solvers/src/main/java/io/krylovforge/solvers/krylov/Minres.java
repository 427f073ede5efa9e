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
 * MINRES: minimal residual over the Krylov space by the Lanczos process and a QR factorisation
 * of its tridiagonal, with three-term recurrences (memory independent of the iteration count).
 *
 * <p>Requires A symmetric (it may be indefinite) and M symmetric positive definite; r'M⁻¹r &lt; 0
 * stops with DIVERGED_INDEFINITE_PRECONDITIONER. Without M the tested norm is ‖b − Ax‖ (from the
 * recurrence φ̄); with M it is ‖b − Ax‖_{M⁻¹} = √(rᵀM⁻¹r), tested against rtol·‖b‖_{M⁻¹}, the
 * norm MINRES minimises (the result still reports ‖b − Ax‖ and ‖b − Ax‖/‖b‖). Convergence is
 * confirmed with the true residual; a miss restarts the recurrences from it (at most
 * {@value SolverSupport#MAX_REPLACEMENTS} times). A zero γ (singular tridiagonal, e.g. a singular
 * A) gives DIVERGED_BREAKDOWN before x is touched.
 *
 * <p>Reference: Paige and Saunders, Solution of sparse indefinite systems of linear equations,
 * SIAM J. Numer. Anal. 12 (1975); the recurrences follow Choi, Paige and Saunders' MINRES
 * reference code (also the basis of SciPy's minres).
 */
public final class Minres implements IterativeSolver {
    @Override
    public String name() {
        return "minres";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        SolverSupport.checkInput(a, b, x);
        double bnorm = b.norm2();
        if (bnorm == 0.0) {
            return SolverSupport.zeroRhs(x, new ConvergenceTest(options, 0.0));
        }
        Preconditioner m = options.preconditioner();
        Vector r1 = b.zerosLike();
        Vector r2 = b.zerosLike();
        Vector y = b.zerosLike();
        Vector v = b.zerosLike();
        Vector w = b.zerosLike();
        Vector w1 = b.zerosLike();
        Vector w2 = b.zerosLike();
        Vector work = b.zerosLike();
        double testScale = bnorm;
        if (m != null) {
            SolveResult failed = SolverSupport.setUpPreconditioner(m, a, new ConvergenceTest(options, bnorm));
            if (failed != null) {
                return failed;
            }
            m.apply(b, y);
            double bmb = b.dot(y);
            if (!(bmb > 0.0) || Double.isInfinite(bmb)) {
                x.fill(0.0);
                return Gmres.withTrueRelative(new ConvergenceTest(options, bnorm).result(
                        KrylovSupport.nanOr(bmb, StopReason.DIVERGED_INDEFINITE_PRECONDITIONER), 0, bnorm,
                        "b'M^-1 b = " + bmb), bnorm);
            }
            testScale = Math.sqrt(bmb);
        }
        ConvergenceTest test = new ConvergenceTest(options, testScale);
        test.watchTrueResidual(a, b, x); // x is current at every check: the floor shows
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        int k = 0;
        int replacements = 0;
        boolean first = true;
        while (true) {
            // (Re)start: r1 = b - A x, y = M^-1 r1, beta1 = sqrt(r1'y)
            SolverSupport.residual(a, b, x, r1);
            precondition(m, r1, y);
            double beta1 = r1.dot(y);
            if (Double.isNaN(beta1) || beta1 < 0.0) {
                return done(test, KrylovSupport.nanOr(beta1, StopReason.DIVERGED_INDEFINITE_PRECONDITIONER),
                        k, a, b, x, work, "r'M^-1 r = " + beta1, bnorm);
            }
            beta1 = Math.sqrt(beta1);
            StopReason reason;
            if (first) {
                reason = test.check(0, beta1);
                first = false;
            } else {
                reason = test.reasonFor(beta1);
            }
            if (reason != null) {
                return done(test, reason, k, a, b, x, work, "", bnorm);
            }
            if (k >= test.maxIterations()) {
                return done(test, StopReason.DIVERGED_MAX_ITERATIONS, k, a, b, x, work, "", bnorm);
            }
            r2.copyFrom(r1);
            w.fill(0.0);
            w2.fill(0.0);
            double oldb = 0.0;
            double beta = beta1;
            double dbar = 0.0;
            double epsln = 0.0;
            double phibar = beta1;
            double cs = -1.0;
            double sn = 0.0;
            int itn = 0;
            while (reason == null) {
                itn++;
                v.copyFrom(y);
                v.scale(1.0 / beta); // v = y / beta
                a.apply(v, y); // y = A v
                if (itn >= 2) {
                    y.axpy(-beta / oldb, r1); // y -= (beta/oldb) r1
                }
                double alfa = v.dot(y);
                y.axpy(-alfa / beta, r2); // y -= (alfa/beta) r2
                Vector swap = r1;
                r1 = r2;
                r2 = y;
                y = swap;
                precondition(m, r2, y); // y = M^-1 r2
                oldb = beta;
                beta = r2.dot(y);
                if (Double.isNaN(beta) || beta < 0.0) {
                    return done(test, KrylovSupport.nanOr(beta, StopReason.DIVERGED_INDEFINITE_PRECONDITIONER),
                            k, a, b, x, work, "r'M^-1 r = " + beta, bnorm);
                }
                beta = Math.sqrt(beta);
                // Apply the previous rotation, then make the one that annihilates beta.
                double oldeps = epsln;
                double delta = cs * dbar + sn * alfa;
                double gbar = sn * dbar - cs * alfa;
                epsln = sn * beta;
                dbar = -cs * beta;
                double gamma = Math.hypot(gbar, beta);
                if (!(gamma > 0.0) || Double.isInfinite(gamma)) {
                    return done(test, KrylovSupport.nanOr(gamma, StopReason.DIVERGED_BREAKDOWN), k, a, b, x,
                            work, "gamma = " + gamma + " (singular tridiagonal)", bnorm);
                }
                cs = gbar / gamma;
                sn = beta / gamma;
                double phi = cs * phibar;
                phibar = sn * phibar;
                // w_new = (v - oldeps w1 - delta w2) / gamma with w1 <- w2, w2 <- w
                Vector wNew = w1;
                w1 = w2;
                w2 = w;
                w = wNew;
                w.copyFrom(v);
                w.axpy(-oldeps, w1);
                w.axpy(-delta, w2);
                w.scale(1.0 / gamma);
                x.axpy(phi, w); // x <- x + phi w
                k++;
                reason = test.check(k, Math.abs(phibar));
                if (reason == null && beta == 0.0) {
                    // Lanczos found an invariant subspace: nothing further to minimise over.
                    reason = StopReason.CONVERGED_RTOL;
                }
            }
            if (!reason.converged()) {
                return done(test, reason, k, a, b, x, work, "", bnorm);
            }
            SolverSupport.residual(a, b, x, work);
            precondition(m, work, y);
            double trueTested = Math.sqrt(Math.max(0.0, work.dot(y)));
            StopReason confirmed = test.reasonFor(trueTested);
            if (confirmed != null) {
                return done(test, confirmed, k, a, b, x, work, "", bnorm);
            }
            if (replacements++ == SolverSupport.MAX_REPLACEMENTS || k >= test.maxIterations()) {
                return done(test, StopReason.DIVERGED_STAGNATION, k, a, b, x, work,
                        "true residual stays above the tolerance", bnorm);
            }
        }
    }

    private static void precondition(Preconditioner m, Vector r, Vector z) {
        if (m == null) {
            z.copyFrom(r);
        } else {
            m.apply(r, z);
        }
    }

    private static SolveResult done(ConvergenceTest test, StopReason reason, int k, LinearOperator a,
            Vector b, Vector x, Vector work, String detail, double bnorm) {
        return Gmres.withTrueRelative(KrylovSupport.finish(test, reason, k, a, b, x, work, detail), bnorm);
    }
}
