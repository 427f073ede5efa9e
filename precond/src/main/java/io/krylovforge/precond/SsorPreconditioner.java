package io.krylovforge.precond;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * Symmetric successive over-relaxation (SSOR) preconditioning with A = L + D + U:
 * <pre>  M = 1/(ω(2−ω)) · (D + ωL) D⁻¹ (D + ωU),   0 &lt; ω &lt; 2,</pre>
 * applied as z = ω(2−ω) (D + ωU)⁻¹ D (D + ωL)⁻¹ r: one forward and one backward triangular
 * sweep over A's rows. (Written as (D/ω + L)(D/ω)⁻¹(D/ω + U)·1/(2−ω); a constant factor on M
 * does not change PCG iterates.)
 *
 * <p>Requirements: a {@link io.krylovforge.core.linalg.CsrMatrix} with nonzero diagonal (a zero
 * throws {@link PreconditionerFailedException} naming the row). For symmetric A with positive
 * diagonal, M is SPD, so it may precondition CG.
 *
 * <p>The Eisenstat trick (fusing M⁻¹A into the two sweeps) is not used: it changes the
 * operator the solver sees, so it cannot hide behind {@code apply(r, z)}, and with one SpMV per
 * iteration already in CG the saving is at most half a sweep.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §4.1.2 and §10.2.
 */
public final class SsorPreconditioner implements Preconditioner {
    private final double omega;
    private LinearOperator last;
    private CsrView a;
    private int[] diagPtr;
    private double[] diag;

    /**
     * SSOR with relaxation 0 &lt; ω &lt; 2 (ω = 1: symmetric Gauss–Seidel).
     *
     * @param omega relaxation factor ω in (0, 2)
     */
    public SsorPreconditioner(double omega) {
        if (!(omega > 0.0 && omega < 2.0)) {
            throw new IllegalArgumentException("SSOR needs 0 < omega < 2, got " + omega);
        }
        this.omega = omega;
    }

    /**
     * The relaxation factor ω.
     *
     * @return ω
     */
    public double omega() {
        return omega;
    }

    @Override
    public void setUp(LinearOperator op) {
        if (op == last) {
            return;
        }
        CsrView m = CsrView.of(op, "ssor");
        int[] dp = m.diagonalPointers("ssor");
        double[] d = new double[m.n()];
        for (int i = 0; i < d.length; i++) {
            d[i] = m.values()[dp[i]];
            if (d[i] == 0.0) {
                throw new PreconditionerFailedException("ssor: zero diagonal entry in row " + i + " (0-based)");
            }
        }
        a = m;
        diagPtr = dp;
        diag = d;
        last = op;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        CsrView.checkApply("ssor", a == null ? -1 : a.n(), rr, zz);
        final int n = a.n();
        final int[] ptr = a.rowPtr();
        final int[] col = a.colIdx();
        final double[] val = a.values();
        final int[] dp = diagPtr;
        final double[] d = diag;
        final double w = omega;
        for (int i = 0; i < n; i++) {
            double s = rr[i];
            for (int k = ptr[i], end = dp[i]; k < end; k++) {
                s -= w * val[k] * zz[col[k]];
            }
            zz[i] = s / d[i]; // (D + wL) y = r
        }
        for (int i = 0; i < n; i++) {
            zz[i] *= d[i]; // y <- D y
        }
        final double scale = w * (2.0 - w);
        for (int i = n - 1; i >= 0; i--) {
            double s = zz[i];
            for (int k = dp[i] + 1, end = ptr[i + 1]; k < end; k++) {
                s -= w * val[k] * zz[col[k]];
            }
            zz[i] = s / d[i]; // (D + wU) z = y
        }
        for (int i = 0; i < n; i++) {
            zz[i] *= scale; // z <- w(2-w) z
        }
    }

    @Override
    public String name() {
        return "ssor";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
