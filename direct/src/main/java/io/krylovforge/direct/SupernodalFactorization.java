package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import io.krylovforge.direct.symbolic.UpdateGroups;
import java.util.Arrays;

/**
 * Supernodal factorisation of a symmetric matrix, P·A·Pᵀ = L·D·Lᵀ (D = I for
 * Cholesky), shared by {@link Cholesky} and {@link Ldlt}. Construction orders the pattern, runs
 * the symbolic analysis, checks the memory and allocates the panels; {@link #factor} then only
 * scatters the new values and runs the numeric sweep.
 *
 * <p>The sweep is right-looking by supernode (a fan-out form of the multifrontal method without
 * its update stack): each supernode's dense panel (its rows × its columns, column-major)
 * receives A's entries and, before its turn, the updates of all its descendants; its diagonal
 * block is factorised, the rows below are solved against it, and its whole update
 * C = L₂₁·D·L₂₁ᵀ is formed by one dense product through {@link DenseKernels} and subtracted
 * from its ancestors' panels. One large product per supernode (rather than one small one per
 * descendant–ancestor pair, as in left-looking CHOLMOD) is what lets jblas's native dgemm pay
 * for its JNI copies. {@link #factor} is not thread-safe; once factorised, {@code solve} may be
 * called from several threads at once (each thread keeps its own workspace).
 */
public abstract class SupernodalFactorization implements SparseFactorization {
    final SymbolicAnalysis symbolic;
    final DenseKernels kernels;
    final int n;
    final int supernodes;
    final int[] superStart;
    final int[] rowStart;
    final int[] rows;
    final int[] superOf;
    final int[] perm;
    /** Panels: panel[s] is rowCount(s) × columns(s), column-major. */
    final double[][] panel;
    private final CsrMatrix pattern;
    /** The pattern's row pointers and column indices, copied once (CsrMatrix hands out copies). */
    final int[] patternRowPtr;
    final int[] patternColIdx;
    /** The values of the matrix being factorised, read into one buffer per pattern. */
    final double[] valueBuffer;
    private final int[] scatterSuper;
    private final int[] scatterOffset;
    /** Update groups of supernode s: groupStart[s] .. groupStart[s+1]−1 (one per target ancestor). */
    private final int[] groupStart;
    /** Per group: the target supernode, the end (exclusive) of its columns of the update block. */
    private final int[] groupTarget;
    private final int[] groupColumnEnd;
    /**
     * Per group: where its relative row indices start in {@link #relative}; entry ii (from the
     * group's first update column to m−1) is the local row in the target of update row ii.
     */
    private final int[] groupRelative;
    private final int[] relative;
    final UpdateWorkspace updates;
    private final String orderingName;
    /** Per-thread solve workspace: concurrent solves share no scratch, repeated ones allocate nothing. */
    private final ThreadLocal<double[]> work = ThreadLocal.withInitial(() -> new double[0]);
    private boolean factored;
    /** False until the first factorisation writes the panels (fresh arrays are already zero). */
    private boolean panelsDirty;
    private CsrMatrix lastMatrix;

    /**
     * @param extraBytes  memory the subclass will add to the panels
     * @param heapBudget  bytes the factor may take, or −1 for the free heap
     */
    SupernodalFactorization(CsrMatrix a, Ordering ordering, DenseKernels kernels, long extraBytes,
            long heapBudget) {
        this(a, squarePattern(a), ordering, kernels, extraBytes, heapBudget);
    }

    /**
     * @param g  the pattern to order and analyse: that of A+Aᵀ, or a superset of it (LDLᵀ widens
     *           it so that its 2×2 pivot pairs share a supernode)
     */
    SupernodalFactorization(CsrMatrix a, SymmetricPattern g, Ordering ordering, DenseKernels kernels,
            long extraBytes, long heapBudget) {
        Runtime rt = Runtime.getRuntime();
        long available = heapBudget >= 0 ? heapBudget
                : rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        this.symbolic = SymbolicAnalysis.of(g, ordering.order(g), available);
        this.orderingName = ordering.name();
        this.kernels = kernels;
        this.n = a.rows();
        this.supernodes = symbolic.supernodes();
        this.superStart = new int[supernodes + 1];
        this.rowStart = new int[supernodes + 1];
        for (int s = 0; s < supernodes; s++) {
            superStart[s] = symbolic.start(s);
            rowStart[s] = symbolic.rowStart(s);
        }
        superStart[supernodes] = n;
        rowStart[supernodes] = supernodes == 0 ? 0 : symbolic.rowStart(supernodes - 1)
                + symbolic.rowCount(supernodes - 1);
        this.rows = symbolic.rowIndices();
        this.perm = symbolic.permutation();
        this.superOf = new int[n];
        for (int j = 0; j < n; j++) {
            superOf[j] = symbolic.supernodeOf(j);
        }
        long[] counts = UpdateGroups.count(supernodes, superStart, rowStart, rows, superOf);
        long needed = symbolic.memoryBytes() + UpdateWorkspace.bytesFor(symbolic.largestUpdate())
                + 8L * a.nnz() + 12L * counts[0] + 4L * counts[1] + extraBytes;
        if (needed > available) {
            throw new FactorTooLargeException(name() + " of order " + n + " (nnz(L) = "
                    + symbolic.factorNonzeros() + ")", needed, available);
        }
        this.panel = new double[supernodes][];
        for (int s = 0; s < supernodes; s++) {
            panel[s] = new double[rowCount(s) * columns(s)];
        }
        this.pattern = a;
        this.patternRowPtr = a.rowPtr();
        this.patternColIdx = a.colIdx();
        this.valueBuffer = new double[a.nnz()];
        this.scatterSuper = new int[a.nnz()];
        this.scatterOffset = new int[a.nnz()];
        buildScatter(a);
        UpdateGroups groups = UpdateGroups.build(supernodes, superStart, rowStart, rows, superOf, counts);
        this.groupStart = groups.start();
        this.groupTarget = groups.target();
        this.groupColumnEnd = groups.columnEnd();
        this.groupRelative = groups.relativeStart();
        this.relative = groups.relative();
        this.updates = new UpdateWorkspace(symbolic.largestUpdate());
    }

    /** The pattern of A+Aᵀ of a square matrix (the analysis input of Cholesky). */
    static SymmetricPattern squarePattern(CsrMatrix a) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException(
                    "a symmetric factorisation needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        return SymmetricPattern.of(a);
    }

    final int columns(int s) {
        return superStart[s + 1] - superStart[s];
    }

    final int rowCount(int s) {
        return rowStart[s + 1] - rowStart[s];
    }

    /**
     * Where each stored entry of A goes: entries on or below the permuted diagonal go to L's
     * panel; one above it is used, mirrored, only when its mirror is not stored (so a matrix
     * stored as one triangle works too). The entries are grouped by target supernode, and each
     * supernode's rows are mapped to panel positions once, so no entry searches its row list.
     */
    private void buildScatter(CsrMatrix a) {
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        int[] inv = symbolic.inversePermutation();
        int nnz = a.nnz();
        int[] rowOf = new int[nnz]; // the pivot row of each used entry
        int[] bucketStart = new int[supernodes + 1];
        for (int i = 0; i < n; i++) {
            int pi = inv[i];
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                int pj = inv[j];
                if (pi < pj && Arrays.binarySearch(ci, rp[j], rp[j + 1], i) >= 0) {
                    scatterSuper[p] = -1;
                    continue;
                }
                int c = Math.min(pi, pj);
                int s = superOf[c];
                rowOf[p] = Math.max(pi, pj);
                scatterSuper[p] = s;
                scatterOffset[p] = c - superStart[s]; // local column for now
                bucketStart[s + 1]++;
            }
        }
        for (int s = 0; s < supernodes; s++) {
            bucketStart[s + 1] += bucketStart[s];
        }
        int[] fill = Arrays.copyOf(bucketStart, supernodes);
        int[] bucket = new int[bucketStart[supernodes]];
        for (int p = 0; p < nnz; p++) {
            if (scatterSuper[p] >= 0) {
                bucket[fill[scatterSuper[p]]++] = p;
            }
        }
        int[] local = new int[n];
        for (int s = 0; s < supernodes; s++) {
            int r0 = rowStart[s];
            for (int r = r0; r < rowStart[s + 1]; r++) {
                local[rows[r]] = r - r0;
            }
            int nrow = rowCount(s);
            for (int q = bucketStart[s]; q < bucketStart[s + 1]; q++) {
                int p = bucket[q];
                scatterOffset[p] = scatterOffset[p] * nrow + local[rowOf[p]];
            }
        }
    }

    @Override
    public final FactorStatus factor(CsrMatrix a) {
        if (a != pattern && !a.samePattern(pattern)) {
            throw new IllegalArgumentException(name() + " was analysed for another sparsity pattern"
                    + " (order " + n + ", " + pattern.nnz() + " entries); got order " + a.rows()
                    + " with " + a.nnz() + " entries: analyse the new pattern");
        }
        factored = false;
        if (panelsDirty) {
            for (double[] p : panel) {
                Arrays.fill(p, 0.0);
            }
        }
        panelsDirty = true;
        double[] values = valuesToFactor(a);
        double maxAbs = 0.0;
        for (int p = 0; p < values.length; p++) {
            int s = scatterSuper[p];
            if (s >= 0) {
                panel[s][scatterOffset[p]] += values[p];
                maxAbs = Math.max(maxAbs, Math.abs(values[p]));
            }
        }
        beginFactor(maxAbs);
        for (int s = 0; s < supernodes; s++) {
            int failed = factorSupernode(s);
            if (failed >= 0) {
                int column = perm[superStart[s] + failed];
                return FactorStatus.pivotFailure(column, failureMessage(column));
            }
            int m = rowCount(s) - columns(s);
            if (m > 0) {
                double[] c = updates.get((long) m * m);
                supernodeUpdate(s, m, c);
                scatterUpdate(s, m, c);
            }
        }
        factored = true;
        lastMatrix = a;
        return successStatus();
    }

    /**
     * The values to factorise, in a's CSR order: a's own (LDLᵀ scales them symmetrically), read
     * into {@link #valueBuffer} so that a factorisation allocates nothing.
     */
    double[] valuesToFactor(CsrMatrix a) {
        a.copyValues(valueBuffer);
        return valueBuffer;
    }

    /** Called after the values are scattered, before the sweep; maxAbs = max |a_ij|. */
    void beginFactor(double maxAbs) {
    }

    /**
     * Lower triangle of c (m × m, leading dimension m) ← L₂₁·D·L₂₁ᵀ, where L₂₁ is the m rows of
     * supernode s's panel below its diagonal block: the update s sends to its ancestors.
     */
    abstract void supernodeUpdate(int s, int m, double[] c);

    /**
     * Subtracts supernode s's update c (m × m, lower triangle) from the panels of its
     * ancestors, through the relative indices computed once per pattern.
     */
    private void scatterUpdate(int s, int m, double[] c) {
        int rs = rowStart[s] + columns(s);
        int jj = 0;
        for (int g = groupStart[s]; g < groupStart[s + 1]; g++) {
            int t = groupTarget[g];
            double[] target = panel[t];
            int nrowT = rowStart[t + 1] - rowStart[t];
            int t0 = superStart[t];
            int rel = groupRelative[g] - jj; // relative[rel + ii] for ii ≥ jj
            for (int end = groupColumnEnd[g]; jj < end; jj++) {
                int col = (rows[rs + jj] - t0) * nrowT;
                int cj = jj * m;
                for (int ii = jj; ii < m; ii++) {
                    target[col + relative[rel + ii]] -= c[cj + ii];
                }
            }
        }
    }

    /**
     * Factorises supernode s's panel in place (its updates are applied).
     *
     * @return −1 on success, else the local column (0-based) whose pivot failed
     */
    abstract int factorSupernode(int s);

    /** The message for a pivot failure at original column {@code column}. */
    abstract String failureMessage(int column);

    /** The status of a successful factorisation. */
    FactorStatus successStatus() {
        return FactorStatus.success();
    }

    /** True when L's diagonal is implicitly one (LDLᵀ), false when stored (Cholesky). */
    abstract boolean unitDiagonal();

    /** y ← D⁻¹·y for nrhs columns of length n (LDLᵀ); nothing for Cholesky. */
    void applyDiagonalInverse(double[] y, int nrhs) {
    }

    /** The matrix of the last successful factorisation. */
    final CsrMatrix factoredMatrix() {
        return lastMatrix;
    }

    @Override
    public void solve(double[] b, double[] x) {
        solve(b, x, 1);
    }

    /**
     * X = A⁻¹·B for nrhs right-hand sides stored column-major (column r at offset r·n) in b and
     * x; b is not modified and may not be x.
     */
    @Override
    public void solve(double[] b, double[] x, int nrhs) {
        checkSolve(b, x, nrhs);
        substitute(b, x, nrhs);
    }

    final void checkSolve(double[] b, double[] x, int nrhs) {
        if (!factored) {
            throw new IllegalStateException(name() + ": no successful factorisation to solve with");
        }
        if (b.length < (long) n * nrhs || x.length < (long) n * nrhs) {
            throw new IllegalArgumentException("solve needs arrays of " + ((long) n * nrhs)
                    + " entries, got b " + b.length + " and x " + x.length);
        }
        if (b == x) {
            throw new IllegalArgumentException("b and x must be different arrays");
        }
    }

    /** x = P·(L·D·Lᵀ)⁻¹·Pᵀ·b, nrhs columns, in the calling thread's workspace. */
    final void substitute(double[] b, double[] x, int nrhs) {
        double[] y = work.get();
        if (y.length < n * nrhs) {
            y = new double[n * nrhs];
            work.set(y);
        }
        substitute(b, x, nrhs, y);
    }

    final boolean isFactored() {
        return factored;
    }

    /**
     * x = P·(L·D·Lᵀ)⁻¹·Pᵀ·b, nrhs columns, in the caller's workspace y (≥ n·nrhs entries). Reads
     * the factor only, so concurrent calls with different arrays are safe; b is read completely
     * before x is written, so x may be b.
     */
    final void substitute(double[] b, double[] x, int nrhs, double[] y) {
        for (int r = 0; r < nrhs; r++) {
            for (int k = 0; k < n; k++) {
                y[r * n + k] = b[r * n + perm[k]];
            }
        }
        boolean unit = unitDiagonal();
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int ncol = columns(s);
            int nrow = rowCount(s);
            double[] l = panel[s];
            kernels.trsmLeftLower(false, unit, ncol, nrhs, l, 0, nrow, y, c0, n);
            int rs = rowStart[s];
            for (int r = 0; r < nrhs; r++) {
                int yo = r * n;
                // Four columns per pass, so each scattered row is read and written once per four.
                int j = 0;
                for (; j + 3 < ncol; j += 4) {
                    double y0 = y[yo + c0 + j];
                    double y1 = y[yo + c0 + j + 1];
                    double y2 = y[yo + c0 + j + 2];
                    double y3 = y[yo + c0 + j + 3];
                    int l0 = j * nrow;
                    int l1 = l0 + nrow;
                    int l2 = l1 + nrow;
                    int l3 = l2 + nrow;
                    for (int i = ncol; i < nrow; i++) {
                        y[yo + rows[rs + i]] -= l[l0 + i] * y0 + l[l1 + i] * y1 + l[l2 + i] * y2
                                + l[l3 + i] * y3;
                    }
                }
                for (; j < ncol; j++) {
                    double yj = y[yo + c0 + j];
                    int lj = j * nrow;
                    for (int i = ncol; i < nrow; i++) {
                        y[yo + rows[rs + i]] -= l[lj + i] * yj;
                    }
                }
            }
        }
        applyDiagonalInverse(y, nrhs);
        for (int s = supernodes - 1; s >= 0; s--) {
            int c0 = superStart[s];
            int ncol = columns(s);
            int nrow = rowCount(s);
            double[] l = panel[s];
            int rs = rowStart[s];
            for (int r = 0; r < nrhs; r++) {
                int yo = r * n;
                int j = 0;
                for (; j + 3 < ncol; j += 4) {
                    int l0 = j * nrow;
                    int l1 = l0 + nrow;
                    int l2 = l1 + nrow;
                    int l3 = l2 + nrow;
                    double s0 = 0.0;
                    double s1 = 0.0;
                    double s2 = 0.0;
                    double s3 = 0.0;
                    for (int i = ncol; i < nrow; i++) {
                        double yi = y[yo + rows[rs + i]];
                        s0 += l[l0 + i] * yi;
                        s1 += l[l1 + i] * yi;
                        s2 += l[l2 + i] * yi;
                        s3 += l[l3 + i] * yi;
                    }
                    y[yo + c0 + j] -= s0;
                    y[yo + c0 + j + 1] -= s1;
                    y[yo + c0 + j + 2] -= s2;
                    y[yo + c0 + j + 3] -= s3;
                }
                for (; j < ncol; j++) {
                    int lj = j * nrow;
                    double sum = y[yo + c0 + j];
                    for (int i = ncol; i < nrow; i++) {
                        sum -= l[lj + i] * y[yo + rows[rs + i]];
                    }
                    y[yo + c0 + j] = sum;
                }
            }
            kernels.trsmLeftLower(true, unit, ncol, nrhs, l, 0, nrow, y, c0, n);
        }
        for (int r = 0; r < nrhs; r++) {
            for (int k = 0; k < n; k++) {
                x[r * n + perm[k]] = y[r * n + k];
            }
        }
    }

    /** The symbolic analysis (ordering, tree, supernodes, counts) this factorisation reuses. */
    public SymbolicAnalysis analysis() {
        return symbolic;
    }

    /** Name of the fill-reducing ordering used. */
    public String orderingName() {
        return orderingName;
    }

    /** Name of the dense kernels used ("jblas" or "java"). */
    public String kernelsName() {
        return kernels.name();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public long factorNonzeros() {
        return symbolic.factorNonzeros();
    }

    @Override
    public double factorFlops() {
        return symbolic.flops();
    }

    @Override
    public long memoryBytes() {
        return symbolic.memoryBytes();
    }
}
