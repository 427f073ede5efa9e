package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Parallel;
import io.krylovforge.core.linalg.Vector;
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
     * z ← D⁻¹ r and returns rᵀz in the same pass, summed block by block with the eight
     * accumulators of {@code VectorKernels.dot} (bit-identical to {@code dot(r, z)} after
     * {@link #apply}); parallel over blocks when the vectors are long enough.
     */
    @Override
    public double applyDot(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("jacobi", invDiag == null ? -1 : invDiag.length, rr, zz);
        final double[] dinv = invDiag;
        return Parallel.sumBlocks(dinv.length, (from, to) -> scaleDotBlock(dinv, rr, zz, from, to));
    }

    private static double scaleDotBlock(double[] dinv, double[] rr, double[] zz, int from, int to) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            double z0 = dinv[i] * rr[i];
            double z1 = dinv[i + 1] * rr[i + 1];
            double z2 = dinv[i + 2] * rr[i + 2];
            double z3 = dinv[i + 3] * rr[i + 3];
            double z4 = dinv[i + 4] * rr[i + 4];
            double z5 = dinv[i + 5] * rr[i + 5];
            double z6 = dinv[i + 6] * rr[i + 6];
            double z7 = dinv[i + 7] * rr[i + 7];
            zz[i] = z0; // z = D^-1 r
            zz[i + 1] = z1;
            zz[i + 2] = z2;
            zz[i + 3] = z3;
            zz[i + 4] = z4;
            zz[i + 5] = z5;
            zz[i + 6] = z6;
            zz[i + 7] = z7;
            s0 += rr[i] * z0;
            s1 += rr[i + 1] * z1;
            s2 += rr[i + 2] * z2;
            s3 += rr[i + 3] * z3;
            s4 += rr[i + 4] * z4;
            s5 += rr[i + 5] * z5;
            s6 += rr[i + 6] * z6;
            s7 += rr[i + 7] * z7;
        }
        for (; i < to; i++) {
            double zi = dinv[i] * rr[i];
            zz[i] = zi;
            s0 += rr[i] * zi;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
