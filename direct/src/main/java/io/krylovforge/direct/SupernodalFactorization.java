package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import java.util.Arrays;

/**
 * Left-looking supernodal factorisation of a symmetric matrix, P·A·Pᵀ = L·D·Lᵀ (D = I for
 * Cholesky), shared by {@link Cholesky} and {@link Ldlt}. Construction orders the pattern, runs
 * the symbolic analysis, checks the memory and allocates the panels; {@link #factor} then only
 * scatters the new values and runs the numeric sweep.
 *
 * <p>The sweep follows CHOLMOD's supernodal left-looking scheme: each supernode's dense panel
 * (its rows × its columns, column-major) receives A's entries, then one dense update
 * C = L_d·D_d·L_dᵀ from every descendant supernode d whose rows reach it (a dgemm through
 * {@link DenseKernels}), scattered by a relative row map; then the diagonal block is factorised
 * and the rows below are solved against it. Descendants wait in linked lists keyed by the next
 * supernode they update. Instances are not thread-safe (they keep solve workspace).
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
    private final int[] scatterSuper;
    private final int[] scatterOffset;
    private final int[] relativeMap;
    private final int[] head;
    private final int[] link;
    private final int[] position;
    final UpdateWorkspace updates;
    private final String orderingName;
    private double[] work;
    private boolean factored;
    private CsrMatrix lastMatrix;

    /**
     * @param extraBytes  memory the subclass will add to the panels
     * @param heapBudget  bytes the factor may take, or −1 for the free heap
     */
    SupernodalFactorization(CsrMatrix a, Ordering ordering, DenseKernels kernels, long extraBytes,
            long heapBudget) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException(
                    name() + " needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        Runtime rt = Runtime.getRuntime();
        long available = heapBudget >= 0 ? heapBudget
                : rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        SymmetricPattern g = SymmetricPattern.of(a);
        this.symbolic = SymbolicAnalysis.of(g, ordering.order(g), available);
        this.orderingName = ordering.name();
        this.kernels = kernels;
        this.n = a.rows();
        this.supernodes = symbolic.supernodes();
        long needed = symbolic.memoryBytes() + UpdateWorkspace.bytesFor(symbolic.largestUpdate())
                + 8L * a.nnz() + extraBytes;
        if (needed > available) {
            throw new FactorTooLargeException(name() + " of order " + n + " (nnz(L) = "
                    + symbolic.factorNonzeros() + ")", needed, available);
        }
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
        this.panel = new double[supernodes][];
        for (int s = 0; s < supernodes; s++) {
            panel[s] = new double[rowCount(s) * columns(s)];
        }
        this.pattern = a;
        this.scatterSuper = new int[a.nnz()];
        this.scatterOffset = new int[a.nnz()];
        buildScatter(a);
        this.relativeMap = new int[n];
        this.head = new int[supernodes];
        this.link = new int[supernodes];
        this.position = new int[supernodes];
        this.updates = new UpdateWorkspace(symbolic.largestUpdate());
        this.work = new double[n];
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
     * stored as one triangle works too).
     */
    private void buildScatter(CsrMatrix a) {
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        int[] inv = symbolic.inversePermutation();
        for (int i = 0; i < n; i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                int pi = inv[i];
                int pj = inv[j];
                if (pi < pj && Arrays.binarySearch(ci, rp[j], rp[j + 1], i) >= 0) {
                    scatterSuper[p] = -1;
                    continue;
                }
                int r = Math.max(pi, pj);
                int c = Math.min(pi, pj);
                int s = superOf[c];
                int local = Arrays.binarySearch(rows, rowStart[s], rowStart[s + 1], r) - rowStart[s];
                scatterSuper[p] = s;
                scatterOffset[p] = (c - superStart[s]) * rowCount(s) + local;
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
        for (double[] p : panel) {
            Arrays.fill(p, 0.0);
        }
        double[] values = a.values();
        double maxAbs = 0.0;
        for (int p = 0; p < values.length; p++) {
            int s = scatterSuper[p];
            if (s >= 0) {
                panel[s][scatterOffset[p]] += values[p];
                maxAbs = Math.max(maxAbs, Math.abs(values[p]));
            }
        }
        beginFactor(maxAbs);
        Arrays.fill(head, -1);
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int nrow = rowCount(s);
            for (int k = 0; k < nrow; k++) {
                relativeMap[rows[rowStart[s] + k]] = k;
            }
            // Updates from every descendant whose next rows fall in this supernode's columns.
            for (int d = head[s]; d != -1; ) {
                int following = link[d];
                int rd = rowStart[d];
                int nrowD = rowCount(d);
                int p1 = position[d];
                int p2 = p1;
                int c1 = superStart[s + 1];
                while (p2 < nrowD && rows[rd + p2] < c1) {
                    p2++;
                }
                int m = nrowD - p1;
                int nc = p2 - p1;
                double[] c = updates.get((long) m * nc);
                descendantUpdate(d, p1, m, nc, c);
                double[] target = panel[s];
                for (int jj = 0; jj < nc; jj++) {
                    int col = (rows[rd + p1 + jj] - c0) * nrow;
                    int cj = jj * m;
                    for (int ii = jj; ii < m; ii++) {
                        target[col + relativeMap[rows[rd + p1 + ii]]] -= c[cj + ii];
                    }
                }
                position[d] = p2;
                if (p2 < nrowD) {
                    int next = superOf[rows[rd + p2]];
                    link[d] = head[next];
                    head[next] = d;
                }
                d = following;
            }
            int failed = factorSupernode(s);
            if (failed >= 0) {
                int column = perm[c0 + failed];
                return FactorStatus.pivotFailure(column, failureMessage(column));
            }
            if (nrow > columns(s)) {
                position[s] = columns(s);
                int next = superOf[rows[rowStart[s] + columns(s)]];
                link[s] = head[next];
                head[next] = s;
            }
        }
        factored = true;
        lastMatrix = a;
        return successStatus();
    }

    /** Called after the values are scattered, before the sweep; maxAbs = max |a_ij|. */
    void beginFactor(double maxAbs) {
    }

    /**
     * c (m × nc, leading dimension m) ← L_d(p1:p1+m, :)·D_d·L_d(p1:p1+nc, :)ᵀ, rows counted
     * within supernode d's panel.
     */
    abstract void descendantUpdate(int d, int p1, int m, int nc, double[] c);

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

    /** x = P·(L·D·Lᵀ)⁻¹·Pᵀ·b, nrhs columns. */
    final void substitute(double[] b, double[] x, int nrhs) {
        if (work.length < n * nrhs) {
            work = new double[n * nrhs];
        }
        double[] y = work;
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
                for (int j = 0; j < ncol; j++) {
                    double yj = y[yo + c0 + j];
                    if (yj == 0.0) {
                        continue;
                    }
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
                for (int j = 0; j < ncol; j++) {
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
