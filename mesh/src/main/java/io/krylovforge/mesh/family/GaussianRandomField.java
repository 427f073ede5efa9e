package io.krylovforge.mesh.family;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Samples a zero-mean Gaussian random field on an s×s node grid of [0,1]² with covariance
 * operator τ^{2α−2}(−Δ + τ²)^{−α} (Neumann eigenfunctions), the sampler used for the FNO and
 * SKR Darcy data: Karhunen–Loève coefficients L(k1,k2) = s·√λ(k1,k2)·ξ with
 * √λ = τ^{α−1}(π²(k1²+k2²) + τ²)^{−α/2}, ξ ~ N(0,1) i.i.d., L(0,0) = 0, and the field is the
 * orthonormal 2D inverse DCT-II of L (MATLAB {@code idct2}). Defaults α = 2.5, τ = 7.
 *
 * <p>Method: the inverse DCT is applied as two dense s×s matrix products (O(s³), written as
 * contiguous row updates the JIT vectorises; a few ms for s ≈ 250), which avoids an FFT-based DCT
 * and its even-extension bookkeeping.
 *
 * <p>Reference: Li et al., Fourier Neural Operator for Parametric PDEs, ICLR 2021, data generator
 * {@code GRF.m}; Wang et al. (SKR), ICLR 2024, App. D.2.
 */
public final class GaussianRandomField {
    private final int s;
    private final double alpha;
    private final double tau;
    private final double[] basis;   // C[n*s + k] = w(k) cos(π(2n+1)k/(2s)), orthonormal
    private final double[] basisT;  // Cᵀ, so both products of a sample run as contiguous axpys
    private final double[] scale;   // s·√λ(k1,k2), row-major k2*s + k1

    /**
     * The field's parameters, validated when built.
     *
     * @param nodesPerSide nodes per side s of the grid (≥ 2)
     * @param alpha        smoothness exponent α (&gt; 0; FNO: 2.5)
     * @param tau          inverse length scale τ (&gt; 0; FNO: 7)
     */
    public record Options(int nodesPerSide, double alpha, double tau) {
        /**
         * Validates the parameters.
         *
         * @param nodesPerSide nodes per side s of the grid (≥ 2)
         * @param alpha        smoothness exponent α (&gt; 0)
         * @param tau          inverse length scale τ (&gt; 0)
         * @throws IllegalArgumentException for s &lt; 2 or a non-positive α or τ
         */
        public Options {
            if (nodesPerSide < 2) {
                throw new IllegalArgumentException("GRF needs s >= 2 points per side, got " + nodesPerSide);
            }
            if (!(alpha > 0) || !(tau > 0)) {
                throw new IllegalArgumentException("GRF needs alpha > 0 and tau > 0, got " + alpha + ", " + tau);
            }
        }

        /**
         * The FNO data generator's parameters on an s×s grid: α = 2.5, τ = 7.
         *
         * @param nodesPerSide nodes per side s (≥ 2)
         * @return the parameters
         */
        public static Options fno(int nodesPerSide) {
            return new Options(nodesPerSide, 2.5, 7.0);
        }

        /**
         * @param nodesPerSide nodes per side s (≥ 2)
         * @return a copy with this grid size
         */
        public Options withNodesPerSide(int nodesPerSide) {
            return new Options(nodesPerSide, alpha, tau);
        }

        /**
         * @param alpha smoothness exponent α (&gt; 0)
         * @return a copy with this exponent
         */
        public Options withAlpha(double alpha) {
            return new Options(nodesPerSide, alpha, tau);
        }

        /**
         * @param tau inverse length scale τ (&gt; 0)
         * @return a copy with this length scale
         */
        public Options withTau(double tau) {
            return new Options(nodesPerSide, alpha, tau);
        }
    }

    /**
     * A sampler with the given parameters.
     *
     * @param options grid size s, α and τ
     */
    public GaussianRandomField(Options options) {
        int s = options.nodesPerSide();
        double alpha = options.alpha();
        double tau = options.tau();
        checkMemory(s);
        this.s = s;
        this.alpha = alpha;
        this.tau = tau;
        basis = new double[s * s];
        for (int n = 0; n < s; n++) {
            for (int k = 0; k < s; k++) {
                double w = k == 0 ? Math.sqrt(1.0 / s) : Math.sqrt(2.0 / s);
                basis[n * s + k] = w * Math.cos(Math.PI * (2 * n + 1) * k / (2.0 * s));
            }
        }
        basisT = new double[s * s];
        for (int n = 0; n < s; n++) {
            for (int k = 0; k < s; k++) {
                basisT[k * s + n] = basis[n * s + k];
            }
        }
        scale = new double[s * s];
        double pre = Math.pow(tau, alpha - 1);
        for (int k2 = 0; k2 < s; k2++) {
            for (int k1 = 0; k1 < s; k1++) {
                scale[k2 * s + k1] = s * pre
                        * Math.pow(Math.PI * Math.PI * (k1 * k1 + k2 * k2) + tau * tau, -alpha / 2);
            }
        }
        scale[0] = 0.0; // the mean mode is switched off, as in GRF.m
    }

    /**
     * Bytes a field of s×s points needs: the basis, its transpose and the scale table plus three
     * s×s work arrays of one {@link #sample} (6 s² doubles).
     */
    public static long bytesNeeded(int s) {
        return 6L * 8L * s * s;
    }

    /** Refuses a size that cannot be indexed or cannot fit the heap, before allocating anything. */
    private static void checkMemory(int s) {
        long cells = (long) s * s;
        if (cells > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("GRF with s = " + s + " has " + cells
                    + " points, more than one Java array holds (s <= 46340)");
        }
        long max = Runtime.getRuntime().maxMemory();
        if (bytesNeeded(s) > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "GRF with s = %d needs %.1f MiB (6 s^2 doubles) but the Java heap is at most %.1f MiB"
                            + " (lower the resolution or raise -Xmx)", s, bytesNeeded(s) / 1048576.0, max / 1048576.0));
        }
    }

    /** The FNO/SKR defaults α = 2.5, τ = 7. */
    public static GaussianRandomField fno(int s) {
        return new GaussianRandomField(Options.fno(s));
    }

    /** {@return the nodes per side s} */
    public int points() {
        return s;
    }

    /** {@return the smoothness exponent α} */
    public double alpha() {
        return alpha;
    }

    /** {@return the inverse length scale τ} */
    public double tau() {
        return tau;
    }

    /** Standard deviation of the KL coefficient of mode (k1, k2), i.e. s·√λ (0 for the mean mode). */
    public double modeStdDev(int k1, int k2) {
        return scale[k2 * s + k1];
    }

    /** The orthonormal DCT-II basis matrix C (C[n*s+k]); field = C·L·Cᵀ. A copy. */
    public double[] basis() {
        return basis.clone();
    }

    /** One field, row-major {@code u[j*s + i]} at node (x_i, y_j). */
    public double[] sample(SplittableRandom random) {
        int n = s;
        double[] l = new double[n * n];
        for (int q = 0; q < l.length; q++) {
            l[q] = scale[q] * random.nextGaussian();
        }
        // t = C·L (rows index y-position, columns k1), then u = t·Cᵀ. Both products add whole rows
        // (which the JIT vectorises), four at a time, so a row of t or u is loaded and stored once
        // per four terms instead of once per term; every element still sums its terms one by one
        // in index order, so the field is bit for bit what term-by-term row updates give.
        double[] t = new double[n * n];
        for (int j = 0; j < n; j++) {
            int to = j * n;
            int k2 = 0;
            for (; k2 + 3 < n; k2 += 4) {
                double c0 = basis[to + k2];
                double c1 = basis[to + k2 + 1];
                double c2 = basis[to + k2 + 2];
                double c3 = basis[to + k2 + 3];
                if (c0 == 0.0 || c1 == 0.0 || c2 == 0.0 || c3 == 0.0) {
                    for (int q = k2; q < k2 + 4; q++) {
                        addRow(t, to, basis[to + q], l, q * n, n);
                    }
                } else {
                    addRows(t, to, c0, c1, c2, c3, l, k2 * n, n);
                }
            }
            for (; k2 < n; k2++) {
                addRow(t, to, basis[to + k2], l, k2 * n, n);
            }
        }
        // u[j, i] = Σ_k1 t[j, k1] C[i, k1]: summed in the same k1 order as a dot product, but as
        // rows of Cᵀ added into u's row, which the JIT vectorises (a dot product it cannot).
        double[] u = new double[n * n];
        for (int j = 0; j < n; j++) {
            int to = j * n;
            int k1 = 0;
            for (; k1 + 3 < n; k1 += 4) {
                addRows(u, to, t[to + k1], t[to + k1 + 1], t[to + k1 + 2], t[to + k1 + 3], basisT, k1 * n, n);
            }
            for (; k1 < n; k1++) {
                double c = t[to + k1];
                int bo = k1 * n;
                for (int i = 0; i < n; i++) {
                    u[to + i] += c * basisT[bo + i];
                }
            }
        }
        return u;
    }

    /** y[yo..yo+n) += c·x[xo..xo+n), skipped for c = 0 (a zero term of the DCT changes nothing). */
    private static void addRow(double[] y, int yo, double c, double[] x, int xo, int n) {
        if (c == 0.0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            y[yo + i] += c * x[xo + i];
        }
    }

    /**
     * y[yo + i] gets c0·x0[i], c1·x1[i], c2·x2[i], c3·x3[i] added in that order, x_m being the
     * m-th of four consecutive rows of length n of {@code x} from {@code xo}.
     */
    private static void addRows(double[] y, int yo, double c0, double c1, double c2, double c3, double[] x, int xo,
            int n) {
        int x1 = xo + n;
        int x2 = x1 + n;
        int x3 = x2 + n;
        for (int i = 0; i < n; i++) {
            y[yo + i] = y[yo + i] + c0 * x[xo + i] + c1 * x[x1 + i] + c2 * x[x2 + i] + c3 * x[x3 + i];
        }
    }
}
