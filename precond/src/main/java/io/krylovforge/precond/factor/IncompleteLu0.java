package io.krylovforge.precond.factor;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.precond.PreconditionerSupport;
import io.krylovforge.precond.TriangularSweep;
import java.util.Arrays;

/**
 * ILU(0): incomplete LU factorisation with no fill, A ≈ LU where L (unit lower) and U share
 * A's sparsity pattern and (LU)ᵢⱼ = Aᵢⱼ on that pattern. Stored in one array over A's pattern
 * (L strictly below the diagonal, U on and above), with a diagonal pointer per row;
 * z = U⁻¹ L⁻¹ r by a forward and a backward sweep over a copy of L and U laid out for the sweeps
 * ({@link TriangularSweep}), which gives the same bits as the plain CSR substitutions.
 *
 * <p>Requirements: a {@link CsrMatrix} with every diagonal entry stored. A zero (or non-finite)
 * pivot throws {@link PreconditionerFailedException} naming the row — no NaN escapes.
 * M is not symmetric in general: use it with GMRES/BiCGStab, not CG.
 *
 * <p>{@link #update} with a matrix of the same pattern redoes only the numeric factorisation.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithm 10.4
 * (IKJ variant with a position work array).
 */
public final class IncompleteLu0 implements Preconditioner {
    private LinearOperator last;
    private CsrMatrix pattern;
    private int n = -1;
    private int[] rowPtr;
    private int[] colIdx;
    private int[] diagPtr;
    private double[] lu;
    private double[] invDiag;
    private int[] position;
    /**
     * L and U (strict parts) laid out for the sweeps, which compute exactly what the CSR loops over
     * {@code lu} compute (same order, no fused multiply-adds: BiCGStab's iteration counts are
     * sensitive to the last bit), but take the nearest unknown from a register and, on stencils,
     * run two grid lines side by side.
     */
    private TriangularSweep lowerSweep;
    private TriangularSweep upperSweep;

    @Override
    public void setUp(LinearOperator a) {
        if (a == last) {
            return;
        }
        CsrMatrix v = PreconditionerSupport.requireSquareCsr(a, "ilu0");
        int[] dp = PreconditionerSupport.diagonalPointers(v, "ilu0");
        double[] values = v.values();
        int[] pos = new int[v.rows()];
        Arrays.fill(pos, -1);
        n = v.rows();
        rowPtr = v.rowPtr(); // the accessors copy: take each array once
        colIdx = v.colIdx();
        factor(n, rowPtr, colIdx, dp, values, pos);
        diagPtr = dp;
        lu = values;
        invDiag = inverseDiagonal(values, dp);
        position = pos;
        lowerSweep = TriangularSweep.lower(n, rowPtr, colIdx);
        upperSweep = TriangularSweep.upperInCsrOrder(n, rowPtr, colIdx);
        fillSweeps();
        pattern = v;
        last = a;
    }

    /** Numeric-only refactorisation when {@code a} has the set-up pattern; else a full set-up. */
    @Override
    public void update(LinearOperator a) {
        if (a == last) {
            return;
        }
        if (pattern != null && a instanceof CsrMatrix m && m.samePattern(pattern)) {
            double[] values = m.values();
            factor(n, rowPtr, colIdx, diagPtr, values, position);
            lu = values;
            invDiag = inverseDiagonal(values, diagPtr);
            fillSweeps();
            last = a;
            return;
        }
        setUp(a);
    }

    private void fillSweeps() {
        lowerSweep.fill(lu, null, 1.0);
        upperSweep.fill(lu, null, 1.0);
    }

    private static double[] inverseDiagonal(double[] lu, int[] diag) {
        double[] d = new double[diag.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = 1.0 / lu[diag[i]]; // multiply, not divide, in the serial backward sweep
        }
        return d;
    }

    /** In place: on return {@code lu} holds L (strict lower, unit diagonal implied) and U. */
    private static void factor(int n, int[] ptr, int[] col, int[] diag, double[] lu, int[] pos) {
        for (int i = 0; i < n; i++) {
            final int start = ptr[i];
            final int end = ptr[i + 1];
            for (int k = start; k < end; k++) {
                pos[col[k]] = k;
            }
            for (int k = start, dEnd = diag[i]; k < dEnd; k++) {
                int j = col[k];
                double lij = lu[k] / lu[diag[j]]; // l_ij = a_ij / u_jj
                lu[k] = lij;
                for (int kk = diag[j] + 1, jEnd = ptr[j + 1]; kk < jEnd; kk++) {
                    int p = pos[col[kk]];
                    if (p >= 0) {
                        lu[p] -= lij * lu[kk]; // a_ik <- a_ik - l_ij u_jk, only on the pattern
                    }
                }
            }
            for (int k = start; k < end; k++) {
                pos[col[k]] = -1;
            }
            double pivot = lu[diag[i]];
            if (pivot == 0.0 || !Double.isFinite(pivot)) {
                throw new PreconditionerFailedException("ilu0: pivot u_ii = " + pivot + " in row " + i + " (0-based)");
            }
        }
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("ilu0", n, rr, zz);
        lowerSweep.forwardInCsrOrder(rr, zz); // L y = r (unit diagonal)
        upperSweep.backwardInCsrOrder(zz, invDiag, zz); // U z = y
    }

    /** L as a CSR matrix with explicit unit diagonal (for tests and inspection). */
    public CsrMatrix lower() {
        return FactorSupport.triangle(n, rowPtr, colIdx, lu, diagPtr, true);
    }

    /** U as a CSR matrix (for tests and inspection). */
    public CsrMatrix upper() {
        return FactorSupport.triangle(n, rowPtr, colIdx, lu, diagPtr, false);
    }

    @Override
    public String name() {
        return "ilu0";
    }
}
