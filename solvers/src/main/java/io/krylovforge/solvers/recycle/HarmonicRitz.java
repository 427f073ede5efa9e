package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.Vector;
import io.krylovforge.direct.dense.DenseKernels;
import java.util.Arrays;

/**
 * The small eigenproblem of a GCRO-DR refresh: harmonic Ritz vectors of the last cycle,
 * GᵀG z = θ GᵀŴᵀV̂ z, the k of smallest |θ| (Parks et al. 2006, eq. 2.13). Without a QZ solver it
 * forms M = GᵀŴᵀV̂ and solves the standard problem M⁻¹(GᵀG) z = θ z: M⁻¹(GᵀG) by
 * {@link DenseKernels#gesv}, its eigenpairs by {@link DenseKernels#geev} (LAPACK through jblas when
 * its natives load: the 40 × 40 problem took about 11 % of a GCRO-DR(40, 20) solve at R = 4 with
 * Commons Math's Java eigensolver). With an empty space the cycle was a GMRES(m) cycle and the
 * problem is H_m + h²_{m+1,m} H_m⁻ᵀ e_m e_mᵀ (eq. 2.7). Complex pairs of θ are kept whole (real and
 * imaginary parts as two real vectors). Every matrix is column-major in arrays sized once for m.
 *
 * <p>ŴᵀV̂ = [[CᵀUD, 0], [V_{j+1}ᵀUD, [I; 0]]] is left in {@link #wv} for the refresh. CᵀU is carried
 * from refresh to refresh as a small product ({@link #ctu}), so only V_{j+1}ᵀU is formed from
 * n-vectors.
 */
final class HarmonicRitz {
    private final int m;
    private final int k;
    private final int cap;
    private final DenseKernels dense;
    /** ŴᵀV̂, (mm+1) × mm. */
    final double[][] wv;
    /** CᵀU of the current space (unscaled), valid while ctuValid. */
    final double[][] ctu;
    boolean ctuValid;
    /** P, mm × kn: the harmonic Ritz vectors picked by the last {@link #vectors} call. */
    final double[][] p;
    /** GᵀŴᵀV̂ (then its LU factors), column-major m × m. */
    private final double[] lhs;
    /** GᵀG, then M⁻¹GᵀG (destroyed by the eigensolver), column-major m × m. */
    private final double[] mat;
    private final double[] eigenvectors;
    private final double[] wr;
    private final double[] wi;
    private final int[] pivots;
    /** scratch of {@link #selectSmallest}: no allocation per refresh. */
    private final int[] groupStart;
    private final int[] groupLength;
    private final double[] groupModulus;
    private final int[] order;
    private final int[] pick;

    HarmonicRitz(int m, int k, int cap) {
        this.m = m;
        this.k = k;
        this.cap = cap;
        this.dense = DenseKernels.best();
        int kmax = Math.max(cap, 1);
        wv = new double[m + 1][Math.max(m, 1)];
        ctu = new double[kmax][kmax];
        p = new double[m][kmax + 1];
        lhs = new double[m * m];
        mat = new double[m * m];
        eigenvectors = new double[m * m];
        wr = new double[m];
        wi = new double[m];
        pivots = new int[m];
        groupStart = new int[m];
        groupLength = new int[m];
        groupModulus = new double[m];
        order = new int[m];
        pick = new int[m + 1];
    }

    /**
     * Fills {@link #p} (mm × kn, mm = kc + j) with a real basis of the harmonic Ritz vectors of the
     * kn ≈ k smallest |θ|.
     *
     * @param g  G of the cycle (in)
     * @param d  1/‖u_i‖ of the space (in)
     * @param kc recycled vectors of the cycle
     * @param j  Arnoldi columns of the cycle
     * @return kn, or 0 if M is singular or the eigensolver fails (the caller keeps the old space)
     */
    int vectors(double[][] g, double[] d, int kc, int j, RecycleSpace space, Vector[] v) {
        int mm = kc + j;
        boolean ok = kc == 0 ? gmresProblem(g, mm) : recycledProblem(g, d, kc, j, space, v);
        if (!ok) {
            return 0;
        }
        for (int i = 0; i < mm * mm; i++) {
            if (!Double.isFinite(mat[i])) {
                return 0;
            }
        }
        if (dense.geev(mm, mat, 0, mm, wr, wi, eigenvectors, 0, mm) != 0) {
            return 0;
        }
        int kn = select(wr, wi, mm, k, Math.min(cap, m - 1), groupStart, groupLength, groupModulus, order, pick);
        for (int l = 0; l < kn; l++) {
            int col = pick[l] * mm;
            for (int i = 0; i < mm; i++) {
                p[i][l] = eigenvectors[col + i];
            }
        }
        return kn;
    }

    /** mat = H_m + h² H_m⁻ᵀ e_m e_mᵀ; ŴᵀV̂ = V_{m+1}ᵀV_m = [I; 0]. False if H_m is singular. */
    private boolean gmresProblem(double[][] g, int mm) {
        double h = g[mm][mm - 1];
        for (int i = 0; i <= mm; i++) {
            for (int l = 0; l < mm; l++) {
                wv[i][l] = i == l ? 1.0 : 0.0;
            }
        }
        double[] f = wr; // scratch until the eigensolver fills it
        for (int i = 0; i < mm; i++) {
            for (int l = 0; l < mm; l++) {
                lhs[i * mm + l] = g[i][l]; // H_mᵀ, column-major
                mat[l * mm + i] = g[i][l];
            }
            f[i] = 0.0;
        }
        f[mm - 1] = 1.0;
        if (dense.gesv(mm, 1, lhs, 0, mm, pivots, f, 0, mm) != 0) {
            return false;
        }
        for (int i = 0; i < mm; i++) {
            mat[(mm - 1) * mm + i] += h * h * f[i];
        }
        return true;
    }

    /** mat = (GᵀŴᵀV̂)⁻¹ GᵀG, with ŴᵀV̂ formed into {@link #wv}. False if GᵀŴᵀV̂ is singular. */
    private boolean recycledProblem(double[][] g, double[] d, int kc, int j, RecycleSpace space, Vector[] v) {
        int mm = kc + j;
        Vector[] u = space.u();
        Vector[] c = space.c();
        if (!ctuValid) {
            BlockOps.gram(c, kc, u, kc, ctu, 0);
            ctuValid = true;
        }
        for (int i = 0; i < kc; i++) {
            System.arraycopy(ctu[i], 0, wv[i], 0, kc);
        }
        BlockOps.gram(v, j + 1, u, kc, wv, kc); // V_{j+1}'U: the one pass over n
        for (int i = 0; i <= mm; i++) {
            double[] wi = wv[i];
            for (int l = 0; l < kc; l++) {
                wi[l] *= d[l];
            }
            for (int l = kc; l < mm; l++) {
                wi[l] = i == l ? 1.0 : 0.0;
            }
        }
        // G is upper Hessenberg (column i has no entry below row i+1), so both sums stop there:
        // the terms left out are exact zeros, the sums are the full ones (a third of the products)
        double scale = 0.0;
        for (int i = 0; i < mm; i++) {
            int ti = Math.min(i + 1, mm);
            for (int l = 0; l < mm; l++) {
                double s1 = 0.0;
                double s2 = 0.0;
                int tl = Math.min(ti, l + 1);
                int t = 0;
                for (; t <= tl; t++) {
                    double gti = g[t][i];
                    s1 += gti * wv[t][l];
                    s2 += gti * g[t][l];
                }
                for (; t <= ti; t++) {
                    s1 += g[t][i] * wv[t][l];
                }
                lhs[l * mm + i] = s1;
                mat[l * mm + i] = s2;
                scale = Math.max(scale, Math.abs(s1));
            }
        }
        if (dense.gesv(mm, mm, lhs, 0, mm, pivots, mat, 0, mm) != 0) {
            return false;
        }
        for (int i = 0; i < mm; i++) {
            if (!(Math.abs(lhs[i * mm + i]) >= 1e-14 * scale)) {
                return false; // a pivot at round-off level: numerically singular
            }
        }
        return true;
    }

    /**
     * Indices of the eigenvalues of smallest modulus, about {@code k} of them, with complex pairs
     * (i, i+1 in LAPACK's layout) kept whole: k+1 when the k-th is half a pair, k−1 if k+1 exceeds
     * {@code max}.
     */
    static int[] selectSmallest(double[] re, double[] im, int k, int max) {
        return selectSmallest(re, im, re.length, k, max);
    }

    /** {@link #selectSmallest(double[], double[], int, int)} over the first {@code size} entries. */
    static int[] selectSmallest(double[] re, double[] im, int size, int k, int max) {
        int[] out = new int[Math.min(size, k + 1)];
        int count = select(re, im, size, k, max, new int[size], new int[size], new double[size], new int[size], out);
        return Arrays.copyOf(out, count);
    }

    /**
     * The selection of {@link #selectSmallest} into caller-owned scratch (each of length ≥ size;
     * out ≥ min(size, k+1)).
     *
     * @return the number of indices written to out
     */
    private static int select(double[] re, double[] im, int size, int k, int max, int[] start, int[] len,
            double[] mod, int[] order, int[] out) {
        int groups = 0;
        for (int i = 0; i < size; ) {
            boolean pair = im[i] != 0.0 && i + 1 < size && im[i + 1] == -im[i];
            start[groups] = i;
            len[groups] = pair ? 2 : 1;
            mod[groups] = Math.hypot(re[i], im[i]);
            groups++;
            i += pair ? 2 : 1;
        }
        // stable insertion sort of the groups by modulus (at most m of them)
        for (int i = 0; i < groups; i++) {
            int t = i;
            while (t > 0 && mod[order[t - 1]] > mod[i]) {
                order[t] = order[t - 1];
                t--;
            }
            order[t] = i;
        }
        int count = 0;
        for (int t = 0; t < groups && count < k; t++) {
            int gi = order[t];
            if (count + len[gi] > Math.min(k + 1, max)) {
                break; // the pair would overflow: stop at k-1
            }
            for (int e = 0; e < len[gi]; e++) {
                out[count++] = start[gi] + e;
            }
        }
        return count;
    }
}
