package io.krylovforge.core.linalg;

/**
 * Compressed sparse column form: column j holds entries {@code colPtr[j] .. colPtr[j+1]-1} of
 * {@code rowIdx}/{@code values}, rows increasing. Obtained from {@link CsrMatrix#toCsc()}.
 */
public final class CscMatrix {
    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final double[] values;

    CscMatrix(int rows, int cols, int[] colPtr, int[] rowIdx, double[] values) {
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.values = values;
    }

    /** Number of rows. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int cols() {
        return cols;
    }

    /** Number of stored entries. */
    public int nnz() {
        return colPtr[cols];
    }

    /** Copy of the column pointers (length cols+1). */
    public int[] colPtr() {
        return colPtr.clone();
    }

    /** Copy of the row indices. */
    public int[] rowIdx() {
        return rowIdx.clone();
    }

    /** Copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** Back to compressed rows. */
    public CsrMatrix toCsr() {
        return new CsrMatrix(cols, rows, colPtr, rowIdx, values).transpose();
    }
}
