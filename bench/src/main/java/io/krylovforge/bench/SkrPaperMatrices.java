package io.krylovforge.bench;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.solvers.recycle.LinearSystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The SKR paper's Darcy and Helmholtz matrices <b>as its code builds them, quirk included</b> — a
 * benchmark-only reproduction (deliberately not a mesh family, so that nobody picks it by
 * accident: these are not the matrices the paper describes).
 *
 * <p>What the SKR repository's Python generator does (read off it and checked in
 * {@code bench/scripts/skr_darcy_assembly_check.py}):
 * <ul>
 *   <li>K = exp(a), a drawn with FNO's periodic Gaussian random field sampler: α = 2.5, τ = 7,
 *       σ = τ^(α−1), square-root eigenvalues s²·√2·σ·(4π²|k|² + τ²)^(−α/2) with the constant mode
 *       zeroed, complex standard normal coefficients (real and imaginary parts N(0, 1/2)), real part
 *       of the inverse 2-D FFT (numpy's 1/s² normalization) on s × s nodes. Here the inverse
 *       transform is a direct separable DFT (O(s³), milliseconds at s = 102).</li>
 *   <li>Rows over the m × m interior nodes (m = s − 2, row-major): diagonal 4·K_i, −K_j for the
 *       left, right and lower neighbours, and for the upper neighbour (offset −m) the K of the
 *       node <em>two places earlier in row-major order</em> of the shifted field (the generator
 *       slices the −s diagonal from index s − 2 instead of s and {@code scipy.sparse.diags}
 *       truncates the too-long array). The rows no longer follow L·diag(K); some matrices become
 *       indefinite, many nearly singular and strongly non-normal, and GMRES(40) often stalls at the
 *       10 000 iteration cap — the paper's regime.</li>
 *   <li>b = h²·1 with h = 1/(m − 1) (only a scaling of the system).</li>
 *   <li>Helmholtz: the same matrix with the diagonal shifted by −h²k², k ~ U(0, 1).</li>
 * </ul>
 * Sort key: the s × s field K (and k for Helmholtz), as in the mesh families.
 *
 * <p>References: H. Wang et al., "Accelerating data generation for neural operators via Krylov
 * subspace recycling", ICLR 2024 (App. D.2 and its code); Z. Li et al., FNO, ICLR 2021 (the GRF
 * sampler).
 */
public final class SkrPaperMatrices {
    private static final double ALPHA = 2.5;
    private static final double TAU = 7.0;

    private SkrPaperMatrices() {
    }

    /** {@code count} Darcy systems on s × s nodes (n = (s − 2)²), seeded. */
    public static List<LinearSystem> darcy(int s, long seed, int count) {
        return generate(s, seed, count, false);
    }

    /** {@code count} Helmholtz systems on s × s nodes (n = (s − 2)²), k ~ U(0, 1), seeded. */
    public static List<LinearSystem> helmholtz(int s, long seed, int count) {
        return generate(s, seed, count, true);
    }

    private static List<LinearSystem> generate(int s, long seed, int count, boolean helmholtz) {
        if (s < 5) {
            throw new IllegalArgumentException("the SKR code's assembly needs s >= 5 nodes per side, got " + s);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Dft dft = new Dft(s);
        List<LinearSystem> out = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            double[] k = dft.sampleGrf(random);
            for (int p = 0; p < k.length; p++) {
                k[p] = Math.exp(k[p]);
            }
            double wave = helmholtz ? random.nextDouble() : 0.0;
            int m = s - 2;
            double h = 1.0 / (m - 1);
            CsrMatrix a = assemble(k, s, -h * h * wave * wave);
            double[] b = new double[m * m];
            Arrays.fill(b, h * h);
            double[] params = helmholtz ? Arrays.copyOf(k, k.length + 1) : k;
            if (helmholtz) {
                params[k.length] = wave;
            }
            out.add(new LinearSystem(a, DenseVector.wrap(b), params));
        }
        return out;
    }

    /**
     * The SKR code's matrix for the node field k (s × s, row-major), diagonal shift {@code shift}:
     * see the class comment; the upper-neighbour entry of interior row i is −up[i − 2] with
     * up = K[0 .. s−3][1 .. s−2] flattened row-major.
     */
    static CsrMatrix assemble(double[] k, int s, double shift) {
        int m = s - 2;
        CooBuilder cb = new CooBuilder(m * m, m * m, 5 * m * m);
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                int i = r * m + c;
                cb.add(i, i, 4.0 * k[(r + 1) * s + c + 1] + shift);
                if (c > 0) {
                    cb.add(i, i - 1, -k[(r + 1) * s + c]);
                }
                if (c < m - 1) {
                    cb.add(i, i + 1, -k[(r + 1) * s + c + 2]);
                }
                if (r < m - 1) {
                    cb.add(i, i + m, -k[(r + 2) * s + c + 1]);
                }
                if (r > 0) {
                    int q = i - 2; // the quirk: index i - 2 of up, not i
                    cb.add(i, i - m, -k[(q / m) * s + (q % m) + 1]);
                }
            }
        }
        return cb.build();
    }

    /** FNO's periodic GRF sampler with a direct separable inverse DFT (twiddles precomputed). */
    private static final class Dft {
        final int s;
        final double[] sq;
        final double[] cos;
        final double[] sin;
        final double[] br;
        final double[] bi;
        final double[] ar;
        final double[] ai;

        Dft(int s) {
            this.s = s;
            sq = new double[s * s];
            double sigma = Math.pow(TAU, ALPHA - 1.0);
            for (int x = 0; x < s; x++) {
                for (int y = 0; y < s; y++) {
                    double kx = freq(x);
                    double ky = freq(y);
                    sq[x * s + y] = (double) s * s * Math.sqrt(2.0) * sigma
                            * Math.pow(4 * Math.PI * Math.PI * (kx * kx + ky * ky) + TAU * TAU, -ALPHA / 2);
                }
            }
            sq[0] = 0.0;
            cos = new double[s];
            sin = new double[s];
            for (int t = 0; t < s; t++) {
                cos[t] = Math.cos(2 * Math.PI * t / s);
                sin[t] = Math.sin(2 * Math.PI * t / s);
            }
            br = new double[s * s];
            bi = new double[s * s];
            ar = new double[s * s];
            ai = new double[s * s];
        }

        /** numpy.fft.fftfreq(s, d = 1/s): 0, 1, ..., then negative frequencies. */
        double freq(int j) {
            return j < (s + 1) / 2 ? j : j - s;
        }

        /** Re(ifft2(sq · (N + iN)/√2)) on the s × s nodes, row-major. */
        double[] sampleGrf(SplittableRandom random) {
            double inv = 1.0 / Math.sqrt(2.0);
            for (int p = 0; p < s * s; p++) {
                ar[p] = sq[p] * random.nextGaussian() * inv;
            }
            for (int p = 0; p < s * s; p++) {
                ai[p] = sq[p] * random.nextGaussian() * inv;
            }
            // along the second index: B[kx][y] = sum_ky A[kx][ky] e^{2 pi i ky y / s}
            for (int kx = 0; kx < s; kx++) {
                for (int y = 0; y < s; y++) {
                    double sr = 0.0;
                    double si = 0.0;
                    for (int ky = 0; ky < s; ky++) {
                        int t = (ky * y) % s;
                        double xr = ar[kx * s + ky];
                        double xi = ai[kx * s + ky];
                        sr += xr * cos[t] - xi * sin[t];
                        si += xr * sin[t] + xi * cos[t];
                    }
                    br[kx * s + y] = sr;
                    bi[kx * s + y] = si;
                }
            }
            // along the first index, real part only, 1/s^2
            double[] f = new double[s * s];
            double scale = 1.0 / ((double) s * s);
            for (int x = 0; x < s; x++) {
                for (int y = 0; y < s; y++) {
                    double sr = 0.0;
                    for (int kx = 0; kx < s; kx++) {
                        int t = (kx * x) % s;
                        sr += br[kx * s + y] * cos[t] - bi[kx * s + y] * sin[t];
                    }
                    f[x * s + y] = sr * scale;
                }
            }
            return f;
        }
    }
}
