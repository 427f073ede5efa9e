package io.krylovforge.core.linalg;

/**
 * A linear map y = A·x. Matrices implement it, and so can matrix-free operators (stencils,
 * shifted or composed operators), which then work with every solver.
 */
public interface LinearOperator {
    int rows();

    int cols();

    /** y ← A·x. {@code x} is unchanged; {@code y} must not alias {@code x}. */
    void apply(Vector x, Vector y);

    /** Convenience for host arrays: y ← A·x. */
    default void apply(double[] x, double[] y) {
        apply(DenseVector.wrap(x), DenseVector.wrap(y));
    }

    /** Whether this operator is square. */
    default boolean isSquare() {
        return rows() == cols();
    }

    /** Throws a {@link DimensionMismatchException} naming both shapes unless x and y fit. */
    default void checkApply(Vector x, Vector y) {
        if (x.size() != cols() || y.size() != rows()) {
            throw new DimensionMismatchException("operator is " + rows() + "x" + cols()
                    + " but x has " + x.size() + " and y has " + y.size() + " entries");
        }
    }
}
