package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import java.util.Arrays;

/**
 * Sparse matrix–matrix products C = A·B in CSR (Gustavson's row-by-row algorithm with a dense
 * accumulator and a marker array, so each product costs O(flops + nnz(C)) and allocates only
 * its output), and the Galerkin triple product Pᵀ A P used for AMG coarse operators.
 *
 * <p>Output rows are sorted by column, as {@link CsrMatrix} requires; explicit zeros produced by
 * cancellation are kept (the pattern is structural).
 *
 * <p>Reference: Gustavson, ACM TOMS 4 (1978); Davis, Direct Methods for Sparse Linear Systems,
 * §2.8 ({@code cs_multiply}).
 */
public final class SparseMatrixProduct {
    private SparseMatrixProduct() {
    }

    /** C = A·B; the shapes must agree (the error names both). */
    public static CsrMatrix multiply(CsrMatrix a, CsrMatrix b) {
        if (a.cols() != b.rows()) {
            throw new DimensionMismatchException("cannot multiply " + a.rows() + "x" + a.cols()
                    + " by " + b.rows() + "x" + b.cols());
        }
        return product(a, b);
    }

    /** The Galerkin coarse operator Pᵀ A P (R = Pᵀ). */
    public static CsrMatrix galerkin(CsrMatrix p, CsrMatrix a) {
        if (a.rows() != a.cols() || a.cols() != p.rows()) {
            throw new DimensionMismatchException("Galerkin product needs square A matching P's rows, got A "
                    + a.rows() + "x" + a.cols() + " and P " + p.rows() + "x" + p.cols());
        }
        return product(p.transpose(), product(a, p));
    }

    /** C = A·B on raw arrays (shapes already checked). */
    private static CsrMatrix product(CsrMatrix a, CsrMatrix b) {
        final int m = a.rows();
        final int ncols = b.cols();
        final int[] ap = a.rowPtr();
        final int[] ac = a.colIdx();
        final double[] av = a.values();
        final int[] bp = b.rowPtr();
        final int[] bc = b.colIdx();
        final double[] bv = b.values();
        int[] marker = new int[ncols];
        Arrays.fill(marker, -1);
        double[] acc = new double[ncols];
        int[] rowCols = new int[ncols];
        int[] cp = new int[m + 1];
        int cap = Math.max(16, a.nnz() + b.nnz());
        int[] cc = new int[cap];
        double[] cv = new double[cap];
        int nnz = 0;
        for (int i = 0; i < m; i++) {
            int cnt = 0;
            for (int ka = ap[i], aEnd = ap[i + 1]; ka < aEnd; ka++) {
                int j = ac[ka];
                double aij = av[ka];
                for (int kb = bp[j], bEnd = bp[j + 1]; kb < bEnd; kb++) {
                    int c = bc[kb];
                    if (marker[c] != i) {
                        marker[c] = i;
                        acc[c] = aij * bv[kb]; // c_ic = a_ij b_jc (first term)
                        rowCols[cnt++] = c;
                    } else {
                        acc[c] += aij * bv[kb]; // c_ic += a_ij b_jc
                    }
                }
            }
            sortSmall(rowCols, cnt);
            if (nnz + cnt > cc.length) {
                int newCap = Math.max(cc.length + (cc.length >> 1), nnz + cnt);
                cc = Arrays.copyOf(cc, newCap);
                cv = Arrays.copyOf(cv, newCap);
            }
            for (int t = 0; t < cnt; t++) {
                int c = rowCols[t];
                cc[nnz] = c;
                cv[nnz++] = acc[c];
            }
            cp[i + 1] = nnz;
        }
        return CsrMatrix.of(m, ncols, cp, cc, cv);
    }

    /** Sorts a[0..n) ascending: insertion sort for the short rows AMG produces. */
    static void sortSmall(int[] a, int n) {
        if (n > 48) {
            Arrays.sort(a, 0, n);
            return;
        }
        for (int i = 1; i < n; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
