package io.krylovforge.gpu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import java.util.Locale;

/**
 * The device {@link io.krylovforge.core.backend.Backend}, written once on a {@link DeviceRuntime}
 * (CUDA or OpenCL): {@link DeviceVector}s, {@link DeviceCsrMatrix} uploads, the matrix-free
 * {@link DeviceLaplacian2d}, the fused CG step and the Jacobi step, each one launch of a kernel of
 * {@code kernels/vector.c}.
 *
 * <p>Reductions (dot, norm2, the fused CG step) are two-stage and deterministic
 * ({@link DeviceRuntime#reduce}): results depend on n and the group size only, never on
 * scheduling. Closing the backend closes its runtime.
 */
public final class KernelBackend implements DeviceBackend {
    private final DeviceRuntime runtime;
    final DeviceKernel axpy;
    final DeviceKernel axpby;
    final DeviceKernel scale;
    final DeviceKernel fill;
    final DeviceKernel pointwise;
    final DeviceKernel dot;
    final DeviceKernel cgUpdate;
    final DeviceKernel spmvScalar;
    final DeviceKernel spmvVector;
    final DeviceKernel laplacian;

    /**
     * A backend on {@code runtime}, which it owns from now on: closing the backend closes it, and
     * so does a failure here.
     */
    public KernelBackend(DeviceRuntime runtime) {
        this.runtime = runtime;
        try {
            axpy = kernel("kf_axpy");
            axpby = kernel("kf_axpby");
            scale = kernel("kf_scale");
            fill = kernel("kf_fill");
            pointwise = kernel("kf_pointwise");
            dot = kernel("kf_dot");
            cgUpdate = kernel("kf_cg_update");
            spmvScalar = kernel("kf_spmv_scalar");
            spmvVector = kernel("kf_spmv_vector");
            laplacian = kernel("kf_laplacian2d");
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    private DeviceKernel kernel(String name) {
        return runtime.kernel(DeviceRuntime.class, "kernels/vector", name);
    }

    /** The runtime underneath, for code written against it (the network evaluators of learned-gpu). */
    public DeviceRuntime runtime() {
        return runtime;
    }

    @Override
    public String name() {
        return runtime.name();
    }

    @Override
    public String description() {
        return runtime.description();
    }

    /** The spec that reopens this device ("cuda:0", "opencl:0:1"). */
    public String spec() {
        return runtime.spec();
    }

    /** Threads per group of every launch (a power of two). */
    public int groupSize() {
        return runtime.groupSize();
    }

    @Override
    public DeviceVector zeros(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("vector size must be >= 0, got " + n);
        }
        DeviceVector v = new DeviceVector(this, n);
        v.fill(0.0);
        return v;
    }

    @Override
    public DeviceVector of(double[] values) {
        DeviceVector v = new DeviceVector(this, values.length);
        v.setFrom(values);
        return v;
    }

    @Override
    public double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        DeviceVector xv = vector(x, "x");
        int n = xv.n;
        DeviceVector pv = vector(p, "p", n);
        DeviceVector qv = vector(q, "q", n);
        DeviceVector rv = vector(r, "r", n);
        if (n == 0) {
            return 0.0;
        }
        synchronized (runtime.lock()) {
            cgUpdate.set(0, n).set(1, alpha).set(2, pv.buffer).set(3, qv.buffer).set(4, xv.buffer).set(5, rv.buffer);
            return runtime.reduce(cgUpdate, 6, n); // x += alpha p, r -= alpha q, r'r
        }
    }

    @Override
    public void pointwiseMultiply(Vector d, Vector x, Vector z) {
        DeviceVector zv = vector(z, "z");
        int n = zv.n;
        DeviceVector dv = vector(d, "d", n);
        DeviceVector xv = vector(x, "x", n);
        if (n == 0) {
            return;
        }
        synchronized (runtime.lock()) {
            pointwise.set(0, n).set(1, dv.buffer).set(2, xv.buffer).set(3, zv.buffer);
            runtime.launch(pointwise, n); // z = diag(d) x
        }
    }

    /** Uploads with the kernel chosen by mean row length ({@link SpmvKernel#AUTO}). */
    @Override
    public DeviceCsrMatrix upload(CsrMatrix a) {
        return new DeviceCsrMatrix(this, a, SpmvKernel.AUTO);
    }

    @Override
    public DeviceCsrMatrix upload(CsrMatrix a, SpmvKernel kernel) {
        return new DeviceCsrMatrix(this, a, kernel);
    }

    @Override
    public LinearOperator laplacian2d(int nx, int ny) {
        return new DeviceLaplacian2d(this, nx, ny);
    }

    /** Waits for everything launched (for timing). */
    public void synchronize() {
        runtime.synchronize();
    }

    @Override
    public void close() {
        runtime.close();
    }

    @Override
    public String toString() {
        return runtime.description();
    }

    /** The device vector behind {@code v}, which must live on this backend. */
    DeviceVector vector(Vector v, String what) {
        if (v instanceof DeviceVector d && d.backend == this) {
            return d;
        }
        throw new IllegalArgumentException(what + " lives on " + v.backend().name()
                + (v instanceof DeviceVector ? " (another " + apiName() + " context)" : "")
                + ", expected a vector of " + spec() + " (upload it with backend.of(...))");
    }

    DeviceVector vector(Vector v, String what, int n) {
        DeviceVector d = vector(v, what);
        if (d.n != n) {
            throw new DimensionMismatchException(what + " has " + d.n + " entries, expected " + n);
        }
        return d;
    }

    private String apiName() {
        return "opencl".equals(runtime.name()) ? "OpenCL" : runtime.name().toUpperCase(Locale.ROOT);
    }
}
