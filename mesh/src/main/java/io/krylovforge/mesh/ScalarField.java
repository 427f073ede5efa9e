package io.krylovforge.mesh;

/**
 * A scalar function of position, used for coefficients, sources and boundary data. In 2D the
 * {@code z} argument is 0.
 */
@FunctionalInterface
public interface ScalarField {
    /** Value at (x, y, z). */
    double value(double x, double y, double z);

    /** The constant field {@code c}. */
    static ScalarField constant(double c) {
        return (x, y, z) -> c;
    }
}
