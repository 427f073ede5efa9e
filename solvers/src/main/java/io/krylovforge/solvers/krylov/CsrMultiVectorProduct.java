package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Parallel;

/**
 * Y = A·X for several host vectors at once, reading the CSR arrays of A once for all of them
 * (a sparse matrix times a thin dense block; the matrix stream dominates SpMV cost, so s
 * right-hand sides cost far less than s separate products). The CSR arrays are copied out of the
 * matrix once, at construction; {@link #multiply} allocates nothing.
 */
public final class CsrMultiVectorProduct {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    private final Body body = new Body();

    /**
     * A product kernel over the arrays of {@code a} (shared, not copied).
     *
     * @param a the matrix
     */
    public CsrMultiVectorProduct(CsrMatrix a) {
        this.rows = a.rows();
        this.cols = a.cols();
        this.rowPtr = a.rowPtr();
        this.colIdx = a.colIdx();
        this.values = a.values();
    }

    /**
     * y[c] ← A·x[c] for c = active[0..count-1]; the other columns are not touched.
     *
     * @param x      in: columns of X, each of length cols
     * @param y      out: columns of Y, each of length rows (must not alias x)
     * @param active which columns to compute
     * @param count  how many entries of {@code active} are used
     */
    public void multiply(double[][] x, double[][] y, int[] active, int count) {
        for (int t = 0; t < count; t++) {
            int c = active[t];
            if (x[c].length != cols || y[c].length != rows) {
                throw new DimensionMismatchException("matrix is " + rows + "x" + cols + " but column " + c
                        + " of X has " + x[c].length + " and of Y " + y[c].length + " entries");
            }
        }
        body.x = x;
        body.y = y;
        body.active = active;
        body.count = count;
        Parallel.forRange(rows, body);
    }

    private final class Body implements Parallel.RangeBody {
        double[][] x;
        double[][] y;
        int[] active;
        int count;

        @Override
        public void run(int from, int to) {
            final int[] ptr = rowPtr;
            final int[] col = colIdx;
            final double[] val = values;
            final double[][] xx = x;
            final double[][] yy = y;
            final int[] act = active;
            final int s = count;
            for (int i = from; i < to; i++) {
                for (int t = 0; t < s; t++) {
                    yy[act[t]][i] = 0.0;
                }
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    double v = val[k];
                    int j = col[k];
                    for (int t = 0; t < s; t++) {
                        int c = act[t];
                        yy[c][i] += v * xx[c][j]; // Y(i, c) += A(i, j) X(j, c)
                    }
                }
            }
        }
    }
}
