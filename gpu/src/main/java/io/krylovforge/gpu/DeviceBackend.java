package io.krylovforge.gpu;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/**
 * A {@link Backend} that owns device resources: it can upload matrices and must be closed.
 * Vectors made by {@link #zeros} and {@link #of} live on the device; operators returned by
 * {@link #upload} apply to those vectors only.
 *
 * <p>Instances are safe to use from several threads (kernel launches are serialized), but one
 * solve at a time per backend is the intended use.
 */
public interface DeviceBackend extends Backend, AutoCloseable {
    /** Human-readable device description, e.g. "opencl:0:0 NVIDIA H100 (GPU, 79.1 GiB)". */
    String description();

    /** Copies {@code a} to the device; the result computes y = A x on this backend's vectors. */
    LinearOperator upload(CsrMatrix a);

    /**
     * Copies {@code a} to the device with a chosen SpMV kernel ({@link SpmvKernel#AUTO} picks by
     * mean row length). Backends with one kernel ignore the choice.
     */
    default LinearOperator upload(CsrMatrix a, SpmvKernel kernel) {
        return upload(a);
    }

    /**
     * The matrix-free 2D 5-point Laplacian on an nx×ny grid (same matrix as
     * {@link io.krylovforge.core.linalg.Stencils#laplacian2d}), applied without storing it.
     */
    LinearOperator laplacian2d(int nx, int ny);

    /** z ← diag(d)·x, element by element (the Jacobi step); z may alias x. */
    void pointwiseMultiply(Vector d, Vector x, Vector z);

    /** Releases device memory and contexts; vectors and operators must not be used afterwards. */
    @Override
    void close();
}
