package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.DenseVector;
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
 * Pipelined (preconditioned) conjugate gradients: CG rearranged so that each iteration has a
 * single global reduction (γ = rᵀu, δ = wᵀu and ‖r‖² together), which a distributed or GPU
 * implementation can overlap with the matrix-vector product. Extra recurrences carry w = Au,
 * s = Ap, q = M⁻¹s and z = Aq, so it costs more vector updates and memory (and a little
 * accuracy) than {@link ConjugateGradient} for the same iteration count.
 *
 * <p>On host vectors ({@link DenseVector}) the three dots are one pass and the eight updates are
 * another (fused kernels); on other backends it falls back to separate Vector operations.
 *
 * <p>Requires A and M symmetric positive definite. Tests ‖r‖ from the recurrence; convergence is
 * confirmed with the true residual and, on a miss, the recurrences restart from it (at most
 * {@value SolverSupport#MAX_REPLACEMENTS} times, then DIVERGED_STAGNATION — the residual gap of
 * pipelined CG is larger than CG's). pᵀAp ≤ 0 gives DIVERGED_INDEFINITE_MATRIX, rᵀM⁻¹r ≤ 0
 * DIVERGED_INDEFINITE_PRECONDITIONER.
 *
 * <p>Reference: Ghysels and Vanroose, Hiding global synchronization latency in the
 * preconditioned conjugate gradient algorithm, Parallel Computing 40 (2014), Algorithm 3.
 */
public final class PipelinedConjugateGradient implements IterativeSolver {
    @Override
    public String name() {
        return "pipecg";
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
        boolean pre = m != null;
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        Vector r = b.zerosLike();
        Vector u = pre ? b.zerosLike() : r;
        Vector w = b.zerosLike();
        Vector mv = pre ? b.zerosLike() : w;
        Vector nv = b.zerosLike();
        Vector z = b.zerosLike();
        Vector q = pre ? b.zerosLike() : null;
        Vector s = b.zerosLike();
        Vector p = b.zerosLike();
        boolean fused = b instanceof DenseVector && x instanceof DenseVector;
        PipelinedCgKernels kernels = fused ? new PipelinedCgKernels(b.size()) : null;
        double[] dots = new double[3];

        int k = 0;
        int replacements = 0;
        boolean start = true;
        boolean restarted = false;
        StopReason reason = null;
        double gammaOld = 0.0;
        double alphaOld = 0.0;
        while (true) {
            if (start) {
                SolverSupport.residual(a, b, x, r); // r = b - A x
                if (pre) {
                    m.apply(r, u); // u = M^-1 r
                }
                a.apply(u, w); // w = A u
                start = false;
                gammaOld = 0.0;
            }
            if (fused) {
                kernels.dots(DenseVector.array(r), DenseVector.array(u), DenseVector.array(w), dots);
            } else {
                dots[0] = r.dot(u);
                dots[1] = w.dot(u);
                dots[2] = pre ? r.dot(r) : dots[0];
            }
            double gamma = dots[0];
            double delta = dots[1];
            double rnorm = Math.sqrt(dots[2]);
            if (restarted) {
                restarted = false; // r is the true residual that just missed the tolerance
            } else {
                reason = test.check(k, rnorm);
            }
            if (reason != null) {
                if (!reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, nv, "");
                }
                double trueNorm = SolverSupport.trueResidualNorm(a, b, x, nv);
                StopReason confirmed = test.reasonFor(trueNorm);
                if (confirmed != null) {
                    return test.result(confirmed, k, trueNorm, "");
                }
                if (replacements++ == SolverSupport.MAX_REPLACEMENTS || k >= test.maxIterations()) {
                    return test.result(StopReason.DIVERGED_STAGNATION, k, trueNorm,
                            "true residual stays above the tolerance");
                }
                start = true; // restart all recurrences from the true residual
                restarted = true;
                reason = null;
                continue;
            }
            if (!(gamma > 0.0)) {
                return KrylovSupport.finish(test,
                        KrylovSupport.nanOr(gamma, StopReason.DIVERGED_INDEFINITE_PRECONDITIONER), k, a, b, x,
                        nv, "r'M^-1 r = " + gamma);
            }
            if (pre) {
                m.apply(w, mv); // m = M^-1 w
            }
            a.apply(mv, nv); // n = A m
            double beta;
            double alpha;
            double pap; // p'Ap of the new direction: the CG denominator
            if (gammaOld == 0.0) {
                beta = 0.0;
                pap = delta;
            } else {
                beta = gamma / gammaOld;
                pap = delta - beta * gamma / alphaOld;
            }
            alpha = gamma / pap;
            if (!(pap > 0.0) && !Double.isNaN(pap) && gammaOld != 0.0) {
                // p'Ap from the recurrences, not from a product: rounding, not the matrix, may
                // have made it negative. Restart from the true residual; a fresh start computes
                // u'Au directly and only that may blame the matrix.
                if (replacements++ == SolverSupport.MAX_REPLACEMENTS) {
                    return KrylovSupport.finish(test, StopReason.DIVERGED_STAGNATION, k, a, b, x, nv,
                            "the pipelined recurrences lost accuracy (recurred p'Ap = " + pap
                                    + "); rounding errors allow no better");
                }
                start = true;
                continue;
            }
            if (!(pap > 0.0) || !KrylovSupport.usable(alpha)) {
                return KrylovSupport.finish(test, KrylovSupport.nanOr(pap, StopReason.DIVERGED_INDEFINITE_MATRIX),
                        k, a, b, x, nv, "p'Ap = " + pap);
            }
            if (fused) {
                kernels.update(alpha, beta, DenseVector.array(x), DenseVector.array(r), DenseVector.array(u),
                        DenseVector.array(w), DenseVector.array(mv), DenseVector.array(nv),
                        DenseVector.array(z), pre ? DenseVector.array(q) : null, DenseVector.array(s),
                        DenseVector.array(p));
            } else {
                z.axpby(1.0, nv, beta); // z = n + beta z
                if (pre) {
                    q.axpby(1.0, mv, beta); // q = m + beta q
                }
                s.axpby(1.0, w, beta); // s = w + beta s
                p.axpby(1.0, u, beta); // p = u + beta p
                x.axpy(alpha, p); // x += alpha p
                r.axpy(-alpha, s); // r -= alpha s
                if (pre) {
                    u.axpy(-alpha, q); // u -= alpha q
                }
                w.axpy(-alpha, z); // w -= alpha z
            }
            gammaOld = gamma;
            alphaOld = alpha;
            k++;
        }
    }
}
