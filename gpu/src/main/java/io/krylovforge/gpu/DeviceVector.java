package io.krylovforge.gpu;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;

/**
 * A double vector in device memory of a {@link KernelBackend}. Every operation is one kernel
 * launch (plus, for reductions, a read of at most {@value DeviceRuntime#MAX_GROUPS} partial sums);
 * only {@link #toArray()} and {@link #setFrom(double[])} move the vector between host and device.
 * Operands must live on the same backend. The memory is freed when the vector is unreachable.
 */
public final class DeviceVector implements Vector {
    final KernelBackend backend;
    final int n;
    final DeviceBuffer buffer;
    private final DeviceRuntime rt;

    DeviceVector(KernelBackend backend, int n) {
        this.backend = backend;
        this.rt = backend.runtime();
        this.n = n;
        this.buffer = rt.allocate((long) n * Double.BYTES);
        rt.releaseWhenUnreachable(this, buffer);
    }

    /** The device memory (for code written on the runtime, e.g. the network evaluators). */
    public DeviceBuffer buffer() {
        return buffer;
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public KernelBackend backend() {
        return backend;
    }

    @Override
    public double dot(Vector y) {
        DeviceVector o = backend.vector(y, "y", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (rt.lock()) {
            backend.dot.set(0, n).set(1, buffer).set(2, o.buffer);
            return rt.reduce(backend.dot, 3, n); // this' y
        }
    }

    @Override
    public double norm2() {
        return Math.sqrt(dot(this));
    }

    @Override
    public void axpy(double a, Vector x) {
        DeviceVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (rt.lock()) {
            backend.axpy.set(0, n).set(1, a).set(2, o.buffer).set(3, buffer);
            rt.launch(backend.axpy, n); // this <- this + a x
        }
    }

    @Override
    public void axpby(double a, Vector x, double b) {
        DeviceVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (rt.lock()) {
            backend.axpby.set(0, n).set(1, a).set(2, o.buffer).set(3, b).set(4, buffer);
            rt.launch(backend.axpby, n); // this <- a x + b this
        }
    }

    @Override
    public void scale(double a) {
        if (n == 0) {
            return;
        }
        synchronized (rt.lock()) {
            backend.scale.set(0, n).set(1, a).set(2, buffer);
            rt.launch(backend.scale, n); // this <- a this
        }
    }

    @Override
    public void copyFrom(Vector x) {
        DeviceVector o = backend.vector(x, "x", n);
        if (n == 0 || o == this) {
            return;
        }
        rt.copy(o.buffer, buffer, n); // this <- x
    }

    @Override
    public void fill(double value) {
        if (n == 0) {
            return;
        }
        synchronized (rt.lock()) {
            backend.fill.set(0, n).set(1, value).set(2, buffer);
            try {
                rt.launch(backend.fill, n);
            } catch (DeviceOutOfMemoryException e) {
                throw withSize(e); // drivers that allocate lazily report a failed allocation at first use
            }
        }
    }

    @Override
    public DeviceVector zerosLike() {
        return backend.zeros(n);
    }

    @Override
    public double[] toArray() {
        double[] out = new double[n];
        rt.read(buffer, out, n);
        return out;
    }

    @Override
    public void setFrom(double[] values) {
        if (values.length != n) {
            throw new DimensionMismatchException("values have " + values.length
                    + " entries but the vector has " + n);
        }
        try {
            rt.write(buffer, values, n);
        } catch (DeviceOutOfMemoryException e) {
            throw withSize(e);
        }
    }

    private DeviceOutOfMemoryException withSize(DeviceOutOfMemoryException e) {
        return e.bytes() > 0 ? e : new DeviceOutOfMemoryException(rt.spec(), (long) n * Double.BYTES,
                "reported at first use", e);
    }

    @Override
    public String toString() {
        return "DeviceVector[n=" + n + ", " + rt.spec() + "]";
    }
}
