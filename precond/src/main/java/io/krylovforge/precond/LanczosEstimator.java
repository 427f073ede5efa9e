package io.krylovforge.precond;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * Extreme eigenvalue estimates of D⁻¹A (or of A) by a few Lanczos steps.
 *
 * <p>Method: for symmetric A with positive diagonal, D⁻¹A is similar to S = D^{-1/2} A D^{-1/2},
 * which is symmetric, so k steps of the plain three-term Lanczos recurrence on S from a seeded
 * random start give a k×k tridiagonal T whose extreme eigenvalues (Ritz values) approach those
 * of D⁻¹A from inside: the largest from below, the smallest from above. No reorthogonalisation:
 * with few steps the extreme Ritz values are still reliable (ghost copies only repeat them).
 * Callers that need an upper bound multiply λmax by a safety factor (1.1 is usual).
 *
 * <p>Requirements: A symmetric (for a nonsymmetric A the numbers are only rough guides) and, when
 * scaling by D, a positive diagonal.
 *
 * <p>Reference: Saad, Numerical Methods for Large Eigenvalue Problems, 2nd ed., §6.6; PyAMG's
 * {@code approximate_spectral_radius}. A sibling estimator lives in {@code solvers}; this one is
 * kept small and private to the preconditioners on purpose (module rule: precond ∌ solvers).
 */
public final class LanczosEstimator {
    private LanczosEstimator() {
    }

    /**
     * Returns {λmin, λmax} Ritz estimates of D⁻¹A (when {@code diagonalScaling}) or of A.
     *
     * @param a               the matrix arrays
     * @param diagonalScaling whether to estimate for D⁻¹A rather than A
     * @param steps           Lanczos steps (capped at n), ≥ 1
     * @param seed            seed of the random start vector
     * @throws IllegalArgumentException when scaling by a diagonal with a non-positive entry
     */
    public static double[] extremeEigenvalues(CsrView a, boolean diagonalScaling, int steps, long seed) {
        final int n = a.n();
        if (n == 0) {
            return new double[] {0.0, 0.0};
        }
        if (steps < 1) {
            throw new IllegalArgumentException("Lanczos needs steps >= 1, got " + steps);
        }
        double[] s = new double[n]; // s = D^{-1/2} or ones
        if (diagonalScaling) {
            double[] d = a.diagonal();
            for (int i = 0; i < n; i++) {
                if (!(d[i] > 0.0)) {
                    throw new IllegalArgumentException(
                            "D^-1 A eigenvalue estimate needs a positive diagonal, row " + i + " (0-based) has " + d[i]);
                }
                s[i] = 1.0 / Math.sqrt(d[i]);
            }
        } else {
            Arrays.fill(s, 1.0);
        }
        int m = Math.min(steps, n);
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double[] vPrev = new double[n];
        double[] v = new double[n];
        double[] w = new double[n];
        double[] t = new double[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        double norm = 0.0;
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() - 0.5;
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            v[i] /= norm;
        }
        int k = 0;
        double betaPrev = 0.0;
        while (k < m) {
            for (int i = 0; i < n; i++) {
                t[i] = s[i] * v[i];
            }
            a.multiply(t, w);
            double al = 0.0;
            for (int i = 0; i < n; i++) {
                w[i] *= s[i]; // w = S v
                al += w[i] * v[i]; // alpha_k = v' S v
            }
            alpha[k] = al;
            double bb = 0.0;
            for (int i = 0; i < n; i++) {
                w[i] -= al * v[i] + betaPrev * vPrev[i]; // w <- w - alpha v_k - beta v_{k-1}
                bb += w[i] * w[i];
            }
            double be = Math.sqrt(bb);
            k++;
            if (k == m || !(be > 1e-12 * Math.abs(al))) {
                break; // invariant subspace found (or done): T is exact so far
            }
            beta[k - 1] = be;
            for (int i = 0; i < n; i++) {
                vPrev[i] = v[i];
                v[i] = w[i] / be; // v_{k+1} = w / beta_k
            }
            betaPrev = be;
        }
        if (k == 1) {
            return new double[] {alpha[0], alpha[0]};
        }
        double[] main = Arrays.copyOf(alpha, k);
        double[] off = Arrays.copyOf(beta, k - 1);
        double[] ritz = new EigenDecomposition(main, off).getRealEigenvalues();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double r : ritz) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return new double[] {lo, hi};
    }
}
