package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.Arrays;

/**
 * Symmetric Ruiz equilibration (D. Ruiz, "A scaling algorithm to equilibrate both rows and
 * columns norms in matrices", RAL-TR-2001-034): S diagonal such that every row and column of
 * S·A·S has largest magnitude close to 1. Pivot tests and thresholds then compare like with like
 * on badly scaled matrices (optimal-control KKT systems span 40 orders of magnitude).
 */
final class SymmetricScaling {
    /** Sweeps; each halves the log-distance of the row maxima from 1. */
    static final int SWEEPS = 5;

    private SymmetricScaling() {
    }

    /**
     * Fills {@code scale} (length n) with S; {@code rowMax} (length n) is work space. Entries of
     * either triangle count for both their row and their column, so a matrix stored as one
     * triangle is scaled as the full one.
     */
    static void compute(CsrMatrix a, double[] scale, double[] rowMax) {
        compute(a.rows(), a.rowPtr(), a.colIdx(), a.values(), scale, rowMax);
    }

    /** As {@link #compute(CsrMatrix, double[], double[])} on a's CSR arrays (no copies made). */
    static void compute(int n, int[] rp, int[] ci, double[] v, double[] scale, double[] rowMax) {
        Arrays.fill(scale, 0, n, 1.0);
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            Arrays.fill(rowMax, 0, n, 0.0);
            for (int i = 0; i < n; i++) {
                for (int p = rp[i]; p < rp[i + 1]; p++) {
                    int j = ci[p];
                    double m = Math.abs(v[p]) * scale[i] * scale[j];
                    rowMax[i] = Math.max(rowMax[i], m);
                    rowMax[j] = Math.max(rowMax[j], m);
                }
            }
            for (int i = 0; i < n; i++) {
                if (rowMax[i] > 0.0 && Double.isFinite(rowMax[i])) {
                    scale[i] /= Math.sqrt(rowMax[i]);
                }
            }
        }
    }
}
