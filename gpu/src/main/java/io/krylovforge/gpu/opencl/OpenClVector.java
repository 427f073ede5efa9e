package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A double vector in OpenCL device memory. Every operation is one kernel launch (plus, for
 * reductions, a read of at most {@value OpenClBackend#MAX_GROUPS} partial sums); only
 * {@link #toArray()} and {@link #setFrom(double[])} move the vector between host and device.
 * Operands must live on the same {@link OpenClBackend}.
 */
public final class OpenClVector implements Vector {
    final OpenClBackend backend;
    final int n;
    final cl_mem mem;
    /** Kernel-argument pointer to {@link #mem}, made once. */
    final Pointer ptr;

    OpenClVector(OpenClBackend backend, int n) {
        this.backend = backend;
        this.n = n;
        long bytes = (long) n * Sizeof.cl_double;
        this.mem = backend.allocate(bytes, CL_MEM_READ_WRITE, null);
        this.ptr = Pointer.to(mem);
        OpenClBackend.releaseWhenUnreachable(this, mem);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public OpenClBackend backend() {
        return backend;
    }

    @Override
    public double dot(Vector y) {
        OpenClVector o = backend.vector(y, "y", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.setInt(backend.kDot, 0, n);
            backend.setMem(backend.kDot, 1, ptr);
            backend.setMem(backend.kDot, 2, o.ptr);
            return backend.reduce(backend.kDot, 3, n); // this' y
        }
    }

    @Override
    public double norm2() {
        return Math.sqrt(dot(this));
    }

    @Override
    public void axpy(double a, Vector x) {
        OpenClVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.setInt(backend.kAxpy, 0, n);
            backend.setDouble(backend.kAxpy, 1, a);
            backend.setMem(backend.kAxpy, 2, o.ptr);
            backend.setMem(backend.kAxpy, 3, ptr);
            backend.launch(backend.kAxpy, n); // this <- this + a x
        }
    }

    @Override
    public void axpby(double a, Vector x, double b) {
        OpenClVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.setInt(backend.kAxpby, 0, n);
            backend.setDouble(backend.kAxpby, 1, a);
            backend.setMem(backend.kAxpby, 2, o.ptr);
            backend.setDouble(backend.kAxpby, 3, b);
            backend.setMem(backend.kAxpby, 4, ptr);
            backend.launch(backend.kAxpby, n); // this <- a x + b this
        }
    }

    @Override
    public void scale(double a) {
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.setInt(backend.kScale, 0, n);
            backend.setDouble(backend.kScale, 1, a);
            backend.setMem(backend.kScale, 2, ptr);
            backend.launch(backend.kScale, n); // this <- a this
        }
    }

    @Override
    public void copyFrom(Vector x) {
        OpenClVector o = backend.vector(x, "x", n);
        if (n == 0 || o == this) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.copy(o.mem, mem, n); // this <- x
        }
    }

    @Override
    public void fill(double value) {
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            backend.setInt(backend.kFill, 0, n);
            backend.setDouble(backend.kFill, 1, value);
            backend.setMem(backend.kFill, 2, ptr);
            try {
                backend.launch(backend.kFill, n);
            } catch (CLException e) {
                // drivers that allocate lazily report a failed allocation at first use
                throw backend.outOfMemory((long) n * Sizeof.cl_double, e);
            }
        }
    }

    @Override
    public OpenClVector zerosLike() {
        return backend.zeros(n);
    }

    @Override
    public double[] toArray() {
        double[] out = new double[n];
        if (n > 0) {
            synchronized (backend.lock()) {
                backend.checkOpen();
                backend.read(mem, out);
            }
        }
        return out;
    }

    @Override
    public void setFrom(double[] values) {
        if (values.length != n) {
            throw new DimensionMismatchException("values have " + values.length
                    + " entries but the vector has " + n);
        }
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            try {
                backend.write(mem, values);
            } catch (CLException e) {
                throw backend.outOfMemory((long) n * Sizeof.cl_double, e);
            }
        }
    }

    @Override
    public String toString() {
        return "OpenClVector[n=" + n + ", " + backend.spec() + "]";
    }
}
