package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/**
 * One member of a sequence: A x = b, with the PDE parameter array the sorters compare (the
 * coefficient field, the Chebyshev coefficients, ...; may be empty when not sorting).
 *
 * @param a          the matrix (square)
 * @param b          the right-hand side (never modified)
 * @param parameters flattened parameter array (not copied; do not change it during a solve)
 */
public record LinearSystem(LinearOperator a, Vector b, double[] parameters) {
    /**
     * Checks that A is square and b matches it.
     *
     * @throws IllegalArgumentException if a or b is missing or the sizes disagree
     */
    public LinearSystem {
        if (a == null || b == null) {
            throw new IllegalArgumentException("a linear system needs a matrix and a right-hand side");
        }
        if (a.rows() != a.cols() || b.size() != a.rows()) {
            throw new IllegalArgumentException("system is " + a.rows() + "x" + a.cols() + " with b of "
                    + b.size() + " entries; need a square matrix and a matching b");
        }
        if (parameters == null) {
            parameters = new double[0];
        }
    }

    /** A system without parameters (solve in the given order). */
    public LinearSystem(LinearOperator a, Vector b) {
        this(a, b, new double[0]);
    }
}
