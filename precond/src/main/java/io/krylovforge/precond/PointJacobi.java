package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.linalg.VectorKernels;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * Jacobi (diagonal) preconditioning: M = diag(A), z = D⁻¹ r.
 *
 * <p>Requirements: a {@link io.krylovforge.core.linalg.CsrMatrix} with no zero on the diagonal
 * (a zero throws {@link PreconditionerFailedException} naming the row). M is symmetric, and
 * positive definite when A's diagonal is positive, so it may precondition CG.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §10.2.
 */
public final class PointJacobi implements Preconditioner {
    private LinearOperator last;
    private double[] invDiag;

    @Override
    public void setUp(LinearOperator a) {
        if (a == last) {
            return;
        }
        CsrMatrix m = PreconditionerSupport.requireSquareCsr(a, "jacobi");
        double[] d = m.diagonal();
        for (int i = 0; i < d.length; i++) {
            if (d[i] == 0.0 || !Double.isFinite(d[i])) {
                throw new PreconditionerFailedException("jacobi: diagonal entry of row " + i + " (0-based) is " + d[i]);
            }
            d[i] = 1.0 / d[i];
        }
        invDiag = d;
        last = a;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("jacobi", invDiag == null ? -1 : invDiag.length, rr, zz);
        final double[] dinv = invDiag;
        for (int i = 0, n = dinv.length; i < n; i++) {
            zz[i] = dinv[i] * rr[i]; // z = D^-1 r
        }
    }

    /**
     * z ← D⁻¹ r and returns rᵀz in the same pass ({@link VectorKernels#scaleDot}: bit-identical to
     * {@code dot(r, z)} after {@link #apply}; parallel over blocks when the vectors are long enough).
     */
    @Override
    public double applyDot(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("jacobi", invDiag == null ? -1 : invDiag.length, rr, zz);
        return VectorKernels.scaleDot(invDiag, rr, zz);
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
