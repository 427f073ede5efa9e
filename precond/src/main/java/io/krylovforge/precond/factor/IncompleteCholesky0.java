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
 * IC(0): incomplete Cholesky factorisation with no fill, A ≈ LLᵀ where L has the pattern of
 * A's lower triangle and (LLᵀ)ᵢⱼ = Aᵢⱼ on that pattern. Row-oriented (left-looking) with a dense
 * scatter row, so each entry costs one pass over a previous row of L; z = L⁻ᵀ L⁻¹ r.
 *
 * <p>Breakdown: IC(0) of an SPD matrix can still meet a non-positive pivot (it is guaranteed
 * only for M-matrices and H-matrices). Then, when shifting is allowed (the default), the
 * factorisation is retried on A + α·diag(A) with α = 10⁻³, 2·10⁻³, 4·10⁻³, ... (Manteuffel's
 * shifted incomplete Cholesky) until it succeeds; {@link #shift()} reports the α used (0 when
 * none was needed). Without shifting, or if α would exceed {@value #MAX_SHIFT}, a
 * {@link PreconditionerFailedException} names the row — no NaN escapes.
 *
 * <p>Requirements: a symmetric {@link CsrMatrix} with every diagonal entry stored; only the
 * lower triangle is read. M = LLᵀ is SPD, so it preconditions CG. {@link #update} with a matrix
 * of the same pattern redoes only the numeric factorisation.
 *
 * <p>References: Meijerink and van der Vorst, Math. Comp. 31 (1977); Manteuffel, Math. Comp. 34
 * (1980); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §10.3.
 */
public final class IncompleteCholesky0 implements Preconditioner {
    static final double FIRST_SHIFT = 1e-3;
    static final double MAX_SHIFT = 1e3;
    private final boolean allowShift;
    private LinearOperator last;
    private CsrMatrix pattern;
    private int n = -1;
    /** Lower triangle of A's pattern, diagonal last in every row. */
    private int[] lPtr;
    private int[] lCol;
    /** Position in A's values of each L entry, so new values can be gathered on update. */
    private int[] source;
    private double[] lVal;
    /** Lᵀ strictly above the diagonal, row by row (the backward sweep's pattern), so the backward solve gathers. */
    private double[] uVal;
    /** Position in uVal of each L entry (strict lower part; -1 for the diagonal). */
    private int[] toUpper;
    private double[] invDiag;
    /**
     * The two sweeps' multipliers with the pivot folded in, −lᵢⱼ/lᵢᵢ (forward) and −(Lᵀ)ᵢⱼ/lᵢᵢ
     * (backward), so each row is one chain of fused multiply-adds and no multiply by 1/lᵢᵢ sits
     * on the row-to-row dependence.
     */
    private TriangularSweep lowerSweep;
    private TriangularSweep upperSweep;
    private double[] work;
    private double shift;

    /** IC(0) with Manteuffel shifting on breakdown. */
    public IncompleteCholesky0() {
        this(PivotBreakdown.SHIFT_DIAGONAL);
    }

    /**
     * IC(0) that handles a non-positive pivot as {@code breakdown} says.
     *
     * @param breakdown SHIFT_DIAGONAL (retry with a growing shift) or FAIL (throw)
     */
    public IncompleteCholesky0(PivotBreakdown breakdown) {
        if (breakdown == null) {
            throw new IllegalArgumentException("pivot breakdown policy must not be null");
        }
        this.allowShift = breakdown == PivotBreakdown.SHIFT_DIAGONAL;
    }

    /**
     * IC(0); with {@code allowShift} false a non-positive pivot throws instead of shifting.
     *
     * @param allowShift whether to retry with a growing diagonal shift after a non-positive pivot
     * @deprecated a bare boolean; use {@link #IncompleteCholesky0(PivotBreakdown)}
     */
    @Deprecated
    public IncompleteCholesky0(boolean allowShift) {
        this(allowShift ? PivotBreakdown.SHIFT_DIAGONAL : PivotBreakdown.FAIL);
    }

    /** The diagonal shift α of the last factorisation (A + α·diag(A)); 0 if none was needed. */
    public double shift() {
        return shift;
    }

    @Override
    public void setUp(LinearOperator a) {
        if (a == last) {
            return;
        }
        CsrMatrix m = PreconditionerSupport.requireSquareCsr(a, "ic0");
        int[] dp = PreconditionerSupport.diagonalPointers(m, "ic0");
        int size = m.rows();
        // The accessors return copies: take each array once, not once per row or entry
        // (that made set-up quadratic, minutes at 256x256).
        int[] rowPtr = m.rowPtr();
        int[] colIdx = m.colIdx();
        int[] ptr = new int[size + 1];
        for (int i = 0; i < size; i++) {
            ptr[i + 1] = ptr[i] + (dp[i] - rowPtr[i] + 1);
        }
        int[] col = new int[ptr[size]];
        int[] src = new int[ptr[size]];
        for (int i = 0, q = 0; i < size; i++) {
            for (int k = rowPtr[i]; k <= dp[i]; k++) {
                col[q] = colIdx[k];
                src[q++] = k;
            }
        }
        n = size;
        lPtr = ptr;
        lCol = col;
        source = src;
        lVal = new double[ptr[size]];
        work = new double[size];
        buildTransposePattern();
        factorWithShift(m.values());
        pattern = m;
        last = a;
    }

    /** Numeric-only refactorisation when {@code a} has the set-up pattern; else a full set-up. */
    @Override
    public void update(LinearOperator a) {
        if (a == last) {
            return;
        }
        if (pattern != null && a instanceof CsrMatrix m && m.samePattern(pattern)) {
            factorWithShift(m.values());
            last = a;
            return;
        }
        setUp(a);
    }

    /** Symbolic Lᵀ (counting sort of L's strict lower part by column). */
    private void buildTransposePattern() {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int k = lPtr[i]; k < lPtr[i + 1] - 1; k++) {
                count[lCol[k] + 1]++;
            }
        }
        for (int j = 0; j < n; j++) {
            count[j + 1] += count[j];
        }
        int[] next = Arrays.copyOf(count, n);
        int[] col = new int[count[n]];
        int[] map = new int[lCol.length];
        for (int i = 0; i < n; i++) {
            for (int k = lPtr[i]; k < lPtr[i + 1] - 1; k++) {
                int dst = next[lCol[k]]++;
                col[dst] = i;
                map[k] = dst;
            }
            map[lPtr[i + 1] - 1] = -1;
        }
        uVal = new double[count[n]];
        toUpper = map;
        invDiag = new double[n];
        lowerSweep = TriangularSweep.lower(n, lPtr, lCol);
        upperSweep = TriangularSweep.upper(n, count, col);
    }

    /** Copies the numeric factor into Lᵀ, the inverse diagonal and the pivot-scaled sweep multipliers. */
    private void fillTranspose() {
        for (int i = 0; i < n; i++) {
            int diag = lPtr[i + 1] - 1;
            for (int k = lPtr[i]; k < diag; k++) {
                uVal[toUpper[k]] = lVal[k];
            }
            invDiag[i] = 1.0 / lVal[diag];
        }
        lowerSweep.fill(lVal, invDiag, -1.0);
        upperSweep.fill(uVal, invDiag, -1.0);
    }

    private void factorWithShift(double[] aValues) {
        double alpha = 0.0;
        while (true) {
            int failedRow = factor(aValues, alpha);
            if (failedRow < 0) {
                shift = alpha;
                fillTranspose();
                return;
            }
            if (!allowShift) {
                throw new PreconditionerFailedException("ic0: non-positive pivot in row " + failedRow + " (0-based)"
                        + " (matrix not SPD enough for IC(0); allow a diagonal shift or use ilu0)");
            }
            alpha = alpha == 0.0 ? FIRST_SHIFT : 2.0 * alpha;
            if (alpha > MAX_SHIFT) {
                throw new PreconditionerFailedException("ic0: non-positive pivot in row " + failedRow + " (0-based)"
                        + " even with diagonal shift " + alpha / 2 + "*diag(A); matrix is not SPD?");
            }
        }
    }

    /** Factorises A + alpha·diag(A) into lVal; returns -1 on success or the failing row. */
    private int factor(double[] aValues, double alpha) {
        final int[] ptr = lPtr;
        final int[] col = lCol;
        final int[] src = source;
        final double[] l = lVal;
        final double[] w = work; // dense scatter of the current row of L, zero outside it
        for (int i = 0; i < n; i++) {
            final int start = ptr[i];
            final int diag = ptr[i + 1] - 1;
            for (int k = start; k < diag; k++) {
                int j = col[k];
                double s = aValues[src[k]];
                for (int kk = ptr[j], jEnd = ptr[j + 1] - 1; kk < jEnd; kk++) {
                    s -= l[kk] * w[col[kk]]; // s = a_ij - sum_{m<j} l_im l_jm
                }
                double lij = s / l[ptr[j + 1] - 1]; // l_ij = s / l_jj
                l[k] = lij;
                w[j] = lij;
            }
            double d = aValues[src[diag]] * (1.0 + alpha);
            for (int k = start; k < diag; k++) {
                d -= l[k] * l[k]; // d = a_ii - sum_j l_ij^2
                w[col[k]] = 0.0;
            }
            if (!(d > 0.0) || !Double.isFinite(d)) {
                return i;
            }
            l[diag] = Math.sqrt(d);
        }
        return -1;
    }

    @Override
    public void apply(Vector r, Vector z) {
        sweeps(r, z);
    }

    /** z ← (LLᵀ)⁻¹ r and returns rᵀz, summed during the backward sweep (no extra pass over r and z). */
    @Override
    public double applyDot(Vector r, Vector z) {
        return sweeps(r, z);
    }

    /**
     * Both triangular sweeps; returns rᵀz. Each row is one chain of fused multiply-adds over
     * pivot-scaled multipliers, taken with the nearest (just computed) unknown last and from a
     * register (see {@link TriangularSweep}), so the row-to-row dependence, which bounds these
     * sweeps at small n, is one multiply-add long.
     */
    private double sweeps(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("ic0", n, rr, zz);
        lowerSweep.forward(rr, invDiag, zz); // L y = r
        return upperSweep.backward(zz, invDiag, rr, zz); // L' z = y
    }

    /** L as a CSR matrix (for tests and inspection). */
    public CsrMatrix factorL() {
        return CsrMatrix.of(n, n, lPtr, lCol, lVal);
    }

    @Override
    public String name() {
        return "ic0";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
