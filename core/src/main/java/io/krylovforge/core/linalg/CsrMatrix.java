package io.krylovforge.core.linalg;

import java.util.Arrays;

/**
 * An immutable sparse matrix in compressed sparse row form: row i holds entries
 * {@code rowPtr[i] .. rowPtr[i+1]-1} of {@code colIdx}/{@code values}, columns strictly
 * increasing within a row (no duplicates). Build one with {@link CooBuilder} or {@link #of}.
 *
 * <p>Accessors return copies; kernels that need the raw arrays live in this package.
 */
public final class CsrMatrix implements LinearOperator {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final double[] values;
    /** Row boundaries of nnz-balanced chunks for parallel SpMV. */
    private final int[] chunkStart;
    /**
     * Stencil runs of the pattern ({@link DiagonalRuns}), found on the first product and shared
     * by matrices with the same pattern; null until then. A racy lazy init: every thread computes
     * the same immutable layout, so a lost race only repeats the scan.
     */
    private DiagonalRuns runs;
    /** Diagonal layout of the pattern for the SIMD product ({@link DiagonalStorage}); racy lazy init. */
    private DiagonalStorage diagonals;
    /** This matrix's values in {@link #diagonals}' layout, built on a later full product; null until then. */
    private DiagonalValues diagonalValues;
    /** Full products so far, counted up to {@link #PRODUCTS_BEFORE_LAYOUT} (racy: a lost count only delays). */
    private int products;

    /** Largest |column − row| of a stored entry; −1 until {@link #bandwidth()} finds it. */
    private int bandwidth = -1;

    /** Full products a matrix runs on the scalar loops before its diagonal layout is built. */
    static final int PRODUCTS_BEFORE_LAYOUT = 8;

    /** Values in diagonal layout (a record: its final field publishes the filled array safely). */
    private record DiagonalValues(double[] values) {
    }

    /** Trusted constructor: arrays are taken as they are (validated by the caller). */
    CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        this(rows, cols, rowPtr, colIdx, values, null, null);
    }

    private CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values, DiagonalRuns runs,
            DiagonalStorage diagonals) {
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
        this.chunkStart = balancedChunks(rowPtr, rows);
        this.runs = runs;
        this.diagonals = diagonals;
    }

    /** The stencil-run layout of this pattern, built on first use. */
    private DiagonalRuns runs() {
        DiagonalRuns r = runs;
        if (r == null) {
            r = DiagonalRuns.of(rows, rowPtr, colIdx);
            runs = r;
        }
        return r;
    }

    /**
     * This matrix's values in diagonal layout when the SIMD product applies, else null. Built on
     * the {@value #PRODUCTS_BEFORE_LAYOUT}th counted product: the operator products of iterative
     * solvers ({@link #apply}, {@link #multiplyDot}) count, the plain {@link #multiply} does not (it
     * uses a layout that exists), so a matrix multiplied a few times (a direct solve's residual
     * checks, once per dataset sample) does not pay for the copy.
     */
    private double[] diagonalValues(boolean count) {
        if (!Simd.enabled()) {
            return null;
        }
        DiagonalValues held = diagonalValues;
        if (held != null) {
            return held.values();
        }
        if (!count) {
            return null;
        }
        if (products < PRODUCTS_BEFORE_LAYOUT) {
            products++;
            if (products < PRODUCTS_BEFORE_LAYOUT) {
                return null;
            }
        }
        DiagonalStorage d = diagonals;
        if (d == null) {
            d = DiagonalStorage.of(rows, cols, rowPtr, colIdx);
            diagonals = d;
        }
        held = new DiagonalValues(d.isEmpty() || !heapHasRoomFor(d.valueCount()) ? null
                : d.spread(rowPtr, colIdx, values));
        diagonalValues = held;
        return held.values();
    }

    /**
     * Whether the copy in diagonal layout fits: it must leave at least as much heap free as it
     * takes, since it is only a speed-up (the products run without it).
     */
    private static boolean heapHasRoomFor(long doubles) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return doubles < Integer.MAX_VALUE - 16 && 16 * doubles < free; // one Java array holds it
    }

    /** Whether this matrix's diagonal-layout copy exists already (for tests). */
    boolean hasDiagonalLayout() {
        DiagonalValues held = diagonalValues;
        return held != null && held.values() != null;
    }

    /**
     * Whether full products run the SIMD diagonal kernel (the Vector API is enabled and the
     * pattern is a banded stencil); for tests and benchmarks. Builds the layout if needed.
     * Products are bit-identical either way for finite x.
     */
    public boolean usesSimdDiagonals() {
        products = PRODUCTS_BEFORE_LAYOUT;
        return diagonalValues(true) != null;
    }

    /** Rows [from, to) of y = A x (SET), y += A x (ADD) or y = b − A x (RESIDUAL), CSR order. */
    private void productRows(int mode, double[] x, double[] b, double[] y, int from, int to) {
        DiagonalRuns r = runs();
        if (r.isEmpty()) {
            DiagonalRuns.csrRows(mode, rowPtr, colIdx, values, x, b, y, from, to);
        } else {
            r.rows(mode, rowPtr, colIdx, values, x, b, y, from, to);
        }
    }

    /**
     * Whether products use the stencil-run layout (rows on a few common diagonals, read without
     * column indices); for tests and benchmarks. Products are bit-identical either way.
     */
    public boolean usesStencilRuns() {
        return !runs().isEmpty();
    }

    /**
     * A matrix from CSR arrays (copied and validated: pointers monotone, columns in range and
     * strictly increasing within each row).
     */
    public static CsrMatrix of(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        if (rowPtr.length != rows + 1) {
            throw new DimensionMismatchException(
                    "rowPtr has " + rowPtr.length + " entries, expected rows+1 = " + (rows + 1));
        }
        if (rowPtr[0] != 0) {
            throw new IllegalArgumentException("rowPtr[0] must be 0, got " + rowPtr[0]);
        }
        int nnz = rowPtr[rows];
        if (colIdx.length < nnz || values.length < nnz) {
            throw new DimensionMismatchException("rowPtr says " + nnz + " entries but colIdx has "
                    + colIdx.length + " and values has " + values.length);
        }
        for (int i = 0; i < rows; i++) {
            if (rowPtr[i + 1] < rowPtr[i]) {
                throw new IllegalArgumentException("rowPtr decreases at row " + i + " (0-based)");
            }
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int j = colIdx[k];
                if (j < 0 || j >= cols) {
                    throw new IllegalArgumentException(
                            "column " + j + " out of range [0," + cols + ") in row " + i + " (0-based)");
                }
                if (k > rowPtr[i] && colIdx[k - 1] >= j) {
                    throw new IllegalArgumentException(
                            "columns not strictly increasing in row " + i + " (0-based) (use CooBuilder)");
                }
            }
        }
        return new CsrMatrix(rows, cols, rowPtr.clone(), Arrays.copyOf(colIdx, nnz),
                Arrays.copyOf(values, nnz));
    }

    /** The n×n identity. */
    public static CsrMatrix identity(int n) {
        int[] ptr = new int[n + 1];
        int[] col = new int[n];
        double[] val = new double[n];
        for (int i = 0; i < n; i++) {
            ptr[i + 1] = i + 1;
            col[i] = i;
            val[i] = 1.0;
        }
        return new CsrMatrix(n, n, ptr, col, val);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Number of stored entries (explicit zeros included). */
    public int nnz() {
        return rowPtr[rows];
    }

    /** Copy of the row pointer array (length rows+1). */
    public int[] rowPtr() {
        return rowPtr.clone();
    }

    /** Copy of the column indices (length nnz). */
    public int[] colIdx() {
        return colIdx.clone();
    }

    /** Copy of the values (length nnz). */
    public double[] values() {
        return values.clone();
    }

    /**
     * Copies the values into {@code target}'s first nnz entries: for callers that read the values
     * of many matrices of one pattern (a direct solver's numeric factorisation per sample) into one
     * buffer instead of a new array each time.
     *
     * @param target length ≥ nnz; out
     */
    public void copyValues(double[] target) {
        int nnz = nnz();
        if (target.length < nnz) {
            throw new IllegalArgumentException("copyValues needs " + nnz + " entries, got " + target.length);
        }
        System.arraycopy(values, 0, target, 0, nnz);
    }

    /** Returns A(i, j), zero where nothing is stored. */
    public double get(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException(
                    "(" + i + "," + j + ") outside " + rows + "x" + cols);
        }
        int k = Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], j);
        return k >= 0 ? values[k] : 0.0;
    }

    /** Number of entries stored in row i. */
    public int rowLength(int i) {
        return rowPtr[i + 1] - rowPtr[i];
    }

    /** The diagonal, length min(rows, cols); zeros where not stored. */
    public double[] diagonal() {
        int m = Math.min(rows, cols);
        double[] d = new double[m];
        for (int i = 0; i < m; i++) {
            int k = Arrays.binarySearch(colIdx, rowPtr[i], rowPtr[i + 1], i);
            d[i] = k >= 0 ? values[k] : 0.0;
        }
        return d;
    }

    /** y ← A·x. Parallel over nnz-balanced row chunks for large matrices. */
    @Override
    public void apply(Vector x, Vector y) {
        checkApply(x, y);
        double[] xa = DenseVector.array(x);
        double[] ya = DenseVector.array(y);
        checkProduct(xa, ya);
        product(diagonalValues(true), xa, ya);
    }

    /** y ← A·x on host arrays. */
    public void multiply(double[] x, double[] y) {
        checkProduct(x, y);
        product(diagonalValues(false), x, y);
    }

    private void checkProduct(double[] x, double[] y) {
        if (x.length != cols || y.length != rows) {
            throw new DimensionMismatchException("matrix is " + rows + "x" + cols
                    + " but x has " + x.length + " and y has " + y.length + " entries");
        }
        if (x == y) {
            throw new IllegalArgumentException("y must not alias x in y = A x");
        }
    }

    /** y ← A·x, the SIMD diagonal kernel where {@code dv} is given; forked for large matrices. */
    private void product(double[] dv, double[] x, double[] y) {
        // Fork on rows, as multiplyDot and the vector kernels do, so that the kernels of one solver
        // step fork together or not at all (a lone fork wakes a parked worker and costs more than it
        // saves); rows heavy enough to pay on their own (≥ 8 × THRESHOLD entries) fork too.
        if (!Parallel.worthForking(rows) && !Parallel.worthForking(nnz() / 8)) {
            multiplyRows(dv, x, y, 0, rows);
            return;
        }
        int[] starts = chunkStart;
        Parallel.forChunks(starts.length - 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                multiplyRows(dv, x, y, starts[c], starts[c + 1]);
            }
        });
    }

    /**
     * Fused y ← A·x and returns xᵀy in the same pass (square matrices): saves re-reading both
     * vectors for the dot product that CG needs right after its product. Rows are taken in fixed
     * blocks of {@link Parallel#BLOCK}, summed with the same eight accumulators as
     * {@link VectorKernels#dot}, so the result is bit-identical to {@code dot(x, A x)} whatever
     * the number of threads.
     */
    public double multiplyDot(double[] x, double[] y) {
        if (rows != cols || x.length != cols || y.length != rows) {
            throw new DimensionMismatchException("multiplyDot needs a square matrix and fitting vectors; matrix is "
                    + rows + "x" + cols + ", x has " + x.length + " and y has " + y.length + " entries");
        }
        if (x == y) {
            throw new IllegalArgumentException("y must not alias x in y = A x");
        }
        double[] dv = diagonalValues(true);
        return Parallel.sumBlocks(rows, (from, to) -> multiplyDotRows(dv, x, y, x, from, to));
    }

    /**
     * Fused y ← A·x and returns wᵀy in the same pass (square matrices; BiCGStab's v = A p̂ and
     * r̂ᵀv). Summed as {@link #multiplyDot} sums, so bit-identical to {@code dot(w, A x)}.
     *
     * @param x the vector multiplied
     * @param y receives A·x (must not alias x)
     * @param w the vector dotted with the product
     * @return wᵀ(A·x)
     */
    public double multiplyDot(double[] x, double[] y, double[] w) {
        if (rows != cols || x.length != cols || y.length != rows || w.length != rows) {
            throw new DimensionMismatchException("multiplyDot needs a square matrix and fitting vectors; matrix is "
                    + rows + "x" + cols + ", x has " + x.length + ", y " + y.length + " and w " + w.length
                    + " entries");
        }
        if (x == y || w == y) {
            throw new IllegalArgumentException("y must alias neither x nor w in y = A x, w'y");
        }
        double[] dv = diagonalValues(true);
        return Parallel.sumBlocks(rows, (from, to) -> multiplyDotRows(dv, x, y, w, from, to));
    }

    /**
     * CG's direction update and product in one sweep: p ← z + β·p, q ← A·p, returns pᵀq (square
     * matrices). The same bits as {@code VectorKernels.axpby(1, z, beta, p)} followed by
     * {@link #multiplyDot(double[], double[])}, but p is read and written once with the product
     * instead of in a pass of its own: the update runs ahead of the product by the matrix's
     * bandwidth (whole blocks of {@link Parallel#BLOCK} rows). Forked, each thread takes a
     * contiguous range of blocks; the blocks at the seams, whose products need the neighbour's
     * updated p, are multiplied after the join. Falls back to the two calls when the bandwidth
     * exceeds a quarter of the rows.
     *
     * @param z    the (preconditioned) residual
     * @param beta the direction's coefficient
     * @param p    the direction, updated in place
     * @param q    receives A·p (aliases neither z nor p)
     * @return pᵀq with the updated p
     */
    public double updateMultiplyDot(double[] z, double beta, double[] p, double[] q) {
        checkUpdateProduct(z, p, q);
        return updateMultiplyDotSweep(z, beta, p, q, 0.0, null);
    }

    /**
     * As {@link #updateMultiplyDot(double[], double, double[], double[])} with CG's previous
     * x ← x + αPrev·p folded in: each element of x takes αPrev times the old p[i] just before
     * p[i] is updated, so p is read once for both. The same bits as
     * {@code VectorKernels.axpy(alphaPrev, p, x)} followed by the four-argument call; CG defers
     * its x update to this sweep and saves a pass over p.
     *
     * @param z         the (preconditioned) residual
     * @param beta      the direction's coefficient
     * @param p         the direction, updated in place
     * @param q         receives A·p (aliases neither z nor p)
     * @param alphaPrev the step length that the old p still owes x
     * @param x         the iterate, updated in place (aliases none of z, p, q)
     * @return pᵀq with the updated p
     */
    public double updateMultiplyDot(double[] z, double beta, double[] p, double[] q, double alphaPrev,
            double[] x) {
        checkUpdateProduct(z, p, q);
        if (x.length != rows) {
            throw new DimensionMismatchException("updateMultiplyDot: matrix is " + rows + "x" + cols + " but x has "
                    + x.length + " entries");
        }
        if (x == z || x == p || x == q) {
            throw new IllegalArgumentException("x must alias none of z, p, q in x = x + alpha p, p = z + beta p");
        }
        return updateMultiplyDotSweep(z, beta, p, q, alphaPrev, x);
    }

    private void checkUpdateProduct(double[] z, double[] p, double[] q) {
        if (rows != cols || z.length != rows || p.length != rows || q.length != rows) {
            throw new DimensionMismatchException("updateMultiplyDot needs a square matrix and fitting vectors;"
                    + " matrix is " + rows + "x" + cols + ", z has " + z.length + ", p " + p.length + " and q "
                    + q.length + " entries");
        }
        if (q == p || q == z) {
            throw new IllegalArgumentException("q must alias neither z nor p in p = z + beta p, q = A p");
        }
    }

    /** The fused sweep; x is null when no x update is folded in. */
    private double updateMultiplyDotSweep(double[] z, double beta, double[] p, double[] q, double alpha,
            double[] x) {
        // blocks of p that a block's product reads on each side
        int reach = (bandwidth() + Parallel.BLOCK - 1) / Parallel.BLOCK;
        int blocks = (rows + Parallel.BLOCK - 1) / Parallel.BLOCK;
        if (4L * reach > blocks) {
            if (x != null) {
                VectorKernels.axpy(alpha, p, x);
            }
            VectorKernels.axpby(1.0, z, beta, p);
            return multiplyDot(p, q);
        }
        double[] dv = diagonalValues(true);
        int threads = Parallel.worthForking(rows) ? Parallel.threads() : 1;
        int parts = Math.max(1, Math.min(threads, blocks / (4 * Math.max(1, reach))));
        double[] partial = Parallel.borrowScratch(blocks);
        try {
            // phase 1: each part updates its own blocks, ahead of its products by `reach` blocks, and
            // multiplies all but the `reach` blocks at each inner seam
            Parallel.forChunks(parts, (from, to) -> {
                for (int part = from; part < to; part++) {
                    int b0 = (int) ((long) blocks * part / parts);
                    int b1 = (int) ((long) blocks * (part + 1) / parts);
                    int m0 = part == 0 ? b0 : b0 + reach; // first block multiplied now
                    int m1 = part == parts - 1 ? b1 : b1 - reach; // end of the blocks multiplied now
                    int updated = b0;
                    for (int b = m0; b < m1; b++) {
                        int want = Math.min(b1, b + reach + 1);
                        for (; updated < want; updated++) {
                            updateBlock(z, beta, p, alpha, x, updated);
                        }
                        partial[b] = multiplyDotRows(dv, p, q, p, b * Parallel.BLOCK, blockEnd(b));
                    }
                    for (; updated < b1; updated++) {
                        updateBlock(z, beta, p, alpha, x, updated);
                    }
                }
            });
            // phase 2: the seam blocks, now that every block of p is updated
            for (int part = 1; part < parts; part++) {
                int seam = (int) ((long) blocks * part / parts);
                for (int b = seam - reach; b < seam + reach; b++) {
                    partial[b] = multiplyDotRows(dv, p, q, p, b * Parallel.BLOCK, blockEnd(b));
                }
            }
            double total = 0.0;
            for (int b = 0; b < blocks; b++) {
                total += partial[b];
            }
            return total;
        } finally {
            Parallel.returnScratch(partial);
        }
    }

    /**
     * On block b: x ← x + α·p (when x is given), then p ← z + β·p, as {@code VectorKernels.axpy}
     * and {@code VectorKernels.axpby(1, z, beta, p)} compute them.
     */
    private void updateBlock(double[] z, double beta, double[] p, double alpha, double[] x, int b) {
        int from = b * Parallel.BLOCK;
        int end = blockEnd(b);
        if (x != null) {
            // one loop, p[i] loaded once for both: single-thread CPU per CG step 2-5 % below two
            // loops over the block (A/B at 512² and 1024²)
            for (int i = from; i < end; i++) {
                double pi = p[i];
                x[i] += alpha * pi;
                p[i] = 1.0 * z[i] + beta * pi;
            }
            return;
        }
        for (int i = from; i < end; i++) {
            p[i] = 1.0 * z[i] + beta * p[i];
        }
    }

    /** End row of block b (blocks of {@link Parallel#BLOCK} rows). */
    private int blockEnd(int b) {
        return Math.min(rows, (b + 1) * Parallel.BLOCK);
    }

    /** Largest |column − row| over the stored entries, found once per matrix (racy lazy init). */
    private int bandwidth() {
        int w = bandwidth;
        if (w < 0) {
            w = 0;
            for (int i = 0; i < rows; i++) {
                if (rowPtr[i + 1] > rowPtr[i]) {
                    w = Math.max(w, Math.max(i - colIdx[rowPtr[i]], colIdx[rowPtr[i + 1] - 1] - i));
                }
            }
            bandwidth = w;
        }
        return w;
    }

    /**
     * y ← A·x on rows [rowFrom, rowTo) (at most one block), then wᵀy over those rows while they
     * are still in cache. The product loop stays the plain one (measured faster than interleaving
     * the dot into it), and the sum is {@link Reductions#dot}, as {@link VectorKernels#dot} sums.
     */
    private double multiplyDotRows(double[] dv, double[] x, double[] y, double[] w, int rowFrom, int rowTo) {
        multiplyRows(dv, x, y, rowFrom, rowTo);
        return Reductions.dot(w, y, rowFrom, rowTo);
    }

    /** Returns A·x as a new array. */
    public double[] multiply(double[] x) {
        double[] y = new double[rows];
        multiply(x, y);
        return y;
    }

    /** Rows [rowFrom, rowTo) of y = A x: the SIMD diagonal kernel where {@code dv} is given, else the scalar loops. */
    private void multiplyRows(double[] dv, double[] x, double[] y, int rowFrom, int rowTo) {
        if (dv != null) {
            DiagonalStorage d = diagonals;
            int a = Math.max(rowFrom, d.firstRow());
            int e = Math.min(rowTo, d.endRow());
            if (a < e) {
                productRows(DiagonalRuns.SET, x, null, y, rowFrom, a);
                int done = SimdDiagonalProduct.multiply(d, dv, x, y, a, e);
                productRows(DiagonalRuns.SET, x, null, y, done, rowTo);
                return;
            }
        }
        productRows(DiagonalRuns.SET, x, null, y, rowFrom, rowTo); // y = A x
    }

    /** y ← y + A·x on host arrays (serial: the AMG prolongation adds a coarse correction). */
    public void multiplyAdd(double[] x, double[] y) {
        if (x.length != cols || y.length != rows) {
            throw new DimensionMismatchException("matrix is " + rows + "x" + cols
                    + " but x has " + x.length + " and y has " + y.length + " entries");
        }
        productRows(DiagonalRuns.ADD, x, null, y, 0, rows); // y = y + A x
    }

    /** r ← b − A·x on host arrays (serial; r must alias neither b nor x). */
    public void residual(double[] b, double[] x, double[] r) {
        if (x.length != cols || b.length != rows || r.length != rows) {
            throw new DimensionMismatchException("matrix is " + rows + "x" + cols + " but b has " + b.length
                    + ", x " + x.length + " and r " + r.length + " entries");
        }
        productRows(DiagonalRuns.RESIDUAL, x, b, r, 0, rows); // r = b - A x
    }

    /** Returns Aᵀ (also the CSC form of A read as rows). */
    public CsrMatrix transpose() {
        int nnz = nnz();
        int[] count = new int[cols + 1];
        for (int k = 0; k < nnz; k++) {
            count[colIdx[k] + 1]++;
        }
        for (int j = 0; j < cols; j++) {
            count[j + 1] += count[j];
        }
        int[] ptr = count.clone();
        int[] next = Arrays.copyOf(count, cols);
        int[] col = new int[nnz];
        double[] val = new double[nnz];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int dst = next[colIdx[k]]++;
                col[dst] = i;
                val[dst] = values[k];
            }
        }
        return new CsrMatrix(cols, rows, ptr, col, val);
    }

    /** The same matrix in compressed sparse column form. */
    public CscMatrix toCsc() {
        CsrMatrix t = transpose();
        return new CscMatrix(rows, cols, t.rowPtr, t.colIdx, t.values);
    }

    /**
     * Whether |A(i,j) − A(j,i)| ≤ tol·max|A| for all stored entries (absent entries count as 0).
     * A non-square matrix is not symmetric.
     */
    public boolean isSymmetric(double tol) {
        if (rows != cols) {
            return false;
        }
        double scale = 0.0;
        for (int k = 0; k < nnz(); k++) {
            scale = Math.max(scale, Math.abs(values[k]));
        }
        double limit = tol * scale;
        CsrMatrix t = transpose();
        for (int i = 0; i < rows; i++) {
            // Merge row i of A with row i of Aᵀ; both are sorted.
            int a = rowPtr[i];
            int aEnd = rowPtr[i + 1];
            int b = t.rowPtr[i];
            int bEnd = t.rowPtr[i + 1];
            while (a < aEnd || b < bEnd) {
                int ja = a < aEnd ? colIdx[a] : Integer.MAX_VALUE;
                int jb = b < bEnd ? t.colIdx[b] : Integer.MAX_VALUE;
                double va = 0.0;
                double vb = 0.0;
                if (ja <= jb) {
                    va = values[a++];
                }
                if (jb <= ja) {
                    vb = t.values[b++];
                }
                if (Math.abs(va - vb) > limit) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Returns a new matrix with the same pattern and values scaled by {@code alpha}. */
    public CsrMatrix scale(double alpha) {
        double[] v = values.clone();
        for (int k = 0; k < v.length; k++) {
            v[k] *= alpha;
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, v, runs, diagonals);
    }

    /** Returns a matrix with the same pattern (shared) and new values. */
    public CsrMatrix withValues(double[] newValues) {
        if (newValues.length != nnz()) {
            throw new DimensionMismatchException(
                    "pattern has " + nnz() + " entries, got " + newValues.length + " values");
        }
        return new CsrMatrix(rows, cols, rowPtr, colIdx, newValues.clone(), runs, diagonals);
    }

    /** Whether {@code other} has exactly the same sparsity pattern. */
    public boolean samePattern(CsrMatrix other) {
        return rows == other.rows && cols == other.cols
                && (rowPtr == other.rowPtr || Arrays.equals(rowPtr, other.rowPtr))
                && (colIdx == other.colIdx || Arrays.equals(colIdx, other.colIdx));
    }

    /** Dense copy, row-major {@code [rows][cols]}; for small matrices and tests. */
    public double[][] toDense() {
        double[][] d = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                d[i][colIdx[k]] = values[k];
            }
        }
        return d;
    }

    /** Visitor over stored entries in row order. */
    @FunctionalInterface
    public interface EntryVisitor {
        /**
         * Called once per stored entry, rows in order, columns increasing within a row.
         *
         * @param row   row index (0-based)
         * @param col   column index (0-based)
         * @param value the stored value
         */
        void visit(int row, int col, double value);
    }

    /** Calls {@code visitor} for every stored entry, row by row, columns ascending. */
    public void forEach(EntryVisitor visitor) {
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                visitor.visit(i, colIdx[k], values[k]);
            }
        }
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz() + "]";
    }

    private static int[] balancedChunks(int[] rowPtr, int rows) {
        int nnz = rowPtr[rows];
        int chunks = Math.max(1, Math.min(rows, 8 * Math.max(1, Parallel.pool().getParallelism())));
        int[] start = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            long target = (long) nnz * c / chunks;
            int r = Arrays.binarySearch(rowPtr, 0, rows + 1, (int) target);
            if (r < 0) {
                r = -r - 1;
            }
            start[c] = Math.max(start[c - 1], Math.min(r, rows));
        }
        start[chunks] = rows;
        return start;
    }
}
