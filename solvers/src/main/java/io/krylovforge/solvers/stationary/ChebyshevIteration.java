package io.krylovforge.solvers.stationary;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ChebyshevRecurrence;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.LanczosEstimator;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * Chebyshev iteration for SPD systems: the residual polynomial is the scaled Chebyshev
 * polynomial on an interval [λ_min, λ_max] containing the spectrum of M⁻¹A, so no inner products
 * are needed in the recurrence (attractive where reductions are expensive).
 *
 * <p>The interval is given, or estimated per solve by {@link LanczosEstimator} (default
 * {@value #DEFAULT_LANCZOS_STEPS} steps, seed {@value #DEFAULT_SEED}) and widened by its safety
 * margins. Requires A and M symmetric positive definite; a non-positive lower estimate gives
 * DIVERGED_INDEFINITE_MATRIX at k = 0. If λ_max is underestimated the iteration diverges
 * (DIVERGED_DTOL), if λ_min is overestimated it only slows down.
 *
 * <p>Stopping rule: ‖r‖ from the recurrence r ← r − A d (one SpMV per iteration), confirmed with
 * the true residual before CONVERGED (restarting the recurrence from it on a miss, at most 5
 * times, then DIVERGED_STAGNATION).
 *
 * <p>Reference: Golub and Varga (1961); Saad, Iterative Methods for Sparse Linear Systems, 2nd
 * ed., Algorithm 12.1; Gutknecht and Röllin, The Chebyshev iteration revisited, Parallel
 * Computing 28 (2002).
 */
public final class ChebyshevIteration implements IterativeSolver {
    /** Lanczos steps of the default eigenvalue-bound estimate. */
    public static final int DEFAULT_LANCZOS_STEPS = 20;
    /** Seed of the default estimate's start vector. */
    public static final long DEFAULT_SEED = 42L;
    private final double lmin;
    private final double lmax;
    private final LanczosEstimator estimator;

    /** Bounds estimated per solve by 20 Lanczos steps (seed 42). */
    public ChebyshevIteration() {
        this(new LanczosEstimator(DEFAULT_LANCZOS_STEPS, DEFAULT_SEED));
    }

    /**
     * Bounds estimated per solve by {@code estimator}.
     *
     * @param estimator estimates the extreme eigenvalues of M⁻¹A at each solve
     */
    public ChebyshevIteration(LanczosEstimator estimator) {
        this.lmin = Double.NaN;
        this.lmax = Double.NaN;
        this.estimator = estimator;
    }

    /**
     * Chebyshev iteration with {@code options}: a fixed interval when both bounds are given,
     * else a Lanczos estimate per solve.
     *
     * @param options the interval, or the estimate's steps and seed
     * @throws IllegalArgumentException if exactly one bound is given
     */
    public ChebyshevIteration(ChebyshevIterationOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("Chebyshev options must not be null");
        }
        if (!options.fixedInterval() && !(Double.isNaN(options.lowerBound()) && Double.isNaN(options.upperBound()))) {
            throw new IllegalArgumentException("give both Chebyshev bounds or neither, got [" + options.lowerBound()
                    + ", " + options.upperBound() + "]");
        }
        this.lmin = options.lowerBound();
        this.lmax = options.upperBound();
        this.estimator = options.fixedInterval() ? null
                : new LanczosEstimator(options.lanczosSteps(), options.seed());
    }

    /**
     * Fixed spectral interval 0 &lt; lmin &lt; lmax of M⁻¹A.
     *
     * @param lmin smallest eigenvalue bound, &gt; 0
     * @param lmax largest eigenvalue bound, &gt; lmin
     * @deprecated two positional doubles; use {@link #ChebyshevIteration(ChebyshevIterationOptions)}
     */
    @Deprecated
    public ChebyshevIteration(double lmin, double lmax) {
        this(ChebyshevIterationOptions.defaults().withLowerBound(lmin).withUpperBound(lmax));
    }

    @Override
    public String name() {
        return "chebyshev";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditioner();
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        Vector r = b.zerosLike();
        SolverSupport.residual(a, b, x, r);
        double rnorm = r.norm2();
        double lo = lmin;
        double hi = lmax;
        String detail = "";
        if (estimator != null) {
            LanczosEstimator.Bounds e = estimator.estimate(a, m, b);
            lo = e.safeMin();
            hi = e.safeMax();
            detail = "Lanczos(" + e.steps() + ") interval [" + lo + ", " + hi + "]";
            if (!(lo > 0.0) || !(hi > lo) || Double.isInfinite(hi)) {
                test.record(0, rnorm);
                StopReason why = Double.isNaN(lo) || Double.isNaN(hi) ? StopReason.DIVERGED_NAN
                        : StopReason.DIVERGED_INDEFINITE_MATRIX;
                return test.result(why, 0, rnorm, "spectral estimate " + detail + " is not positive");
            }
        }
        Vector z = m != null ? b.zerosLike() : r;
        Vector d = b.zerosLike();
        Vector ad = b.zerosLike();
        ChebyshevRecurrence cheb = new ChebyshevRecurrence(lo, hi);
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int replacements = 0;
        boolean restart = true;
        double rho = 0.0;
        while (true) {
            if (reason != null) {
                if (!reason.converged()) {
                    SolverSupport.residual(a, b, x, ad);
                    return StationarySupport.finish(test, reason, k, ad.norm2(), b, x);
                }
                SolverSupport.residual(a, b, x, ad);
                double trueNorm = ad.norm2();
                StopReason confirmed = test.confirmReason(k, trueNorm, replacements++);
                if (confirmed != null) {
                    return test.result(confirmed, k, trueNorm, confirmed == StopReason.DIVERGED_STAGNATION
                            ? ConvergenceTest.STAGNATION_DETAIL + "; " + detail : "");
                }
                r.copyFrom(ad);
                restart = true;
                reason = null;
            }
            if (m != null) {
                m.apply(r, z); // z = M^-1 r
            }
            if (restart) {
                rho = cheb.firstRho();
                d.copyFrom(z);
                d.scale(1.0 / cheb.theta()); // d = z / theta
                restart = false;
            } else {
                double rhoNew = cheb.nextRho(rho);
                // d = rho' rho d + (2 rho'/delta) z
                d.axpby(cheb.correctionWeight(rhoNew), z, cheb.directionWeight(rhoNew, rho));
                rho = rhoNew;
            }
            x.axpy(1.0, d); // x <- x + d
            a.apply(d, ad);
            r.axpy(-1.0, ad); // r <- r - A d
            k++;
            reason = test.check(k, r.norm2());
        }
    }
}
