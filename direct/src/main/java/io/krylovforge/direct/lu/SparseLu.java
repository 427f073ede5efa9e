package io.krylovforge.direct.lu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.FactorTooLargeException;
import io.krylovforge.direct.SparseFactorization;
import java.util.Arrays;

/**
 * Sparse LU with threshold partial pivoting: P·R·A·Q = L·U, left-looking, one column at a time
 * (Gilbert and Peierls 1988: each column is a sparse triangular solve whose pattern is found by a
 * depth-first search through L, so the work is proportional to the flops). R scales each row by
 * its largest entry (as KLU does) so the pivot test compares like with like; Q is the column order
 * of {@link LuAnalysis}; P is chosen numerically, preferring the diagonal entry when it is at
 * least {@link #PIVOT_THRESHOLD} times the largest candidate (which keeps the fill the ordering
 * planned; {@link #SYMMETRIC_PIVOT_THRESHOLD} in the symmetric strategy), else the largest.
 *
 * <p>Pattern reuse: {@link #factor} on a matrix of the analysed pattern first tries the previous
 * pivot sequence, whose L and U patterns are then known, so only the numbers are recomputed (no
 * search, KLU's refactor). When a pivot of that sequence falls below the threshold it factorises
 * again with fresh pivoting. A column with no usable pivot (all candidates zero, or below
 * {@link #TINY_PIVOT} of the column's size) fails with {@link FactorStatus#pivotFailure}.
 *
 * <p>Why one class of ~530 lines: the reach (depth-first search), the column solve, the pivot
 * choice, symmetric pruning and the refactorisation all work on the same growing L and U arrays and
 * the same per-column marks and stack; the analysis ({@link LuAnalysis}) and orderings are already
 * separate classes.
 */
public final class SparseLu implements SparseFactorization {
    /** Relative size a diagonal pivot needs against the column's largest candidate to be kept (UMFPACK's default). */
    public static final double PIVOT_THRESHOLD = 0.1;
    /** The same in the symmetric strategy, where keeping the diagonal keeps the planned fill (UMFPACK's). */
    public static final double SYMMETRIC_PIVOT_THRESHOLD = 0.001;
    /** A pivot this small relative to its column's largest scaled entry is treated as zero. */
    public static final double TINY_PIVOT = 4.0 * Math.ulp(1.0);

    private final int n;
    private final CsrMatrix pattern;
    private final LuAnalysis analysis;
    private final int[] q;
    private final double threshold;
    // CSC of the pattern, and where each CSR entry goes in it.
    private final int[] colPtr;
    private final int[] rowIdx;
    private final int[] cscOfCsr;
    private final double[] cscValues;
    private final double[] rowScale;
    // The pattern's row pointers and a values buffer, kept so a factorisation copies nothing.
    private final int[] patternRowPtr;
    private final double[] csrValues;
    // Factors: L (unit diagonal not stored) and U (diagonal apart) by columns, rows in step numbers.
    private int[] lPtr;
    private int[] lIdx = new int[0];
    private double[] lVal = new double[0];
    private int[] uPtr;
    private int[] uIdx = new int[0];
    private double[] uVal = new double[0];
    private final double[] uDiag;
    // Rows are renumbered before factorising: in the symmetric strategy by the column order too, so
    // that the work arrays are touched roughly in elimination order (cache locality); else kept.
    private final int[] rowOrder; // rowOrder[r]: original row of renumbered row r
    private final int[] preferredRow; // preferredRow[k]: renumbered row of the diagonal entry of step k
    private final int[] pivotRow; // pivotRow[k]: renumbered row pivoted at step k
    private final int[] pivotStep; // inverse of pivotRow
    // Work arrays of the factorisation, allocated once.
    private final double[] work;
    /** Per-thread solve workspace: several threads may solve with one factorisation at once. */
    private final ThreadLocal<double[]> solveWork;
    private final int[] stack;
    private final int[] positions;
    private final int[] reach;
    private final int[] marks;
    // Symmetric pruning (Eisenstat and Liu, as in KLU): the depth-first search follows L(:,j) only
    // up to lPrune[j]; past it lie rows that are reachable through a later column anyway.
    private final int[] lPrune;
    private final boolean[] pruned;
    private int stamp;
    private boolean haveFactors;
    private boolean havePivots;
    private int refactorizations;
    private int pivotings;

    private SparseLu(CsrMatrix a, LuAnalysis analysis) {
        this.n = a.rows();
        this.pattern = a;
        this.analysis = analysis;
        this.q = analysis.columnOrder();
        this.threshold = analysis.symmetric() ? SYMMETRIC_PIVOT_THRESHOLD : PIVOT_THRESHOLD;
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        int nnz = rp[n];
        patternRowPtr = rp;
        csrValues = new double[nnz];
        colPtr = new int[n + 1];
        for (int p = 0; p < nnz; p++) {
            colPtr[ci[p] + 1]++;
        }
        for (int j = 0; j < n; j++) {
            colPtr[j + 1] += colPtr[j];
        }
        rowOrder = analysis.symmetric() ? q.clone() : identity(n);
        int[] renumbered = new int[n];
        for (int r = 0; r < n; r++) {
            renumbered[rowOrder[r]] = r;
        }
        preferredRow = new int[n];
        for (int k = 0; k < n; k++) {
            preferredRow[k] = renumbered[q[k]];
        }
        rowIdx = new int[nnz];
        cscOfCsr = new int[nnz];
        int[] fill = Arrays.copyOf(colPtr, n);
        for (int i = 0; i < n; i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int dst = fill[ci[p]]++;
                rowIdx[dst] = renumbered[i];
                cscOfCsr[p] = dst;
            }
        }
        cscValues = new double[nnz];
        rowScale = new double[n];
        lPtr = new int[n + 1];
        uPtr = new int[n + 1];
        uDiag = new double[n];
        pivotRow = new int[n];
        pivotStep = new int[n];
        work = new double[n];
        solveWork = ThreadLocal.withInitial(() -> new double[n]);
        stack = new int[n];
        positions = new int[n];
        reach = new int[n];
        marks = new int[n];
        lPrune = new int[n];
        pruned = new boolean[n];
    }

    /**
     * Orders and analyses the pattern of {@code a} (square). Throws {@link FactorTooLargeException}
     * when the estimated factors would not fit in the free heap.
     */
    public static SparseLu analyze(CsrMatrix a) {
        return analyze(a, LuColumnOrder.AUTO);
    }

    /**
     * Orders and analyses the pattern of {@code a} (square) with the given column order strategy.
     * Throws {@link FactorTooLargeException} when the estimated factors would not fit.
     *
     * @param a     the matrix whose pattern is analysed
     * @param order the column order strategy ({@link LuColumnOrder#AUTO} is the default)
     * @return the analysed factorisation, ready for {@link #factor}
     */
    public static SparseLu analyze(CsrMatrix a, LuColumnOrder order) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("LU needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        LuAnalysis analysis = LuAnalysis.of(a.rows(), a.rowPtr(), a.colIdx(), order);
        long needed = analysis.memoryBytes(a.rows());
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (needed > available) {
            throw new FactorTooLargeException("LU of a " + a.rows() + "x" + a.rows() + " matrix", needed, available);
        }
        return new SparseLu(a, analysis);
    }

    /** Columns in their given order, rows pivoting freely: the baseline orderings are measured against. */
    static SparseLu naturalOrder(CsrMatrix a) {
        int n = a.rows();
        return new SparseLu(a, new LuAnalysis(identity(n), false, (long) n * n, (double) n * n * n));
    }

    @Override
    public FactorStatus factor(CsrMatrix a) {
        if (!a.samePattern(pattern)) {
            throw new IllegalArgumentException("matrix pattern differs from the analysed one ("
                    + a.rows() + "x" + a.cols() + ", " + a.nnz() + " entries vs " + n + "x" + n + ", "
                    + pattern.nnz() + ")");
        }
        a.copyValues(csrValues);
        loadScaled(csrValues);
        haveFactors = false;
        if (havePivots && refactor()) {
            refactorizations++;
            haveFactors = true;
            return FactorStatus.success();
        }
        FactorStatus status = factorWithPivoting();
        pivotings++;
        havePivots = status.ok();
        haveFactors = status.ok();
        return status;
    }

    /** Scales rows by their largest magnitude and stores the values by columns. */
    private void loadScaled(double[] csrValues) {
        int[] rp = patternRowPtr;
        for (int i = 0; i < n; i++) {
            double max = 0.0;
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                max = Math.max(max, Math.abs(csrValues[p]));
            }
            double s = max > 0.0 && Double.isFinite(max) ? 1.0 / max : 1.0;
            rowScale[i] = s;
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                cscValues[cscOfCsr[p]] = csrValues[p] * s;
            }
        }
    }

    /** Left-looking LU with threshold partial pivoting; L rows are renumbered to steps at the end. */
    private FactorStatus factorWithPivoting() {
        Arrays.fill(pivotStep, -1);
        Arrays.fill(pruned, false);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(16, analysis.factorNonzeros()));
        if (lIdx.length < capacity / 2) {
            lIdx = new int[capacity / 2 + n];
            lVal = new double[capacity / 2 + n];
            uIdx = new int[capacity / 2 + n];
            uVal = new double[capacity / 2 + n];
        }
        int lnz = 0;
        int unz = 0;
        double[] x = work;
        for (int k = 0; k < n; k++) {
            lPtr[k] = lnz;
            uPtr[k] = unz;
            int col = q[k];
            int preferred = preferredRow[k];
            int top = reach(col);
            for (int p = colPtr[col]; p < colPtr[col + 1]; p++) {
                x[rowIdx[p]] = cscValues[p];
            }
            double columnSize = 0.0;
            for (int t = top; t < n; t++) {
                int row = reach[t];
                int step = pivotStep[row];
                if (step < 0) {
                    continue;
                }
                double ukj = x[row];
                columnSize = Math.max(columnSize, Math.abs(ukj));
                for (int p = lPtr[step], end = lPtr[step + 1]; p < end; p++) {
                    x[lIdx[p]] -= lVal[p] * ukj; // x <- x - L(:,step) u(step,k)
                }
            }
            // Choose the pivot among rows not yet pivotal.
            int best = -1;
            double bestAbs = -1.0;
            int diagonal = -1;
            for (int t = top; t < n; t++) {
                int row = reach[t];
                if (pivotStep[row] >= 0) {
                    continue;
                }
                double v = Math.abs(x[row]);
                if (v > bestAbs) {
                    bestAbs = v;
                    best = row;
                }
                if (row == preferred) {
                    diagonal = row;
                }
            }
            for (int p = colPtr[col]; p < colPtr[col + 1]; p++) {
                columnSize = Math.max(columnSize, Math.abs(cscValues[p]));
            }
            if (best < 0 || !(bestAbs > TINY_PIVOT * columnSize) || !Double.isFinite(bestAbs)) {
                clear(top);
                return FactorStatus.pivotFailure(col, best < 0
                        ? "column " + col + " has no candidate pivot (structurally singular)"
                        : "zero pivot in column " + col + " (|pivot| = " + bestAbs + ")");
            }
            int pivot = diagonal >= 0 && Math.abs(x[diagonal]) >= threshold * bestAbs ? diagonal : best;
            double pv = x[pivot];
            pivotStep[pivot] = k;
            pivotRow[k] = pivot;
            uDiag[k] = pv;
            int need = n - top;
            if (unz + need > uIdx.length) {
                uIdx = Arrays.copyOf(uIdx, Math.max(2 * uIdx.length, unz + need));
                uVal = Arrays.copyOf(uVal, uIdx.length);
            }
            if (lnz + need > lIdx.length) {
                lIdx = Arrays.copyOf(lIdx, Math.max(2 * lIdx.length, lnz + need));
                lVal = Arrays.copyOf(lVal, lIdx.length);
            }
            double inv = 1.0 / pv;
            for (int t = top; t < n; t++) {
                int row = reach[t];
                int step = pivotStep[row];
                if (row == pivot) {
                    // the pivot itself
                } else if (step >= 0) {
                    uIdx[unz] = step; // topological order: the refactor replays it as is
                    uVal[unz++] = x[row];
                } else {
                    lIdx[lnz] = row; // renumbered row until the end
                    lVal[lnz++] = x[row] * inv;
                }
                x[row] = 0.0;
            }
            lPrune[k] = lnz;
            prune(k, pivot, unz, lnz);
        }
        lPtr[n] = lnz;
        uPtr[n] = unz;
        for (int p = 0; p < lnz; p++) {
            lIdx[p] = pivotStep[lIdx[p]];
        }
        return FactorStatus.success();
    }

    /**
     * After step k (pivot row {@code pivot}): every unpruned column j of U(:,k) whose L(:,j) holds
     * the pivot row can drop its non-pivotal rows from the search, since they are reached through
     * column k; its pivotal rows are moved to the front (values with them) and lPrune[j] marks the end.
     */
    private void prune(int k, int pivot, int unz, int lnz) {
        for (int p = uPtr[k]; p < unz; p++) {
            int j = uIdx[p];
            if (pruned[j]) {
                continue;
            }
            int start = lPtr[j];
            int end = lPtr[j + 1];
            for (int t = start; t < end; t++) {
                if (lIdx[t] != pivot) {
                    continue;
                }
                int head = start;
                for (int s = start; s < end; s++) {
                    int row = lIdx[s];
                    if (pivotStep[row] >= 0) {
                        lIdx[s] = lIdx[head];
                        lIdx[head] = row;
                        double v = lVal[s];
                        lVal[s] = lVal[head];
                        lVal[head] = v;
                        head++;
                    }
                }
                lPrune[j] = head;
                pruned[j] = true;
                break;
            }
        }
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private void clear(int top) {
        for (int t = top; t < n; t++) {
            work[reach[t]] = 0.0;
        }
    }

    /**
     * Rows reachable from column {@code col} of A through the finished columns of L, in
     * topological order in {@code reach[top..n)}: the pattern of L⁻¹·A(:,col).
     */
    private int reach(int col) {
        stamp++;
        if (stamp == Integer.MAX_VALUE) {
            Arrays.fill(marks, 0);
            stamp = 1;
        }
        int top = n;
        for (int p = colPtr[col]; p < colPtr[col + 1]; p++) {
            int start = rowIdx[p];
            if (marks[start] == stamp) {
                continue;
            }
            int head = 0;
            stack[0] = start;
            while (head >= 0) {
                int row = stack[head];
                int step = pivotStep[row];
                if (marks[row] != stamp) {
                    marks[row] = stamp;
                    positions[head] = step < 0 ? 0 : lPtr[step];
                }
                int end = step < 0 ? 0 : lPrune[step];
                boolean done = true;
                for (int t = positions[head]; t < end; t++) {
                    int child = lIdx[t];
                    if (marks[child] == stamp) {
                        continue;
                    }
                    positions[head] = t + 1;
                    stack[++head] = child;
                    done = false;
                    break;
                }
                if (done) {
                    head--;
                    reach[--top] = row;
                }
            }
        }
        return top;
    }

    /**
     * Numbers only, with the previous pivot sequence and patterns; false (factors then invalid)
     * when a pivot falls below the threshold, so the caller repivots.
     */
    private boolean refactor() {
        double[] x = work;
        for (int k = 0; k < n; k++) {
            int col = q[k];
            double columnSize = 0.0;
            for (int p = colPtr[col]; p < colPtr[col + 1]; p++) {
                x[pivotStep[rowIdx[p]]] = cscValues[p];
                columnSize = Math.max(columnSize, Math.abs(cscValues[p]));
            }
            for (int p = uPtr[k], end = uPtr[k + 1]; p < end; p++) {
                int step = uIdx[p];
                double ukj = x[step];
                uVal[p] = ukj;
                for (int t = lPtr[step], tend = lPtr[step + 1]; t < tend; t++) {
                    x[lIdx[t]] -= lVal[t] * ukj; // x <- x - L(:,step) u(step,k)
                }
            }
            double pv = x[k];
            double maxCandidate = Math.abs(pv);
            for (int t = lPtr[k], end = lPtr[k + 1]; t < end; t++) {
                maxCandidate = Math.max(maxCandidate, Math.abs(x[lIdx[t]]));
            }
            boolean ok = Double.isFinite(pv) && Math.abs(pv) > TINY_PIVOT * columnSize
                    && Math.abs(pv) >= threshold * maxCandidate;
            if (ok) {
                uDiag[k] = pv;
                double inv = 1.0 / pv;
                for (int t = lPtr[k], end = lPtr[k + 1]; t < end; t++) {
                    lVal[t] = x[lIdx[t]] * inv;
                }
            }
            x[k] = 0.0;
            for (int p = uPtr[k], end = uPtr[k + 1]; p < end; p++) {
                x[uIdx[p]] = 0.0;
            }
            for (int t = lPtr[k], end = lPtr[k + 1]; t < end; t++) {
                x[lIdx[t]] = 0.0;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** x = A⁻¹·b; several threads may solve with one factorisation at once (per-thread workspace). */
    @Override
    public void solve(double[] b, double[] x) {
        if (!haveFactors) {
            throw new IllegalStateException("no successful factorisation to solve with");
        }
        if (b.length != n || x.length != n) {
            throw new IllegalArgumentException("b has " + b.length + " and x has " + x.length
                    + " entries, the matrix is " + n + "x" + n);
        }
        if (b == x) {
            throw new IllegalArgumentException("b and x must be different arrays");
        }
        double[] y = solveWork.get();
        for (int k = 0; k < n; k++) {
            int row = rowOrder[pivotRow[k]];
            y[k] = b[row] * rowScale[row]; // y = P R b
        }
        for (int k = 0; k < n; k++) {
            double yk = y[k];
            if (yk != 0.0) {
                for (int p = lPtr[k], end = lPtr[k + 1]; p < end; p++) {
                    y[lIdx[p]] -= lVal[p] * yk; // forward: L y = P R b
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            double xk = y[k] / uDiag[k];
            y[k] = xk;
            if (xk != 0.0) {
                for (int p = uPtr[k], end = uPtr[k + 1]; p < end; p++) {
                    y[uIdx[p]] -= uVal[p] * xk; // backward: U z = y
                }
            }
        }
        for (int k = 0; k < n; k++) {
            x[q[k]] = y[k];
            y[k] = 0.0;
        }
    }

    @Override
    public int size() {
        return n;
    }

    /** The estimate from the symbolic analysis (exact when diagonal pivots are kept in the symmetric strategy). */
    @Override
    public long factorNonzeros() {
        return analysis.factorNonzeros();
    }

    /** Entries of L and U of the last factorisation (L's unit diagonal not counted); 0 before one. */
    public long actualFactorNonzeros() {
        return haveFactors || havePivots ? (long) lPtr[n] + uPtr[n] + n : 0;
    }

    @Override
    public double factorFlops() {
        return analysis.flops();
    }

    @Override
    public long memoryBytes() {
        return analysis.memoryBytes(n);
    }

    @Override
    public String name() {
        return "lu";
    }

    /** Whether the A+Aᵀ ordering with diagonal preference was chosen (else a column order with free row pivoting). */
    public boolean symmetricStrategy() {
        return analysis.symmetric();
    }

    /** Factorisations that reused the previous pivot sequence (numbers only). */
    public int refactorizations() {
        return refactorizations;
    }

    /** Factorisations that chose pivots afresh (the first, and any whose old pivots became too small). */
    public int pivotings() {
        return pivotings;
    }
}
