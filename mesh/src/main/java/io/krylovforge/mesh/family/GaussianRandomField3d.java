package io.krylovforge.mesh.family;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Samples a zero-mean Gaussian random field at the s³ cell centres of [0,1]³ with covariance
 * operator τ^{2α−2}(−Δ + τ²)^{−α} (Neumann eigenfunctions): the 3D form of
 * {@link GaussianRandomField}'s FNO sampler. Karhunen–Loève coefficients
 * L(k1,k2,k3) = s^{3/2}·√λ·ξ with √λ = τ^{α−1}(π²(k1²+k2²+k3²) + τ²)^{−α/2}, ξ ~ N(0,1) i.i.d.,
 * L(0,0,0) = 0, and the field is the orthonormal 3D inverse DCT-II of L, whose points are the
 * cell centres x = (n + ½)/s. α must exceed 3/2 for the series to converge in 3D; FNO's α = 2.5
 * and τ = 7 are the defaults.
 *
 * <p>Method: the inverse DCT is separable, so it is applied as three passes of dense s×s
 * products, one per axis (3·s⁴ multiply-adds, about 50 M at s = 64), each written as contiguous
 * row updates the JIT vectorises; no FFT is needed at these sizes.
 *
 * <p>Reference: Li et al., Fourier Neural Operator for Parametric PDEs, ICLR 2021, data generator
 * {@code GRF.m} (2D); Lord, Powell, Shardlow, An Introduction to Computational Stochastic PDEs
 * (2014), §7.3 for the spectral (KL) construction.
 */
public final class GaussianRandomField3d {
    private final int s;
    private final double[] basis;   // C[n*s + k] = w(k) cos(π(2n+1)k/(2s)), orthonormal
    private final double[] basisT;  // Cᵀ, so the x pass runs as contiguous axpys
    private final double[] scale;   // s^{3/2}·√λ(k1,k2,k3), index (k3*s + k2)*s + k1

    /**
     * A sampler on an s×s×s cell grid with the 2D sampler's parameter record.
     *
     * @param options s = {@code nodesPerSide()} cells per side (≥ 2), α (&gt; 3/2 in 3D) and τ
     */
    public GaussianRandomField3d(GaussianRandomField.Options options) {
        double alpha = options.alpha();
        double tau = options.tau();
        if (!(alpha > 1.5)) {
            throw new IllegalArgumentException("3D GRF needs alpha > 1.5 for a finite variance, got " + alpha);
        }
        int n = options.nodesPerSide();
        long bytes = bytesNeeded(n);
        if ((long) n * n * n > Integer.MAX_VALUE - 16 || bytes > Runtime.getRuntime().maxMemory()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "3D GRF with s = %d needs %.1f MiB (4 s^3 doubles) but the Java heap is at most %.1f MiB"
                            + " (lower the resolution or raise -Xmx)", n, bytes / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0));
        }
        this.s = n;
        basis = new double[n * n];
        basisT = new double[n * n];
        for (int p = 0; p < n; p++) {
            for (int k = 0; k < n; k++) {
                double w = k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n);
                basis[p * n + k] = w * Math.cos(Math.PI * (2 * p + 1) * k / (2.0 * n));
                basisT[k * n + p] = basis[p * n + k];
            }
        }
        scale = new double[n * n * n];
        double pre = Math.pow(n, 1.5) * Math.pow(tau, alpha - 1);
        for (int k3 = 0; k3 < n; k3++) {
            for (int k2 = 0; k2 < n; k2++) {
                for (int k1 = 0; k1 < n; k1++) {
                    double kk = (double) k1 * k1 + (double) k2 * k2 + (double) k3 * k3;
                    scale[(k3 * n + k2) * n + k1] = pre * Math.pow(Math.PI * Math.PI * kk + tau * tau, -alpha / 2);
                }
            }
        }
        scale[0] = 0.0; // the mean mode is switched off, as in GRF.m
    }

    /**
     * The FNO parameters α = 2.5, τ = 7 on an s×s×s cell grid.
     *
     * @param cellsPerSide cells per side s (≥ 2)
     * @return the sampler
     */
    public static GaussianRandomField3d fno(int cellsPerSide) {
        return new GaussianRandomField3d(GaussianRandomField.Options.fno(cellsPerSide));
    }

    /**
     * Bytes a sampler and one {@link #sample} need: the scale table and three s³ work arrays.
     *
     * @param s cells per side
     * @return the bytes, 4·8·s³ (the s² bases are negligible)
     */
    public static long bytesNeeded(int s) {
        return 4L * 8L * s * s * s;
    }

    /** {@return the cells per side s} */
    public int points() {
        return s;
    }

    /**
     * Standard deviation of the KL coefficient of mode (k1, k2, k3), s^{3/2}·√λ (0 for the mean).
     *
     * @param k1 mode along x
     * @param k2 mode along y
     * @param k3 mode along z
     * @return the standard deviation
     */
    public double modeStdDev(int k1, int k2, int k3) {
        return scale[(k3 * s + k2) * s + k1];
    }

    /**
     * One field, {@code u[(k*s + j)*s + i]} at cell centre (x_i, y_j, z_k) (x fastest).
     *
     * @param random the generator (s³ normal draws, in mode order k1 fastest)
     * @return the s³ values
     */
    public double[] sample(SplittableRandom random) {
        int n = s;
        int n2 = n * n;
        double[] l = new double[n2 * n];
        for (int q = 0; q < l.length; q++) {
            l[q] = scale[q] * random.nextGaussian();
        }
        // x pass: t[k3, k2, i] = Σ_k1 L[k3, k2, k1] C[i, k1]
        double[] t = new double[n2 * n];
        for (int row = 0; row < n2; row++) {
            int ro = row * n;
            for (int k1 = 0; k1 < n; k1++) {
                double c = l[ro + k1];
                if (c == 0.0) {
                    continue;
                }
                int bo = k1 * n;
                for (int i = 0; i < n; i++) {
                    t[ro + i] += c * basisT[bo + i];
                }
            }
        }
        // y pass: v[k3, j, i] = Σ_k2 C[j, k2] t[k3, k2, i]
        double[] v = l; // L is no longer needed
        java.util.Arrays.fill(v, 0.0);
        for (int k3 = 0; k3 < n; k3++) {
            int plane = k3 * n2;
            for (int j = 0; j < n; j++) {
                int to = plane + j * n;
                for (int k2 = 0; k2 < n; k2++) {
                    double c = basis[j * n + k2];
                    int from = plane + k2 * n;
                    for (int i = 0; i < n; i++) {
                        v[to + i] += c * t[from + i];
                    }
                }
            }
        }
        // z pass: u[k, j, i] = Σ_k3 C[k, k3] v[k3, j, i]
        double[] u = t;
        java.util.Arrays.fill(u, 0.0);
        for (int k = 0; k < n; k++) {
            int to = k * n2;
            for (int k3 = 0; k3 < n; k3++) {
                double c = basis[k * n + k3];
                int from = k3 * n2;
                for (int q = 0; q < n2; q++) {
                    u[to + q] += c * v[from + q];
                }
            }
        }
        return u;
    }
}
