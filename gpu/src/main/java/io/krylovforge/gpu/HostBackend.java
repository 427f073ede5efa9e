package io.krylovforge.gpu;

import io.krylovforge.core.backend.CpuBackend;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
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
    public void pointwiseMultiply(Vector d, Vector x, Vector z) {
        double[] dv = DenseVector.array(d);
        double[] xv = DenseVector.array(x);
        double[] zv = DenseVector.array(z);
        int n = zv.length;
        if (dv.length != n || xv.length != n) {
            throw new DimensionMismatchException("pointwise multiply of sizes " + dv.length + ", " + xv.length
                    + " into " + n);
        }
        for (int i = 0; i < n; i++) {
            zv[i] = dv[i] * xv[i]; // z = diag(d) x
        }
    }

    @Override
    public void close() {
        // nothing held
    }
}
