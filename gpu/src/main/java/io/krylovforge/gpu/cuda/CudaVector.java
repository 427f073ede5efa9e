package io.krylovforge.gpu.cuda;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A double vector in CUDA device memory. Each operation is one kernel launch (reductions also
 * copy at most {@value CudaBackend#MAX_GROUPS} partials back); only {@link #toArray()} and
 * {@link #setFrom(double[])} move the vector between host and device. Operands must live on the
 * same {@link CudaBackend}.
 */
public final class CudaVector implements Vector {
    final CudaBackend backend;
    final int n;
    final CUdeviceptr mem;
    /** Kernel-parameter pointer to {@link #mem}, made once. */
    final Pointer arg;

    CudaVector(CudaBackend backend, int n) {
        this.backend = backend;
        this.n = n;
        this.mem = backend.allocate((long) n * Sizeof.DOUBLE);
        this.arg = Pointer.to(mem);
        backend.freeWhenUnreachable(this, mem);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public CudaBackend backend() {
        return backend;
    }

    @Override
    public double dot(Vector y) {
        CudaVector o = backend.vector(y, "y", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (backend.lock()) {
            backend.bind();
            backend.setInts(n, 0);
            return backend.reduce(backend.kDot, n, backend.int0Ptr, arg, o.arg); // this' y
        }
    }

    @Override
    public double norm2() {
        return Math.sqrt(dot(this));
    }

    @Override
    public void axpy(double a, Vector x) {
        CudaVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            backend.setInts(n, 0);
            backend.setDoubles(a, 0.0);
            backend.launch(backend.kAxpy, n, backend.int0Ptr, backend.dbl0Ptr, o.arg, arg); // this += a x
        }
    }

    @Override
    public void axpby(double a, Vector x, double b) {
        CudaVector o = backend.vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            backend.setInts(n, 0);
            backend.setDoubles(a, b);
            // this <- a x + b this
            backend.launch(backend.kAxpby, n, backend.int0Ptr, backend.dbl0Ptr, o.arg, backend.dbl1Ptr, arg);
        }
    }

    @Override
    public void scale(double a) {
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            backend.setInts(n, 0);
            backend.setDoubles(a, 0.0);
            backend.launch(backend.kScale, n, backend.int0Ptr, backend.dbl0Ptr, arg); // this <- a this
        }
    }

    @Override
    public void copyFrom(Vector x) {
        CudaVector o = backend.vector(x, "x", n);
        if (n == 0 || o == this) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            CudaBackend.check(JCudaDriver.cuMemcpyDtoD(mem, o.mem, (long) n * Sizeof.DOUBLE), "cuMemcpyDtoD");
        }
    }

    @Override
    public void fill(double value) {
        if (n == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            backend.setInts(n, 0);
            backend.setDoubles(value, 0.0);
            backend.launch(backend.kFill, n, backend.int0Ptr, backend.dbl0Ptr, arg);
        }
    }

    @Override
    public CudaVector zerosLike() {
        return backend.zeros(n);
    }

    @Override
    public double[] toArray() {
        double[] out = new double[n];
        if (n > 0) {
            synchronized (backend.lock()) {
                backend.bind();
                CudaBackend.check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), mem, (long) n * Sizeof.DOUBLE),
                        "cuMemcpyDtoH");
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
            backend.bind();
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(mem, Pointer.to(values), (long) n * Sizeof.DOUBLE),
                    "cuMemcpyHtoD");
        }
    }

    @Override
    public String toString() {
        return "CudaVector[n=" + n + ", " + backend.spec() + "]";
    }
}
