package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import java.util.Random;

/**
 * Estimates the extreme eigenvalues of M⁻¹A (A, M symmetric positive definite) by k steps of the
 * (M-inner-product) Lanczos process from a seeded random start: the Ritz values of the k×k
 * tridiagonal T_k interlace the spectrum, so θ_max ≤ λ_max and θ_min ≥ λ_min; the extremes
 * converge first, without re-orthogonalisation (lost orthogonality only duplicates converged Ritz
 * values). Eigenvalues of T_k come from Sturm-sequence bisection.
 *
 * <p>The one Lanczos estimator of the project: Chebyshev iteration (solvers), the Chebyshev
 * preconditioner and the AMG smoothers and prolongator (precond, with M = D for ρ(D⁻¹A)) and the
 * ω tuner all use it.
 *
 * <p>Because θ_max underestimates λ_max, callers that need an upper bound (Chebyshev) must widen
 * it: {@link Bounds#safeMax()} adds the safety margin {@value #MAX_MARGIN}·θ_max, and
 * {@link Bounds#safeMin()} takes {@value #MIN_FACTOR}·θ_min (too high a lower bound only slows
 * Chebyshev down; too low an upper bound makes it diverge).
 *
 * <p>Reference: Lanczos (1950); Golub and Van Loan, Matrix Computations, 4th ed., Sections 10.1
 * (Lanczos) and 8.4.1 (bisection); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed.,
 * Section 6.6 (the preconditioned form is Lanczos for M⁻¹A in the M-inner product).
 */
public final class LanczosEstimator {
    /** Relative widening of the upper bound. */
    public static final double MAX_MARGIN = 0.1;
    /** Factor applied to the lower Ritz value. */
    public static final double MIN_FACTOR = 0.9;

    /**
     * Extreme Ritz values.
     *
     * @param min   θ_min (≥ λ_min)
     * @param max   θ_max (≤ λ_max)
     * @param steps Lanczos steps done (fewer than asked after an invariant subspace)
     */
    public record Bounds(double min, double max, int steps) {
        /** (1 + margin)·θ_max: an upper bound with a safety margin. */
        public double safeMax() {
            return (1.0 + MAX_MARGIN) * max;
        }

        /** A lower bound estimate: MIN_FACTOR·θ_min. */
        public double safeMin() {
            return MIN_FACTOR * min;
        }
    }

    private final int steps;
    private final long seed;

    /** @param steps Lanczos steps k ≥ 1; @param seed seed of the random start vector */
    public LanczosEstimator(int steps, long seed) {
        if (steps < 1) {
            throw new IllegalArgumentException("Lanczos needs at least 1 step, got " + steps);
        }
        this.steps = steps;
        this.seed = seed;
    }

    /**
     * Runs min(k, n) Lanczos steps on M⁻¹A.
     *
     * @param a        symmetric operator
     * @param m        SPD preconditioner already set up, or {@code null}
     * @param template a vector of the right size and backend (not modified)
     * @return the extreme Ritz values; NaN bounds if the process met a NaN or an indefinite M
     */
    public Bounds estimate(LinearOperator a, Preconditioner m, Vector template) {
        int n = template.size();
        int kmax = Math.min(steps, n);
        double[] alpha = new double[kmax];
        double[] beta = new double[kmax];
        double[] start = new double[n];
        Random rng = new Random(seed);
        for (int i = 0; i < n; i++) {
            start[i] = rng.nextDouble() - 0.5;
        }
        Vector r = template.zerosLike();
        r.setFrom(start);
        Vector z = m != null ? template.zerosLike() : r;
        Vector yPrev = template.zerosLike(); // y_{j-1} = M v_{j-1}
        Vector y = template.zerosLike(); // y_j = M v_j
        Vector v = template.zerosLike(); // v_j
        Vector w = template.zerosLike();
        if (m != null) {
            m.apply(r, z);
        }
        double b = r.dot(z);
        if (!(b > 0.0)) {
            return new Bounds(Double.NaN, Double.NaN, 0);
        }
        b = Math.sqrt(b);
        double bPrev = 0.0;
        int k = 0;
        while (k < kmax) {
            y.copyFrom(r);
            y.scale(1.0 / b); // y_j = r / beta_j
            v.copyFrom(z);
            v.scale(1.0 / b); // v_j = z / beta_j
            a.apply(v, w); // w = A v_j
            double al = v.dot(w); // alpha_j = v_j' A v_j
            if (Double.isNaN(al)) {
                return new Bounds(Double.NaN, Double.NaN, k);
            }
            alpha[k] = al;
            // r = A v_j - alpha_j y_j - beta_j y_{j-1}
            r.copyFrom(w);
            r.axpy(-al, y);
            r.axpy(-bPrev, yPrev);
            k++;
            if (k == kmax) {
                break;
            }
            if (m != null) {
                m.apply(r, z);
            }
            double bb = r.dot(z);
            if (Double.isNaN(bb) || bb < 0.0) {
                return new Bounds(Double.NaN, Double.NaN, k);
            }
            double bNext = Math.sqrt(bb);
            if (bNext <= 1e-14 * Math.abs(al) + Double.MIN_NORMAL) {
                break; // invariant subspace: the Ritz values are eigenvalues
            }
            beta[k - 1] = bNext;
            Vector swap = yPrev;
            yPrev = y;
            y = swap;
            bPrev = bNext;
            b = bNext;
        }
        return new Bounds(tridiagonalEigenvalue(alpha, beta, k, 0),
                tridiagonalEigenvalue(alpha, beta, k, k - 1), k);
    }

    /**
     * The {@code index}-th smallest eigenvalue (0-based) of the symmetric tridiagonal matrix with
     * diagonal alpha[0..k-1] and off-diagonal beta[0..k-2], by bisection on the Sturm count.
     */
    public static double tridiagonalEigenvalue(double[] alpha, double[] beta, int k, int index) {
        if (k < 1 || index < 0 || index >= k) {
            throw new IllegalArgumentException("need 0 <= index < k, got index " + index + ", k " + k);
        }
        // Gershgorin interval
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            double rad = (i > 0 ? Math.abs(beta[i - 1]) : 0.0) + (i < k - 1 ? Math.abs(beta[i]) : 0.0);
            lo = Math.min(lo, alpha[i] - rad);
            hi = Math.max(hi, alpha[i] + rad);
        }
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        for (int it = 0; it < 200 && hi - lo > 4 * Math.ulp(scale); it++) {
            double mid = 0.5 * (lo + hi);
            if (countBelow(alpha, beta, k, mid) > index) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Number of eigenvalues of T below x (Sturm sequence via the LDLᵀ pivots of T − xI). */
    static int countBelow(double[] alpha, double[] beta, int k, double x) {
        int count = 0;
        double q = alpha[0] - x;
        for (int i = 0; ; i++) {
            if (q == 0.0) {
                q = -Double.MIN_NORMAL; // perturb an exact zero pivot (standard safeguard)
            }
            if (q < 0.0) {
                count++;
            }
            if (i + 1 >= k) {
                return count;
            }
            q = alpha[i + 1] - x - beta[i] * beta[i] / q;
        }
    }
}
