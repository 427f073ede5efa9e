package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.mesh.Discretisation;
import io.krylovforge.solvers.recycle.LinearSystem;
import java.util.Objects;

/**
 * One sampled system of a {@link PdeFamily}.
 *
 * @param family          the family name
 * @param seed            the seed it was drawn with, or −1 when drawn from a caller's generator
 * @param a               the matrix
 * @param b               the right-hand side
 * @param parameters      the PDE parameters that sorting compares (SKR Alg. 1: Frobenius distance
 *                        of these arrays), flattened row-major
 * @param parameterShape  the shape of {@code parameters} (e.g. {s, s} for a coefficient field)
 * @param discretisation  the mesh/grid and unknown numbering, for expansion and export
 */
public record PdeInstance(String family, long seed, CsrMatrix a, double[] b, double[] parameters,
        int[] parameterShape, Discretisation discretisation) {
    /**
     * Checks that the shapes fit (an internal error otherwise: families build instances).
     *
     * @param family          the family name
     * @param seed            the seed it was drawn with, or −1 when drawn from a caller's generator
     * @param a               the matrix
     * @param b               the right-hand side
     * @param parameters      the PDE parameters that sorting compares (SKR Alg. 1: Frobenius distance
     *        of these arrays), flattened row-major
     * @param parameterShape  the shape of {@code parameters} (e.g. {s, s} for a coefficient field)
     * @param discretisation  the mesh/grid and unknown numbering, for expansion and export
     */
    public PdeInstance {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(parameters, "parameters");
        if (a.rows() != b.length || a.cols() != b.length) {
            throw new IllegalStateException("internal: matrix " + a.rows() + "x" + a.cols()
                    + " does not fit rhs of length " + b.length);
        }
        long count = 1;
        for (int d : parameterShape) {
            count *= d;
        }
        if (count != parameters.length) {
            throw new IllegalStateException("internal: parameter shape does not match " + parameters.length + " values");
        }
    }

    /**
     * This instance as a {@link LinearSystem}, ready for a solver or a {@code SequenceSolver}:
     * the matrix, the right-hand side and the parameters the sorters compare. The vector wraps
     * {@link #b()} (no copy), and solvers never modify b.
     *
     * @return A x = b with this instance's parameters
     */
    public LinearSystem system() {
        return new LinearSystem(a, DenseVector.wrap(b), parameters);
    }

    /** {@return the number of unknowns} */
    public int size() {
        return b.length;
    }

    /** Frobenius distance between the parameter arrays of two instances (the SKR sort key). */
    public double parameterDistance(PdeInstance other) {
        if (other.parameters.length != parameters.length) {
            throw new IllegalArgumentException("parameter arrays differ in length: " + parameters.length
                    + " vs " + other.parameters.length);
        }
        double s = 0.0;
        for (int i = 0; i < parameters.length; i++) {
            double d = parameters[i] - other.parameters[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
