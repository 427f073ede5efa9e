package io.krylovforge.core.linalg;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.backend.CpuBackend;
import java.util.Arrays;

/** A host vector over a {@code double[]}; the reference implementation of {@link Vector}. */
public final class DenseVector implements Vector {
    private final double[] data;

    private DenseVector(double[] data) {
        this.data = data;
    }

    /**
     * A vector of n zeros.
     *
     * @param n size ≥ 0
     * @return the new vector
     */
    public static DenseVector zeros(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("vector size must be >= 0, got " + n);
        }
        return new DenseVector(new double[n]);
    }

    /**
     * A vector of n ones.
     *
     * @param n size ≥ 0
     * @return the new vector
     */
    public static DenseVector ones(int n) {
        DenseVector v = zeros(n);
        Arrays.fill(v.data, 1.0);
        return v;
    }

    /**
     * A vector holding a copy of {@code values}.
     *
     * @param values the entries (copied)
     * @return the new vector
     */
    public static DenseVector of(double... values) {
        return new DenseVector(values.clone());
    }

    /**
     * A vector backed by {@code values} itself: writes to one show in the other.
     *
     * @param values the entries (shared)
     * @return the vector over {@code values}
     */
    public static DenseVector wrap(double[] values) {
        return new DenseVector(values);
    }

    /**
     * The backing array of a host vector, for CPU-only kernels (triangular solves, sweeps).
     *
     * @throws IllegalArgumentException if {@code v} does not live in host memory
     * @param v a host vector
     * @return its backing array (shared)
     */
    public static double[] array(Vector v) {
        if (v instanceof DenseVector d) {
            return d.data;
        }
        throw new IllegalArgumentException("this operation needs a host (cpu) vector, got one on "
                + v.backend().name());
    }

    /**
     * The backing array (shared, not copied).
     *
     * @return the backing array
     */
    public double[] data() {
        return data;
    }

    /**
     * Entry {@code i} (0-based).
     *
     * @param i index
     * @return the entry
     */
    public double get(int i) {
        return data[i];
    }

    /**
     * Sets entry {@code i} (0-based) to {@code value}.
     *
     * @param i     index
     * @param value the new entry
     */
    public void set(int i, double value) {
        data[i] = value;
    }

    @Override
    public int size() {
        return data.length;
    }

    @Override
    public Backend backend() {
        return CpuBackend.INSTANCE;
    }

    @Override
    public double dot(Vector y) {
        return VectorKernels.dot(data, array(y));
    }

    @Override
    public double norm2() {
        return VectorKernels.norm2(data);
    }

    @Override
    public void axpy(double a, Vector x) {
        VectorKernels.axpy(a, array(x), data);
    }

    @Override
    public void axpby(double a, Vector x, double b) {
        VectorKernels.axpby(a, array(x), b, data);
    }

    @Override
    public void scale(double a) {
        VectorKernels.scale(a, data);
    }

    @Override
    public void copyFrom(Vector x) {
        VectorKernels.copy(array(x), data);
    }

    @Override
    public void fill(double value) {
        Arrays.fill(data, value);
    }

    @Override
    public DenseVector zerosLike() {
        return new DenseVector(new double[data.length]);
    }

    @Override
    public DenseVector copy() {
        return new DenseVector(data.clone());
    }

    @Override
    public double[] toArray() {
        return data.clone();
    }

    @Override
    public void setFrom(double[] values) {
        VectorKernels.copy(values, data);
    }

    @Override
    public String toString() {
        return data.length <= 10 ? "DenseVector" + Arrays.toString(data)
                : "DenseVector[size=" + data.length + "]";
    }
}
