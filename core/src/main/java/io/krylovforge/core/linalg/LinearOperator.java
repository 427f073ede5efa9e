package io.krylovforge.core.linalg;

/**
 * A linear map y = A·x. Matrices implement it, and so can matrix-free operators (stencils,
 * shifted or composed operators), which then work with every solver.
 */
public interface LinearOperator {
    /**
     * Number of rows, the length of y in y = A·x.
     *
     * @return the number of rows
     */
    int rows();

    /**
     * Number of columns, the length of x in y = A·x.
     *
     * @return the number of columns
     */
    int cols();

    /**
     * y ← A·x. {@code x} is unchanged; {@code y} must not alias {@code x}.
     *
     * @param x input, {@code cols()} entries (unchanged)
     * @param y output, {@code rows()} entries
     */
    void apply(Vector x, Vector y);

    /**
     * Convenience for host arrays: y ← A·x.
     *
     * @param x input, {@code cols()} entries (unchanged)
     * @param y output, {@code rows()} entries
     */
    default void apply(double[] x, double[] y) {
        apply(DenseVector.wrap(x), DenseVector.wrap(y));
    }

    /**
     * r ← b − A·x, allocating nothing.
     *
     * @param b right-hand side (in, unchanged), {@code rows()} entries
     * @param x point to evaluate at (in, unchanged), {@code cols()} entries
     * @param r receives the residual (out), {@code rows()} entries; must not alias {@code x}
     * @return {@code r}, for chaining
     */
    default Vector residual(Vector b, Vector x, Vector r) {
        if (b.size() != rows()) {
            throw new DimensionMismatchException("operator has " + rows() + " rows but b has "
                    + b.size() + " entries");
        }
        checkApply(x, r);
        apply(x, r);
        r.axpby(1.0, b, -1.0); // r <- b - A x
        return r;
    }

    /**
     * A new vector holding b − A·x (one allocation, on {@code b}'s backend). In a loop, pass a
     * work vector to {@link #residual(Vector, Vector, Vector)} instead.
     *
     * @param b right-hand side (in, unchanged)
     * @param x point to evaluate at (in, unchanged)
     * @return the residual b − A·x
     */
    default Vector residual(Vector b, Vector x) {
        return residual(b, x, b.zerosLike());
    }

    /**
     * The relative residual ‖b − A·x‖₂ / ‖b‖₂, the quantity every solver's {@code rtol} is
     * tested against; ‖A·x‖₂ when b = 0. Allocates one work vector.
     *
     * @param b right-hand side (in, unchanged)
     * @param x approximate solution (in, unchanged)
     * @return the relative residual
     */
    default double relativeResidual(Vector b, Vector x) {
        double rnorm = residual(b, x).norm2();
        double bnorm = b.norm2();
        return bnorm == 0.0 ? rnorm : rnorm / bnorm;
    }

    /**
     * b = A·1, a right-hand side whose exact solution is the vector of ones (for square,
     * nonsingular A) — the usual test problem for a matrix that comes without one.
     *
     * @return a new host vector of {@code rows()} entries
     */
    default DenseVector applyToOnes() {
        DenseVector b = DenseVector.zeros(rows());
        apply(DenseVector.ones(cols()), b);
        return b;
    }

    /**
     * Whether this operator is square.
     *
     * @return whether rows() == cols()
     */
    default boolean isSquare() {
        return rows() == cols();
    }

    /**
     * Throws a {@link DimensionMismatchException} naming both shapes unless x and y fit.
     *
     * @param x the input vector
     * @param y the output vector
     */
    default void checkApply(Vector x, Vector y) {
        if (x.size() != cols() || y.size() != rows()) {
            throw new DimensionMismatchException("operator is " + rows() + "x" + cols()
                    + " but x has " + x.size() + " and y has " + y.size() + " entries");
        }
    }
}
