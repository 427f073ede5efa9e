package io.krylovforge.core.linalg;

import io.krylovforge.core.backend.Backend;

/**
 * A vector living on some {@link Backend} (host memory, a GPU...). Solvers are written only
 * against these operations, so the same algorithm runs wherever the vectors live.
 *
 * <p>Operations that take another vector require it to have the same size and backend.
 */
public interface Vector {
    /**
     * Number of entries.
     *
     * @return the length
     */
    int size();

    /**
     * Where the entries live.
     *
     * @return the backend
     */
    Backend backend();

    /**
     * Returns thisᵀy.
     *
     * @param y the other vector
     * @return the inner product
     */
    double dot(Vector y);

    /**
     * Returns ‖this‖₂.
     *
     * @return the Euclidean norm
     */
    double norm2();

    /**
     * this ← this + a·x.
     *
     * @param a scalar
     * @param x vector added (unchanged)
     */
    void axpy(double a, Vector x);

    /**
     * this ← a·x + b·this.
     *
     * @param a scalar for x
     * @param x vector (unchanged)
     * @param b scalar for this
     */
    void axpby(double a, Vector x, double b);

    /**
     * this ← a·this.
     *
     * @param a scalar
     */
    void scale(double a);

    /**
     * this ← x.
     *
     * @param x the source (unchanged)
     */
    void copyFrom(Vector x);

    /**
     * Sets every entry to {@code value}.
     *
     * @param value the value
     */
    void fill(double value);

    /**
     * A new vector of the same size and backend, all zeros.
     *
     * @return the new vector
     */
    Vector zerosLike();

    /**
     * A new vector of the same backend holding a copy of this one.
     *
     * @return the new vector
     */
    default Vector copy() {
        Vector v = zerosLike();
        v.copyFrom(this);
        return v;
    }

    /**
     * target ← this + y, allocating nothing. {@code target} may be {@code this} or {@code y}.
     *
     * @param y      the vector added (in)
     * @param target receives the sum (out); same size and backend
     * @return {@code target}, for chaining
     */
    default Vector add(Vector y, Vector target) {
        checkSameSize(y, target);
        if (target == y) {
            target.axpy(1.0, this); // y <- y + this
        } else {
            if (target != this) {
                target.copyFrom(this);
            }
            target.axpy(1.0, y); // target <- this + y
        }
        return target;
    }

    /**
     * target ← this − y, allocating nothing. {@code target} may be {@code this} or {@code y}.
     *
     * @param y      the vector subtracted (in)
     * @param target receives the difference (out); same size and backend
     * @return {@code target}, for chaining
     */
    default Vector subtract(Vector y, Vector target) {
        checkSameSize(y, target);
        if (target == y) {
            target.axpby(1.0, this, -1.0); // y <- this - y
        } else {
            if (target != this) {
                target.copyFrom(this);
            }
            target.axpy(-1.0, y); // target <- this - y
        }
        return target;
    }

    /**
     * Throws a {@link DimensionMismatchException} naming the sizes unless every vector given has
     * this vector's size.
     *
     * @param others vectors that must match this one in size
     */
    default void checkSameSize(Vector... others) {
        for (Vector v : others) {
            if (v.size() != size()) {
                throw new DimensionMismatchException(
                        "vector sizes differ: " + size() + " and " + v.size());
            }
        }
    }

    /**
     * Copies the entries to a new host array (a download for device vectors).
     *
     * @return a new array
     */
    double[] toArray();

    /**
     * Overwrites the entries from a host array of the same length (an upload).
     *
     * @param values the new entries, {@code size()} of them
     */
    void setFrom(double[] values);
}
