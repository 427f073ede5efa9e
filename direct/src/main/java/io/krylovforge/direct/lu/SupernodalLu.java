package io.krylovforge.direct.lu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.FactorTooLargeException;
import io.krylovforge.direct.SparseFactorization;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import java.util.Arrays;

/**
 * Supernodal LU with static pivoting for matrices whose pattern is (nearly) symmetric:
 * Q·P·A·Pᵀ = L·U, where P is a fill-reducing symmetric ordering of the pattern of A+Aᵀ and Q
 * permutes rows only inside each supernode (PARDISO's supernode pivoting, Schenk and Gärtner,
 * FGCS 20, 2004). The symbolic analysis is the Cholesky one ({@link SymbolicAnalysis}: elimination
 * tree, supernodes, row lists), so U's pattern is Lᵀ's and everything but the numbers is fixed
 * per pattern; {@link #factor} only scatters new values and runs the numeric sweep.
 *
 * <p>Per supernode, right-looking as in {@code SupernodalFactorization}: its L panel (its rows ×
 * its columns) and U panel (U₁₂ᵀ, the columns right of its diagonal block × its columns) have
 * received A's entries and all descendants' updates; the diagonal block is factorised with
 * partial pivoting inside the block, a pivot below {@link #PIVOT_PERTURBATION}·max|aᵢⱼ| being
 * replaced by that size and counted ({@link #perturbedPivots()}); then L₂₁ ← A₂₁·U₁₁⁻¹,
 * U₁₂ ← L₁₁⁻¹·Q₁₁·A₁₂ and one dense product C = L₂₁·U₁₂ goes to the ancestors' L and U panels
 * through relative indices computed once per pattern. Perturbed pivots make this the factor of a
 * nearby matrix: {@link io.krylovforge.direct.DirectSolver}'s iterative refinement corrects
 * them, and it falls back to {@link SparseLu} when the residual stays too large.
 *
 * <p>A pattern that is not symmetric is analysed as that of A+Aᵀ (the missing mirror entries are
 * zeros of the factor), so any square matrix is accepted; very unsymmetric patterns are better
 * served by {@link SparseLu}. {@link #factor} is not thread-safe; once factorised, {@link #solve}
 * may be called from several threads (each keeps its own workspace).
 */
public final class SupernodalLu implements SparseFactorization {
    /** Pivots smaller than this times max|aᵢⱼ| are perturbed to that size (PARDISO's default for symmetric indefinite). */
    public static final double PIVOT_PERTURBATION = 1e-8;

    private final SymbolicAnalysis symbolic;
    private final DenseKernels kernels;
    private final String orderingName;
    private final int n;
    private final int supernodes;
    private final int[] superStart;
    private final int[] rowStart;
    private final int[] rows;
    private final int[] superOf;
    private final int[] perm;
    /** lower[s]: rowCount(s) × columns(s), column-major: the diagonal block (unit L₁₁ below, U₁₁ on and above) over L₂₁. */
    private final double[][] lower;
    /** upper[s]: (rowCount(s) − columns(s)) × columns(s), column-major: U₁₂ᵀ. */
    private final double[][] upper;
    /** pivots[c0 + j]: the local row (in supernode s starting at column c0) swapped with j at step j. */
    private final int[] pivots;
    private final CsrMatrix pattern;
    private final SupernodalLuMaps maps;
    private final SizeClassWorkspace products = new SizeClassWorkspace();
    private final SizeClassWorkspace transposes = new SizeClassWorkspace();
    private final ThreadLocal<double[]> work = ThreadLocal.withInitial(() -> new double[0]);
    private boolean factored;
    private boolean panelsDirty;
    private int perturbed;

    private double[] valueBuffer;

    private SupernodalLu(CsrMatrix a, Ordering ordering, DenseKernels kernels) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("LU needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        SymmetricPattern g = SymmetricPattern.of(a);
        this.symbolic = SymbolicAnalysis.of(g, ordering.order(g), available / 2);
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
        rowStart[supernodes] = supernodes == 0 ? 0
                : symbolic.rowStart(supernodes - 1) + symbolic.rowCount(supernodes - 1);
        this.rows = symbolic.rowIndices();
        this.perm = symbolic.permutation();
        this.superOf = new int[n];
        for (int j = 0; j < n; j++) {
            superOf[j] = symbolic.supernodeOf(j);
        }
        long needed = 2 * symbolic.memoryBytes() + 24L * a.nnz();
        if (needed > available) {
            throw new FactorTooLargeException("supernodal LU of order " + n + " (nnz(L) = "
                    + symbolic.factorNonzeros() + ")", needed, available);
        }
        this.lower = new double[supernodes][];
        this.upper = new double[supernodes][];
        for (int s = 0; s < supernodes; s++) {
            int ncol = superStart[s + 1] - superStart[s];
            int nrow = rowStart[s + 1] - rowStart[s];
            lower[s] = new double[nrow * ncol];
            upper[s] = new double[(nrow - ncol) * ncol];
        }
        this.pivots = new int[n];
        this.pattern = a;
        this.maps = new SupernodalLuMaps(a, symbolic, superStart, rowStart, superOf);
    }

    /**
     * Analysis with the ordering of fewer flops of approximate minimum degree and graph nested
     * dissection (on 2D grids nested dissection needs about 40 % fewer), and the best dense kernels.
     *
     * @param a the matrix whose pattern is analysed (square)
     * @return a factorisation ready for {@link #factor}
     */
    public static SupernodalLu analyze(CsrMatrix a) {
        return analyze(a, Ordering.fewestFlops(Ordering.amd(), Ordering.nestedDissection()), DenseKernels.best());
    }

    /**
     * Orders the pattern of A+Aᵀ, runs the symbolic analysis and allocates the panels; no numbers
     * are read. Throws {@link FactorTooLargeException} when the factors would not fit the heap.
     *
     * @param a        the matrix whose pattern is analysed (square)
     * @param ordering the fill-reducing symmetric ordering
     * @param kernels  the dense kernels of the numeric sweep
     * @return a factorisation ready for {@link #factor}
     */
    public static SupernodalLu analyze(CsrMatrix a, Ordering ordering, DenseKernels kernels) {
        return new SupernodalLu(a, ordering, kernels);
    }

    /**
     * True when a's stored pattern equals that of its transpose (values may differ): the matrices
     * this factorisation serves without extra zeros.
     *
     * @param a a square matrix
     * @return whether every stored (i, j) has a stored (j, i)
     */
    public static boolean structurallySymmetric(CsrMatrix a) {
        if (a.rows() != a.cols()) {
            return false;
        }
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        for (int i = 0; i < a.rows(); i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                if (j != i && Arrays.binarySearch(ci, rp[j], rp[j + 1], i) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A's values in a buffer kept per pattern ({@code CsrMatrix.values()} copies on every call). */
    private double[] valuesOf(CsrMatrix a) {
        if (valueBuffer == null) {
            valueBuffer = new double[a.nnz()];
        }
        a.copyValues(valueBuffer);
        return valueBuffer;
    }

    @Override
    public FactorStatus factor(CsrMatrix a) {
        if (a != pattern && !a.samePattern(pattern)) {
            throw new IllegalArgumentException(name() + " was analysed for another sparsity pattern"
                    + " (order " + n + ", " + pattern.nnz() + " entries); got order " + a.rows()
                    + " with " + a.nnz() + " entries: analyse the new pattern");
        }
        factored = false;
        if (panelsDirty) {
            for (int s = 0; s < supernodes; s++) {
                Arrays.fill(lower[s], 0.0);
                Arrays.fill(upper[s], 0.0);
            }
        }
        panelsDirty = true;
        double maxAbs = maps.scatter(valuesOf(a), lower, upper);
        if (!Double.isFinite(maxAbs)) {
            return FactorStatus.pivotFailure(-1, name() + ": the matrix has a NaN or infinite entry");
        }
        if (maxAbs == 0.0) {
            return FactorStatus.pivotFailure(n > 0 ? 0 : -1, name() + ": the matrix is zero");
        }
        double tiny = PIVOT_PERTURBATION * maxAbs;
        perturbed = 0;
        for (int s = 0; s < supernodes; s++) {
            int failed = factorSupernode(s, tiny);
            if (failed >= 0) {
                int column = perm[superStart[s] + failed];
                return FactorStatus.pivotFailure(column, name() + ": pivot NaN or infinite at column " + column);
            }
        }
        factored = true;
        return perturbed == 0 ? FactorStatus.success()
                : new FactorStatus(true, -1, "factorised, " + perturbed + " tiny pivots perturbed to "
                        + PIVOT_PERTURBATION + "·max|a_ij|");
    }

    /** Factorises supernode s and sends its update; returns −1, or the local column of a non-finite pivot. */
    private int factorSupernode(int s, double tiny) {
        int c0 = superStart[s];
        int ncol = superStart[s + 1] - c0;
        int nrow = rowStart[s + 1] - rowStart[s];
        int m = nrow - ncol;
        double[] l = lower[s];
        double[] u = upper[s];
        int info = kernels.getrfPerturbed(ncol, l, 0, nrow, pivots, c0, tiny);
        if (info < 0) {
            return -info - 1;
        }
        perturbed += info;
        if (m == 0) {
            return -1;
        }
        for (int j = 0; j < ncol; j++) {
            int p = pivots[c0 + j];
            if (p != j) { // row j of U₁₂ is column j of U₁₂ᵀ: swap as the block's rows were
                int a = j * m;
                int b = p * m;
                for (int k = 0; k < m; k++) {
                    double t = u[a + k];
                    u[a + k] = u[b + k];
                    u[b + k] = t;
                }
            }
        }
        kernels.trsmRightUpper(m, ncol, l, 0, nrow, l, ncol, nrow); // L₂₁ ← A₂₁·U₁₁⁻¹
        kernels.trsmRightUnitLowerTranspose(m, ncol, l, 0, nrow, u, 0, m); // U₁₂ᵀ ← (Q·A₁₂)ᵀ·L₁₁⁻ᵀ
        double[] c = products.get((long) m * m);
        kernels.gemmNT(m, m, ncol, 1.0, l, ncol, nrow, u, 0, m, 0.0, c, 0, m); // C = L₂₁·U₁₂
        double[] ct = transposes.get((long) m * m);
        transposeUpper(m, c, ct);
        maps.scatterUpdate(s, m, c, ct, lower, upper);
        return -1;
    }

    /**
     * The strictly lower triangle of ct ← the strictly upper triangle of cᵀ (m×m column-major):
     * what the U side of the scatter reads, tile by tile so both sides stay in cache.
     */
    private static void transposeUpper(int m, double[] c, double[] ct) {
        final int tile = 32;
        for (int i0 = 0; i0 < m; i0 += tile) { // i: column of c, row of ct
            int i1 = Math.min(m, i0 + tile);
            for (int j0 = 0; j0 < i1; j0 += tile) { // j < i: row of c, column of ct
                int j1 = Math.min(i1, j0 + tile);
                for (int i = i0; i < i1; i++) {
                    int ci = i * m;
                    for (int j = j0, end = Math.min(j1, i); j < end; j++) {
                        ct[j * m + i] = c[ci + j];
                    }
                }
            }
        }
    }

    @Override
    public void solve(double[] b, double[] x) {
        if (!factored) {
            throw new IllegalStateException(name() + ": no successful factorisation to solve with");
        }
        if (b.length < n || x.length < n) {
            throw new IllegalArgumentException("solve needs arrays of " + n + " entries, got b "
                    + b.length + " and x " + x.length);
        }
        if (b == x) {
            throw new IllegalArgumentException("b and x must be different arrays");
        }
        double[] y = work.get();
        if (y.length < n) {
            y = new double[n];
            work.set(y);
        }
        for (int k = 0; k < n; k++) {
            y[k] = b[perm[k]]; // y = Pᵀ·b
        }
        forward(y);
        backward(y);
        for (int k = 0; k < n; k++) {
            x[perm[k]] = y[k];
        }
    }

    /** y ← L⁻¹·Q·y, supernode by supernode, the row swaps of each applied at its turn. */
    private void forward(double[] y) {
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int ncol = superStart[s + 1] - c0;
            int nrow = rowStart[s + 1] - rowStart[s];
            int rs = rowStart[s];
            double[] l = lower[s];
            for (int j = 0; j < ncol; j++) {
                int p = pivots[c0 + j];
                if (p != j) {
                    double t = y[c0 + j];
                    y[c0 + j] = y[c0 + p];
                    y[c0 + p] = t;
                }
            }
            kernels.trsmLeftLower(false, true, ncol, 1, l, 0, nrow, y, c0, n);
            // y(rows below) <- y(rows below) - L₂₁·y_s, four columns per pass
            int j = 0;
            for (; j + 3 < ncol; j += 4) {
                double y0 = y[c0 + j];
                double y1 = y[c0 + j + 1];
                double y2 = y[c0 + j + 2];
                double y3 = y[c0 + j + 3];
                int l0 = j * nrow;
                int l1 = l0 + nrow;
                int l2 = l1 + nrow;
                int l3 = l2 + nrow;
                for (int i = ncol; i < nrow; i++) {
                    y[rows[rs + i]] -= l[l0 + i] * y0 + l[l1 + i] * y1 + l[l2 + i] * y2 + l[l3 + i] * y3;
                }
            }
            for (; j < ncol; j++) {
                double yj = y[c0 + j];
                int lj = j * nrow;
                for (int i = ncol; i < nrow; i++) {
                    y[rows[rs + i]] -= l[lj + i] * yj;
                }
            }
        }
    }

    /** y ← U⁻¹·y, supernodes in reverse order. */
    private void backward(double[] y) {
        for (int s = supernodes - 1; s >= 0; s--) {
            int c0 = superStart[s];
            int ncol = superStart[s + 1] - c0;
            int nrow = rowStart[s + 1] - rowStart[s];
            int m = nrow - ncol;
            int below = rowStart[s] + ncol;
            double[] l = lower[s];
            double[] u = upper[s];
            for (int j = 0; j < ncol; j++) {
                int uj = j * m;
                double sum = 0.0; // U₁₂(j, :)·y(rows below), contiguous in U₁₂ᵀ
                for (int k = 0; k < m; k++) {
                    sum += u[uj + k] * y[rows[below + k]];
                }
                y[c0 + j] -= sum;
            }
            for (int j = ncol - 1; j >= 0; j--) {
                int lj = j * nrow;
                double xj = y[c0 + j] / l[lj + j];
                y[c0 + j] = xj;
                for (int i = 0; i < j; i++) {
                    y[c0 + i] -= l[lj + i] * xj; // y_s(0:j) <- y_s(0:j) - U₁₁(0:j, j)·x_j
                }
            }
        }
    }

    /** Pivots perturbed in the last factorisation (0 when none was below the threshold). */
    public int perturbedPivots() {
        return perturbed;
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

    /** Entries of L and U (L's pattern twice, the diagonal once). */
    @Override
    public long factorNonzeros() {
        return 2 * symbolic.factorNonzeros() - n;
    }

    /** About twice the Cholesky flops of the same pattern (an LU update is a full product, not half). */
    @Override
    public double factorFlops() {
        return 2 * symbolic.flops();
    }

    @Override
    public long memoryBytes() {
        return 2 * symbolic.memoryBytes();
    }

    @Override
    public String name() {
        return "supernodal-lu";
    }
}
