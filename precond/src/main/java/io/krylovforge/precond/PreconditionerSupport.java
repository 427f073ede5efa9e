package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * The checks every preconditioner makes on its matrix and its apply() arguments, and the
 * diagonal positions the triangular sweeps need. The kernels themselves read
 * {@link CsrMatrix#rowPtr()}, {@link CsrMatrix#colIdx()} and {@link CsrMatrix#values()}
 * directly: there is one CSR type, no copy or wrapper.
 */
public final class PreconditionerSupport {

    private PreconditionerSupport() {
    }

    /**
     * {@code a} as a square CsrMatrix.
     *
     * @param who the preconditioner asking, for the error message
     * @throws IllegalArgumentException if {@code a} is null or not a CsrMatrix
     * @throws DimensionMismatchException if {@code a} is not square
     */
    public static CsrMatrix requireSquareCsr(LinearOperator a, String who) {
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

    /**
     * Position of the diagonal entry of every row of the square matrix {@code a} in its
     * {@code colIdx}.
     *
     * @param who preconditioner name for the message
     * @throws PreconditionerFailedException naming the first row with no stored diagonal
     */
    public static int[] diagonalPointers(CsrMatrix a, String who) {
        final int n = a.rows();
        final int[] ptr = a.rowPtr();
        final int[] col = a.colIdx();
        int[] diag = new int[n];
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
