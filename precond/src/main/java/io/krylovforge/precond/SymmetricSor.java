package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import java.util.Arrays;

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
public final class SymmetricSor implements Preconditioner {
    private final double omega;
    private LinearOperator last;
    private CsrMatrix a;
    /**
     * −ω·aᵢⱼ/aᵢᵢ below and above the diagonal, each triangle row-contiguous in its sweep order:
     * both sweeps become chains of fused multiply-adds with no division on the row-to-row
     * dependence, and neither reads A's arrays.
     */
    private TriangularSweep lowerSweep;
    private TriangularSweep upperSweep;
    /** 1/aᵢᵢ. */
    private double[] invDiag;
    /** ω(2−ω) on every row: the backward sweep's start scale. */
    private double[] backwardScale;

    /**
     * SSOR with relaxation 0 &lt; ω &lt; 2 (ω = 1: symmetric Gauss–Seidel).
     *
     * @param omega relaxation factor ω in (0, 2)
     */
    public SymmetricSor(double omega) {
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
        CsrMatrix m = PreconditionerSupport.requireSquareCsr(op, "ssor");
        int[] dp = PreconditionerSupport.diagonalPointers(m, "ssor");
        // The accessors return copies: take each array once, not once per row or entry
        // (that made set-up quadratic, minutes at 256x256).
        int[] rowPtr = m.rowPtr();
        double[] values = m.values();
        double[] d = new double[m.rows()];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[dp[i]];
            if (d[i] == 0.0) {
                throw new PreconditionerFailedException("ssor: zero diagonal entry in row " + i + " (0-based)");
            }
        }
        double[] inv = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            inv[i] = 1.0 / d[i];
        }
        int[] colIdx = m.colIdx();
        TriangularSweep lo = TriangularSweep.lower(d.length, rowPtr, colIdx);
        TriangularSweep up = TriangularSweep.upper(d.length, rowPtr, colIdx);
        lo.fill(values, inv, -omega);
        up.fill(values, inv, -omega);
        a = m;
        lowerSweep = lo;
        upperSweep = up;
        invDiag = inv;
        backwardScale = new double[d.length];
        Arrays.fill(backwardScale, omega * (2.0 - omega));
        last = op;
    }

    @Override
    public void apply(Vector r, Vector z) {
        sweeps(r, z);
    }

    /** z ← M⁻¹ r and returns rᵀz, summed during the backward sweep. */
    @Override
    public double applyDot(Vector r, Vector z) {
        return sweeps(r, z);
    }

    /**
     * y = (D + ωL)⁻¹ r, then z = ω(2−ω)(D + ωU)⁻¹ D y; returns rᵀz. With the multipliers
     * pre-scaled by −ω/aᵢᵢ each row is a chain of fused multiply-adds, with the nearest (just
     * computed) unknown last and from a register ({@link TriangularSweep}): the row-to-row
     * dependence is one multiply-add, not a division. The D·y and ω(2−ω) scalings fold into the
     * backward sweep's start.
     */
    private double sweeps(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("ssor", a == null ? -1 : a.rows(), rr, zz);
        lowerSweep.forward(rr, invDiag, zz); // (D + wL) y = r
        // (D + wU) v = D y, i.e. v_i = y_i - (w/d_i) sum_j>i a_ij v_j, and z = w(2-w) v obeys the
        // same recurrence started from w(2-w) y_i: the scaling costs no extra pass.
        return upperSweep.backward(zz, backwardScale, rr, zz); // (D + wU) z = w(2-w) D y
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
