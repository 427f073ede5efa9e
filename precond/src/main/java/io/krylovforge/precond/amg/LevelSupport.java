package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.LanczosEstimator;
import io.krylovforge.precond.PointJacobi;
import java.util.Arrays;

/** Set-up stages of smoothed aggregation that work on raw arrays. */
final class LevelSupport {
    /** Lanczos steps for ρ(D⁻¹A), as PyAMG's approximate_spectral_radius (maxiter 15). */
    static final int RHO_STEPS = 15;

    private LevelSupport() {
    }

    /**
     * ρ(D⁻¹A) estimate: the largest |Ritz value| of {@value #RHO_STEPS} Lanczos steps on D⁻¹A
     * (A symmetric with positive diagonal).
     */
    static double spectralRadius(CsrMatrix a, long seed) {
        PointJacobi d = new PointJacobi();
        d.setUp(a);
        LanczosEstimator.Bounds e = new LanczosEstimator(RHO_STEPS, seed).estimate(a, d, DenseVector.zeros(a.rows()));
        return Math.max(Math.abs(e.min()), Math.abs(e.max()));
    }

    /**
     * Tentative prolongator T for one candidate vector B: T(i, agg(i)) = B_i / ‖B on agg(i)‖, so
     * its columns are orthonormal and B lies in its range. Also returns the coarse candidate
     * B_c(j) = ‖B on aggregate j‖ in {@code coarseB}.
     *
     * @return T as CSR (one entry per aggregated row, none for isolated rows)
     */
    static CsrMatrix tentative(Aggregation agg, double[] b, double[] coarseB) {
        final int n = agg.index().length;
        final int[] index = agg.index();
        double[] norm2 = new double[agg.count()];
        for (int i = 0; i < n; i++) {
            if (index[i] >= 0) {
                norm2[index[i]] += b[i] * b[i];
            }
        }
        for (int j = 0; j < norm2.length; j++) {
            coarseB[j] = Math.sqrt(norm2[j]);
        }
        int[] ptr = new int[n + 1];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            if (index[i] >= 0) {
                nnz++;
            }
            ptr[i + 1] = nnz;
        }
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        for (int i = 0, q = 0; i < n; i++) {
            int j = index[i];
            if (j >= 0) {
                col[q] = j;
                // a zero candidate norm only happens for B = 0 on a whole aggregate
                val[q++] = coarseB[j] > 0.0 ? b[i] / coarseB[j] : 0.0; // T_ij = B_i / ||B_agg||
            }
        }
        return CsrMatrix.of(n, agg.count(), ptr, col, val);
    }

    /**
     * Jacobi-smoothed prolongator P = (I − ω D⁻¹A) T with T of at most one entry per row, fused
     * into one pass: row i of P gathers T's entries of the neighbours of i.
     */
    static CsrMatrix smoothProlongator(CsrMatrix a, double[] invDiag, double omega, CsrMatrix t) {
        final int n = a.rows();
        final int nc = t.cols();
        final int[] ap = a.rowPtr();
        final int[] ac = a.colIdx();
        final double[] av = a.values();
        final int[] tp = t.rowPtr();
        final int[] tc = t.colIdx();
        final double[] tv = t.values();
        int[] marker = new int[nc];
        Arrays.fill(marker, -1);
        double[] acc = new double[nc];
        int[] rowCols = new int[nc];
        int[] pp = new int[n + 1];
        int cap = Math.max(16, a.nnz());
        int[] pc = new int[cap];
        double[] pv = new double[cap];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            int cnt = 0;
            for (int k = tp[i], end = tp[i + 1]; k < end; k++) {
                int c = tc[k];
                marker[c] = i;
                acc[c] = tv[k]; // P_i* = T_i*
                rowCols[cnt++] = c;
            }
            final double scale = -omega * invDiag[i];
            for (int ka = ap[i], aEnd = ap[i + 1]; ka < aEnd; ka++) {
                int k = ac[ka];
                double coef = scale * av[ka];
                for (int kt = tp[k], tEnd = tp[k + 1]; kt < tEnd; kt++) {
                    int c = tc[kt];
                    if (marker[c] != i) {
                        marker[c] = i;
                        acc[c] = coef * tv[kt];
                        rowCols[cnt++] = c;
                    } else {
                        acc[c] += coef * tv[kt]; // P_ic -= w/d_i a_ik T_kc
                    }
                }
            }
            SparseMatrixProduct.sortSmall(rowCols, cnt);
            if (nnz + cnt > pc.length) {
                int newCap = Math.max(pc.length + (pc.length >> 1), nnz + cnt);
                pc = Arrays.copyOf(pc, newCap);
                pv = Arrays.copyOf(pv, newCap);
            }
            for (int q = 0; q < cnt; q++) {
                int c = rowCols[q];
                pc[nnz] = c;
                pv[nnz++] = acc[c];
            }
            pp[i + 1] = nnz;
        }
        return CsrMatrix.of(n, nc, pp, pc, pv);
    }
}
