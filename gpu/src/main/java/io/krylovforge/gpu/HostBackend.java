package io.krylovforge.gpu;

import io.krylovforge.core.backend.CpuBackend;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;

/**
 * The CPU as a {@link DeviceBackend}: vectors are {@link CpuBackend} host vectors, "upload"
 * returns the matrix itself, close does nothing. Lets callers treat cpu and devices alike.
 */
final class HostBackend implements DeviceBackend {
    static final HostBackend INSTANCE = new HostBackend();

    private HostBackend() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Vector zeros(int n) {
        return CpuBackend.INSTANCE.zeros(n);
    }

    @Override
    public Vector of(double[] values) {
        return CpuBackend.INSTANCE.of(values.clone());
    }

    @Override
    public double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        return CpuBackend.INSTANCE.cgUpdate(alpha, p, q, x, r);
    }

    @Override
    public String description() {
        return "cpu (" + Runtime.getRuntime().availableProcessors() + " threads, host memory)";
    }

    @Override
    public LinearOperator upload(CsrMatrix a) {
        return a;
    }

    @Override
    public LinearOperator laplacian2d(int nx, int ny) {
        return Stencils.laplacian2d(nx, ny);
    }

    @Override
    public void close() {
        // nothing held
    }
}
