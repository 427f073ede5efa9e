package io.krylovforge.core.linalg;

/**
 * Cheap structural facts about a matrix, for reports and for choosing a solver.
 *
 * @param rows                 number of rows
 * @param cols                 number of columns
 * @param nnz                  stored entries
 * @param symmetric            symmetric within {@code symmetryTolerance}·max|a_ij|
 * @param symmetryTolerance    tolerance used for {@code symmetric}
 * @param zeroDiagonals        rows whose diagonal is zero or missing
 * @param minAbsDiagonal       min |a_ii|
 * @param maxAbsDiagonal       max |a_ii|
 * @param positiveDiagonal     every a_ii &gt; 0
 * @param dominantRows         rows with |a_ii| ≥ Σ_{j≠i} |a_ij| (weak diagonal dominance)
 * @param strictlyDominantRows rows with |a_ii| &gt; Σ_{j≠i} |a_ij|
 */
public record MatrixProperties(int rows, int cols, int nnz, boolean symmetric,
        double symmetryTolerance, int zeroDiagonals, double minAbsDiagonal, double maxAbsDiagonal,
        boolean positiveDiagonal, int dominantRows, int strictlyDominantRows) {

    /** Default relative tolerance of the symmetry check. */
    public static final double SYMMETRY_TOLERANCE = 1e-12;

    /** Analyses {@code a} with the default symmetry tolerance. */
    public static MatrixProperties of(CsrMatrix a) {
        return of(a, SYMMETRY_TOLERANCE);
    }

    /**
     * Analyses {@code a} in one pass over its entries (plus a transpose for the symmetry check).
     *
     * @param a                 the matrix
     * @param symmetryTolerance relative tolerance: symmetric when |a_ij − a_ji| ≤ tol·max|a_ij|
     * @return the facts
     */
    public static MatrixProperties of(CsrMatrix a, double symmetryTolerance) {
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        int m = Math.min(a.rows(), a.cols());
        int zero = 0;
        int dominant = 0;
        int strict = 0;
        boolean positive = m > 0;
        double minDiag = m > 0 ? Double.POSITIVE_INFINITY : 0.0;
        double maxDiag = 0.0;
        for (int i = 0; i < a.rows(); i++) {
            double diag = 0.0;
            double off = 0.0;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                if (col[k] == i) {
                    diag = val[k];
                } else {
                    off += Math.abs(val[k]);
                }
            }
            if (i < m) {
                double ad = Math.abs(diag);
                minDiag = Math.min(minDiag, ad);
                maxDiag = Math.max(maxDiag, ad);
                if (diag == 0.0) {
                    zero++;
                }
                if (!(diag > 0.0)) {
                    positive = false;
                }
            }
            if (Math.abs(diag) >= off) {
                dominant++;
            }
            if (Math.abs(diag) > off) {
                strict++;
            }
        }
        return new MatrixProperties(a.rows(), a.cols(), a.nnz(), a.isSymmetric(symmetryTolerance),
                symmetryTolerance, zero, minDiag, maxDiag, positive, dominant, strict);
    }

    /** Whether A may be SPD as far as cheap checks can tell (symmetric, positive diagonal). */
    public boolean maybeSpd() {
        return symmetric && positiveDiagonal;
    }

    /** "strict", "weak", or "no" diagonal dominance over all rows. */
    public String diagonalDominance() {
        if (strictlyDominantRows == rows) {
            return "strict";
        }
        return dominantRows == rows ? "weak" : "no";
    }
}
