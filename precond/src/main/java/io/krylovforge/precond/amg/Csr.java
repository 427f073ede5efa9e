package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.Arrays;

/** Raw (possibly rectangular) CSR arrays passed between the AMG set-up stages. */
record Csr(int rows, int cols, int[] ptr, int[] col, double[] val) {

    static Csr of(CsrMatrix m) {
        return new Csr(m.rows(), m.cols(), m.rowPtr(), m.colIdx(), m.values());
    }

    int nnz() {
        return ptr[rows];
    }

    /** A validated CsrMatrix (copies the arrays once). */
    CsrMatrix toMatrix() {
        return CsrMatrix.of(rows, cols, ptr, col, val);
    }

    /** y ← this·x. */
    void multiply(double[] x, double[] y) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] v = val;
        for (int i = 0, m = rows; i < m; i++) {
            double s = 0.0;
            for (int k = p[i], end = p[i + 1]; k < end; k++) {
                s += v[k] * x[c[k]];
            }
            y[i] = s; // y = A x
        }
    }

    /** The transpose (counting sort by column: rows of the result come out sorted). */
    Csr transpose() {
        int nnz = nnz();
        int[] tp = new int[cols + 1];
        for (int k = 0; k < nnz; k++) {
            tp[col[k] + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            tp[j + 1] += tp[j];
        }
        int[] next = Arrays.copyOf(tp, cols);
        int[] tc = new int[nnz];
        double[] tv = new double[nnz];
        for (int i = 0; i < rows; i++) {
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                int dst = next[col[k]]++;
                tc[dst] = i;
                tv[dst] = val[k];
            }
        }
        return new Csr(cols, rows, tp, tc, tv);
    }

    /** Diagonal of a square matrix (zero where not stored). */
    double[] diagonal() {
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                if (col[k] == i) {
                    d[i] = val[k];
                    break;
                }
            }
        }
        return d;
    }

    /** y ← y + this·x. */
    void multiplyAdd(double[] x, double[] y) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] v = val;
        for (int i = 0, m = rows; i < m; i++) {
            double s = 0.0;
            for (int k = p[i], end = p[i + 1]; k < end; k++) {
                s += v[k] * x[c[k]];
            }
            y[i] += s; // y = y + A x
        }
    }
}
