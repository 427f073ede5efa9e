package io.krylovforge.core.backend;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.linalg.VectorKernels;

/** Host memory, plain Java loops over {@code double[]}, parallel through the common pool. */
public final class CpuBackend implements Backend {
    /** The one CPU backend (stateless). */
    public static final CpuBackend INSTANCE = new CpuBackend();

    private CpuBackend() {
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public Vector zeros(int n) {
        return DenseVector.zeros(n);
    }

    @Override
    public Vector of(double[] values) {
        return DenseVector.of(values);
    }

    @Override
    public double applyDot(LinearOperator a, Vector p, Vector q) {
        if (a instanceof CsrMatrix csr && csr.isSquare() && p instanceof DenseVector dp && q instanceof DenseVector dq) {
            a.checkApply(p, q);
            return csr.multiplyDot(dp.data(), dq.data());
        }
        a.apply(p, q);
        return p.dot(q);
    }

    @Override
    public double updateApplyDot(LinearOperator a, Vector z, double beta, Vector p, Vector q) {
        if (a instanceof CsrMatrix csr && csr.isSquare() && z instanceof DenseVector dz
                && p instanceof DenseVector dp && q instanceof DenseVector dq && dq != dp && dq != dz) {
            a.checkApply(p, q);
            return csr.updateMultiplyDot(dz.data(), beta, dp.data(), dq.data());
        }
        return Backend.super.updateApplyDot(a, z, beta, p, q);
    }

    @Override
    public double updateApplyDot(LinearOperator a, Vector z, double beta, Vector p, Vector q, double alphaPrev,
            Vector x) {
        if (a instanceof CsrMatrix csr && csr.isSquare() && z instanceof DenseVector dz
                && p instanceof DenseVector dp && q instanceof DenseVector dq && x instanceof DenseVector dx
                && dq != dp && dq != dz && dx != dp && dx != dz && dx != dq) {
            a.checkApply(p, q);
            return csr.updateMultiplyDot(dz.data(), beta, dp.data(), dq.data(), alphaPrev, dx.data());
        }
        return Backend.super.updateApplyDot(a, z, beta, p, q, alphaPrev, x);
    }

    @Override
    public double applyDotWith(LinearOperator a, Vector p, Vector q, Vector w) {
        if (a instanceof CsrMatrix csr && csr.isSquare() && p instanceof DenseVector dp && q instanceof DenseVector dq
                && w instanceof DenseVector dw && dw != dq) {
            a.checkApply(p, q);
            return csr.multiplyDot(dp.data(), dq.data(), dw.data());
        }
        a.apply(p, q);
        return w.dot(q);
    }

    @Override
    public double axpyDot(double a, Vector x, Vector y, Vector z) {
        if (x instanceof DenseVector dx && y instanceof DenseVector dy && z instanceof DenseVector dz) {
            return VectorKernels.axpyDot(a, dx.data(), dy.data(), dz.data());
        }
        y.axpy(a, x);
        return y.dot(z);
    }

    @Override
    public double cgUpdate(double alpha, Vector p, Vector q, Vector x, Vector r) {
        return VectorKernels.cgUpdate(alpha, DenseVector.array(p), DenseVector.array(q),
                DenseVector.array(x), DenseVector.array(r));
    }

    @Override
    public double multiDot(Vector[] v, int count, Vector w, double[] out, int offset) {
        return VectorKernels.multiDot(v, count, DenseVector.array(w), out, offset);
    }

    @Override
    public double multiAxpyNorm(Vector[] v, int count, double[] coef, int offset, Vector w) {
        return VectorKernels.multiAxpyNorm(v, count, coef, offset, DenseVector.array(w));
    }

    @Override
    public void bicgDirection(double beta, double omega, Vector r, Vector v, Vector p) {
        VectorKernels.bicgDirection(beta, omega, DenseVector.array(r), DenseVector.array(v), DenseVector.array(p));
    }

    @Override
    public double bicgUpdate(double a, Vector p, double b, Vector s, Vector x, Vector t, Vector r, Vector rhat,
            double[] rho) {
        return VectorKernels.bicgUpdate(a, DenseVector.array(p), b, DenseVector.array(s), DenseVector.array(x),
                DenseVector.array(t), DenseVector.array(r), DenseVector.array(rhat), rho);
    }

    @Override
    public void axpy2(double a, Vector p, double b, Vector s, Vector x) {
        VectorKernels.axpy2(a, DenseVector.array(p), b, DenseVector.array(s), DenseVector.array(x));
    }
}
