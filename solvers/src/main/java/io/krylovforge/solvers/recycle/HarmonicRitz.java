package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.Vector;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The small eigenproblem of a GCRO-DR refresh: harmonic Ritz vectors of the last cycle,
 * GᵀG z = θ GᵀŴᵀV̂ z, the k of smallest |θ| (Parks et al. 2006, eq. 2.13). Without a QZ solver it
 * forms M = GᵀŴᵀV̂ (LU) and solves the standard problem M⁻¹(GᵀG) z = θ z with Commons Math's
 * nonsymmetric {@link EigenDecomposition} (real block form). With an empty space the cycle was a
 * GMRES(m) cycle and the problem is H_m + h²_{m+1,m} H_m⁻ᵀ e_m e_mᵀ (eq. 2.7). Complex pairs of θ
 * are kept whole (real and imaginary parts as two real vectors).
 *
 * <p>ŴᵀV̂ = [[CᵀUD, 0], [V_{j+1}ᵀUD, [I; 0]]] is left in {@link #wv} for the refresh. CᵀU is carried
 * from refresh to refresh as a small product ({@link #ctu}), so only V_{j+1}ᵀU is formed from
 * n-vectors.
 */
final class HarmonicRitz {
    private final int m;
    private final int k;
    private final int cap;
    /** ŴᵀV̂, (mm+1) × mm. */
    final double[][] wv;
    /** CᵀU of the current space (unscaled), valid while ctuValid. */
    final double[][] ctu;
    boolean ctuValid;
    private final double[][] mmat;
    private final double[][] gtg;
    private final double[][] mat;

    HarmonicRitz(int m, int k, int cap) {
        this.m = m;
        this.k = k;
        this.cap = cap;
        int kmax = Math.max(cap, 1);
        wv = new double[m + 1][Math.max(m, 1)];
        ctu = new double[kmax][kmax];
        mmat = new double[m][m];
        gtg = new double[m][m];
        mat = new double[m][m];
    }

    /**
     * P (mm × kn, mm = kc + j): a real basis of the harmonic Ritz vectors of the kn ≈ k smallest
     * |θ|, or null if M is singular or the eigensolver fails (the caller keeps the old space).
     *
     * @param g  G of the cycle (in)
     * @param d  1/‖u_i‖ of the space (in)
     * @param kc recycled vectors of the cycle
     * @param j  Arnoldi columns of the cycle
     */
    double[][] vectors(double[][] g, double[] d, int kc, int j, RecycleSpace space, Vector[] v) {
        int mm = kc + j;
        double[][] mat = mm == m ? this.mat : new double[mm][mm];
        try {
            boolean ok = kc == 0 ? gmresProblem(g, mm, mat) : recycledProblem(g, d, kc, j, space, v, mat);
            if (!ok) {
                return null;
            }
            for (double[] row : mat) {
                for (double e : row) {
                    if (!Double.isFinite(e)) {
                        return null;
                    }
                }
            }
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(mat, false));
            int[] pick = selectSmallest(eig.getRealEigenvalues(), eig.getImagEigenvalues(), k, Math.min(cap, m - 1));
            if (pick.length == 0) {
                return null;
            }
            RealMatrix vv = eig.getV();
            double[][] p = new double[mm][pick.length];
            for (int l = 0; l < pick.length; l++) {
                for (int i = 0; i < mm; i++) {
                    p[i][l] = vv.getEntry(i, pick[l]);
                }
            }
            return p;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // Commons Math: singular matrix or eigensolver without convergence: keep the old space
            return null;
        }
    }

    /** mat = H_m + h² H_m⁻ᵀ e_m e_mᵀ; ŴᵀV̂ = V_{m+1}ᵀV_m = [I; 0]. False if H_m is singular. */
    private boolean gmresProblem(double[][] g, int mm, double[][] mat) {
        RealMatrix hm = new Array2DRowRealMatrix(mm, mm);
        for (int i = 0; i < mm; i++) {
            for (int l = 0; l < mm; l++) {
                hm.setEntry(i, l, g[i][l]);
            }
        }
        double h = g[mm][mm - 1];
        for (int i = 0; i <= mm; i++) {
            for (int l = 0; l < mm; l++) {
                wv[i][l] = i == l ? 1.0 : 0.0;
            }
        }
        LUDecomposition lu = new LUDecomposition(hm.transpose(), 1e-300);
        if (!lu.getSolver().isNonSingular()) {
            return false;
        }
        double[] em = new double[mm];
        em[mm - 1] = 1.0;
        double[] f = lu.getSolver().solve(new ArrayRealVector(em, false)).toArray();
        for (int i = 0; i < mm; i++) {
            for (int l = 0; l < mm; l++) {
                mat[i][l] = g[i][l];
            }
            mat[i][mm - 1] += h * h * f[i];
        }
        return true;
    }

    /** mat = (GᵀŴᵀV̂)⁻¹ GᵀG, with ŴᵀV̂ formed into {@link #wv}. False if GᵀŴᵀV̂ is singular. */
    private boolean recycledProblem(double[][] g, double[] d, int kc, int j, RecycleSpace space, Vector[] v,
            double[][] mat) {
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
        double[][] mmat = mm == m ? this.mmat : new double[mm][mm];
        double[][] gtg = mm == m ? this.gtg : new double[mm][mm];
        double scale = 0.0;
        for (int i = 0; i < mm; i++) {
            for (int l = 0; l < mm; l++) {
                double s1 = 0.0;
                double s2 = 0.0;
                for (int t = 0; t <= mm; t++) {
                    s1 += g[t][i] * wv[t][l];
                    s2 += g[t][i] * g[t][l];
                }
                mmat[i][l] = s1;
                gtg[i][l] = s2;
                scale = Math.max(scale, Math.abs(s1));
            }
        }
        LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(mmat, false), 1e-14 * scale);
        if (!lu.getSolver().isNonSingular()) {
            return false;
        }
        RealMatrix sol = lu.getSolver().solve(new Array2DRowRealMatrix(gtg, false));
        for (int i = 0; i < mm; i++) {
            for (int l = 0; l < mm; l++) {
                mat[i][l] = sol.getEntry(i, l);
            }
        }
        return true;
    }

    /**
     * Indices of the eigenvalues of smallest modulus, about {@code k} of them, with complex pairs
     * (i, i+1 in Commons Math's real block form) kept whole: k+1 when the k-th is half a pair,
     * k−1 if k+1 exceeds {@code max}.
     */
    static int[] selectSmallest(double[] re, double[] im, int k, int max) {
        int size = re.length;
        int[] start = new int[size];
        int[] len = new int[size];
        double[] mod = new double[size];
        int groups = 0;
        for (int i = 0; i < size; ) {
            boolean pair = im[i] != 0.0 && i + 1 < size && im[i + 1] == -im[i];
            start[groups] = i;
            len[groups] = pair ? 2 : 1;
            mod[groups] = Math.hypot(re[i], im[i]);
            groups++;
            i += pair ? 2 : 1;
        }
        Integer[] order = new Integer[groups];
        for (int i = 0; i < groups; i++) {
            order[i] = i;
        }
        final double[] md = mod;
        Arrays.sort(order, (p, q) -> Double.compare(md[p], md[q]));
        int[] out = new int[Math.min(size, k + 1)];
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
        return Arrays.copyOf(out, count);
    }
}
