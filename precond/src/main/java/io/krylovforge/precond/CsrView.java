package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * The raw CSR arrays of a square matrix, fetched once at set-up so the kernels of every
 * preconditioner run over primitive arrays.
 *
 * @param n      number of rows (= columns)
 * @param rowPtr row pointers, length n+1
 * @param colIdx column indices, columns strictly increasing within a row
 * @param values entries
 */
public record CsrView(int n, int[] rowPtr, int[] colIdx, double[] values) {

    /**
     * The arrays of {@code a}, which must be a square {@link CsrMatrix}.
     *
     * @param who the preconditioner asking, for the error message
     * @throws IllegalArgumentException if {@code a} is not a CsrMatrix
     * @throws DimensionMismatchException if {@code a} is not square
     */
    public static CsrView of(LinearOperator a, String who) {
        CsrMatrix m = require(a, who);
        return new CsrView(m.rows(), m.rowPtr(), m.colIdx(), m.values());
    }

    /** {@code a} as a square CsrMatrix, or a clear IllegalArgumentException naming {@code who}. */
    public static CsrMatrix require(LinearOperator a, String who) {
        if (a == null) {
            throw new IllegalArgumentException(who + " needs a matrix, got null");
        }
        if (!(a instanceof CsrMatrix m)) {
            throw new IllegalArgumentException(who + " needs an assembled CsrMatrix, got "
                    + describe(a) + " (" + a.rows() + "x" + a.cols() + ")");
        }
        if (m.rows() != m.cols()) {
            throw new DimensionMismatchException(
                    who + " needs a square matrix, got " + m.rows() + "x" + m.cols());
        }
        return m;
    }

    /**
     * The class of a non-CSR operator as a reader can find it: the simple name, or for an
     * anonymous class or lambda (whose simple name is empty) the full binary name.
     */
    static String describe(LinearOperator a) {
        Class<?> c = a.getClass();
        String simple = c.getSimpleName();
        if (!simple.isEmpty() && !c.isSynthetic()) {
            return simple;
        }
        return "matrix-free operator " + c.getName().replaceFirst("/0x[0-9a-f]+$", "");
    }

    /** Number of stored entries. */
    public int nnz() {
        return rowPtr[n];
    }

    /**
     * Position of the diagonal entry of every row in {@code colIdx}.
     *
     * @param who preconditioner name for the message
     * @throws io.krylovforge.core.solve.PreconditionerFailedException naming the first row with
     *         no stored diagonal
     */
    public int[] diagonalPointers(String who) {
        int[] diag = new int[n];
        final int[] ptr = rowPtr;
        final int[] col = colIdx;
        for (int i = 0; i < n; i++) {
            int found = -1;
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                if (col[k] == i) {
                    found = k;
                    break;
                }
            }
            if (found < 0) {
                throw new PreconditionerFailedException(
                        who + ": no diagonal entry stored in row " + i + " (0-based)");
            }
            diag[i] = found;
        }
        return diag;
    }

    /** The diagonal (zero where none is stored). */
    public double[] diagonal() {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
                if (colIdx[k] == i) {
                    d[i] = values[k];
                    break;
                }
            }
        }
        return d;
    }

    /** y ← A x on the arrays (serial). */
    public void multiply(double[] x, double[] y) {
        final int[] ptr = rowPtr;
        final int[] col = colIdx;
        final double[] val = values;
        for (int i = 0, rows = n; i < rows; i++) {
            double sum = 0.0;
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                sum += val[k] * x[col[k]];
            }
            y[i] = sum; // y = A x
        }
    }

    /**
     * Checks z ← M⁻¹ r arguments: set up (n ≥ 0), sizes n, no aliasing.
     *
     * @throws IllegalStateException if the preconditioner was not set up
     * @throws DimensionMismatchException on wrong sizes
     */
    public static void checkApply(String who, int n, double[] r, double[] z) {
        if (n < 0) {
            throw new IllegalStateException(who + ": apply() called before setUp()");
        }
        if (r.length != n || z.length != n) {
            throw new DimensionMismatchException(who + " was set up for n = " + n + " but r has "
                    + r.length + " and z has " + z.length + " entries");
        }
        if (r == z) {
            throw new IllegalArgumentException(who + ": z must not alias r");
        }
    }
}
