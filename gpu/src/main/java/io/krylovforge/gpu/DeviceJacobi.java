package io.krylovforge.gpu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * Jacobi (diagonal) preconditioning on a device: M = diag(A), z = M⁻¹r as one element-wise
 * kernel. Set-up inverts the diagonal on the host and uploads it once; {@link #apply} moves no
 * data between host and device.
 *
 * <p>Requires an operator whose diagonal is known: a {@link CsrMatrix} or a {@link DiagonalSource}
 * (what {@link DeviceBackend#upload} and {@link DeviceBackend#laplacian2d} return). A zero or
 * non-finite diagonal entry throws {@link PreconditionerFailedException} naming the row, which
 * the solvers report as DIVERGED_PRECONDITIONER_FAILED. M is SPD when A is, so it may be used
 * with CG.
 */
public final class DeviceJacobi implements Preconditioner {
    private final DeviceBackend backend;
    private Vector inverseDiagonal;

    /** A Jacobi preconditioner whose vectors live on {@code backend}. */
    public DeviceJacobi(DeviceBackend backend) {
        this.backend = backend;
    }

    @Override
    public void setUp(LinearOperator a) {
        double[] d;
        if (a instanceof DiagonalSource s) {
            d = s.diagonal();
        } else if (a instanceof CsrMatrix m) {
            d = m.diagonal();
        } else {
            throw new IllegalArgumentException("device jacobi needs a CsrMatrix or an operator from DeviceBackend.upload"
                    + " (one that knows its diagonal), got " + a.getClass().getSimpleName());
        }
        if (!a.isSquare()) {
            throw new DimensionMismatchException("jacobi needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0.0 || !Double.isFinite(d[i])) {
                throw new PreconditionerFailedException("jacobi: diagonal entry " + d[i] + " in row " + i);
            }
            d[i] = 1.0 / d[i];
        }
        inverseDiagonal = backend.of(d); // host -> device once
    }

    @Override
    public void apply(Vector r, Vector z) {
        if (inverseDiagonal == null) {
            throw new IllegalStateException("internal: DeviceJacobi.apply before setUp");
        }
        backend.pointwiseMultiply(inverseDiagonal, r, z); // z = D^-1 r
    }

    @Override
    public String name() {
        return "jacobi";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
