package io.krylovforge.precond;

import java.util.Arrays;

/**
 * One triangle of a sparse matrix stored for a substitution sweep: row i of the sweep computes
 * <pre>  zᵢ = bᵢ·dᵢ + Σⱼ cᵢⱼ zⱼ</pre>
 * over the strict lower part (a forward sweep, i ascending) or the strict upper part (a backward
 * sweep, i descending) of a CSR pattern, where the caller supplies the multipliers cᵢⱼ through
 * {@link #fill}.
 *
 * <p>Why a separate layout: at small n these sweeps are bound by the row-to-row dependence, not
 * by memory. In the plain CSR loop row i loads z₍ᵢ∓₁₎ straight back from the store of the row
 * before, so every row pays a store-to-load forwarding on top of its multiply-add. Here each
 * row's entry on the neighbouring column i∓1 (the near entry) is kept apart, one per row (0 when
 * absent), and taken last from a register; the other (far) entries, row-contiguous in sweep
 * order, only read unknowns at least two rows back. The dependence shrinks to one fused
 * multiply-add per row.
 *
 * <p>Rows are grouped into runs with the same number of far entries; runs of 0 to
 * {@value #MAX_UNROLLED} get a loop with that many multiply-adds written out, so the code the JIT
 * makes does not depend on which trip counts it happened to profile first.
 *
 * <p>Order of operations, {@link #forward}/{@link #backward}: the far entries in sweep order
 * (columns ascending in a forward sweep, descending in a backward one), the near entry last, all
 * as fused multiply-adds from bᵢ·dᵢ. That is the order of a CSR sweep that takes the nearest
 * unknown last, so results equal such a sweep's except that a row without a near entry adds an
 * exact 0·zᵢ∓₁ (which can only turn a −0 into +0, or carry a non-finite zᵢ∓₁ into row i, where
 * a non-finite input has already made the sweep's result non-finite). {@link #forwardInCsrOrder} and
 * {@link #backwardInCsrOrder} instead reproduce the plain CSR loops zᵢ = bᵢ − Σ aᵢⱼzⱼ (columns
 * ascending, products rounded before subtracting) for callers whose results must not move. Their
 * chain per row is longer (a multiply and one or more subtractions), so on stencil patterns they
 * run two blocks of rows (grid lines) side by side, one row of each per step; every row still
 * computes exactly what it computes alone.
 */
public final class TriangularSweep {
    /** Widest run with an unrolled loop (a 7-point stencil has 2 far entries per triangle row). */
    static final int MAX_UNROLLED = 3;
    /** Shortest run of one width worth its own loop. */
    static final int MIN_RUN = 4;
    /** Smallest block worth pairing (a grid line of 8). */
    static final int MIN_PAIR_BLOCK = 8;
    private final int n;
    private final boolean lower;
    /** Whether far entries of an upper triangle are stored columns ascending (CSR order) instead of descending. */
    private final boolean csrOrder;
    /** Far entries of row i at [ptr[i], ptr[i+1]), in sweep order. */
    private final int[] ptr;
    private final int[] col;
    /** Position in the caller's value array of each far entry. */
    private final int[] source;
    /** Position in the caller's value array of row i's near entry, or -1. */
    private final int[] nearSource;
    private final double[] far;
    private final double[] near;
    /** Rows of run q are [runStart[q], runStart[q+1]); all have runWidth[q] far entries, or -1: mixed. */
    private final int[] runStart;
    private final int[] runWidth;
    /**
     * Block size D of the paired schedule of the CSR-order sweeps: the smallest distance between
     * a row and its far entries (a grid line on a stencil), 0 when there is no schedule.
     */
    private final int pairBlock;
    /** First rows p of the block pairs [p, p+D) and [p+D, p+2D) the CSR-order sweep runs side by side, ascending. */
    private final int[] pairs;

    private TriangularSweep(int n, boolean lower, boolean csrOrder, int[] ptr, int[] col, int[] source,
            int[] nearSource) {
        this.n = n;
        this.csrOrder = csrOrder;
        int[][] runs = runs(n, ptr);
        this.runStart = runs[0];
        this.runWidth = runs[1];
        this.lower = lower;
        this.ptr = ptr;
        this.col = col;
        this.source = source;
        this.nearSource = nearSource;
        this.far = new double[col.length];
        this.near = new double[n];
        this.pairBlock = farDistance(n, lower, ptr, col);
        this.pairs = pairBlock >= MIN_PAIR_BLOCK ? pairs(n, lower, pairBlock, ptr, nearSource) : new int[0];
    }

    /** Smallest |i − j| over far entries (i, j); 0 when there are none. */
    private static int farDistance(int n, boolean lower, int[] ptr, int[] col) {
        int d = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                d = Math.min(d, Math.abs(i - col[k]));
            }
        }
        return d == Integer.MAX_VALUE ? 0 : d;
    }

    /**
     * Block pairs the CSR-order sweep may run side by side, one row of each per step, the second
     * block one row behind: every far entry lies at least D rows back, so a row of the second
     * block needs from the first only rows already done, and its own predecessor. That holds when
     * the first row of the trailing block (in sweep order) has no near entry, which it would
     * take from the other block, and both blocks have one far-entry count from 1 to
     * {@value #MAX_UNROLLED}. Blocks are [jD, (j+1)D); the forward sweep pairs them from the
     * bottom, the backward sweep from the top, so the pair lists differ.
     */
    private static int[] pairs(int n, boolean lower, int d, int[] ptr, int[] nearSource) {
        int blocks = n / d;
        int[] out = new int[blocks / 2 + 1];
        int count = 0;
        int j = lower ? 0 : blocks - 2;
        while (lower ? j + 1 < blocks : j >= 0) {
            int p = j * d;
            int trailingFirst = lower ? p + d : p + d - 1;
            boolean ok = nearSource[trailingFirst] < 0;
            int w = ptr[p + 1] - ptr[p];
            ok &= w >= 1 && w <= MAX_UNROLLED;
            for (int i = p; ok && i < p + 2 * d; i++) {
                ok = ptr[i + 1] - ptr[i] == w;
            }
            if (ok) {
                out[count++] = p;
                j += lower ? 2 : -2;
            } else {
                j += lower ? 1 : -1;
            }
        }
        return Arrays.copyOf(out, count);
    }

    /** Rows the CSR-order sweep runs in block pairs (for tests). */
    int pairedRows() {
        return 2 * pairBlock * pairs.length;
    }

    /**
     * The strict lower triangle of a CSR pattern (columns strictly increasing in each row), for a
     * forward sweep. Entries on or above the diagonal are ignored.
     *
     * @param n number of rows
     * @param rowPtr CSR row pointers (n + 1)
     * @param colIdx CSR column indices
     * @return the sweep layout, with all multipliers 0 until {@link #fill}
     */
    public static TriangularSweep lower(int n, int[] rowPtr, int[] colIdx) {
        return build(n, rowPtr, colIdx, true, true);
    }

    /**
     * The strict upper triangle of a CSR pattern (columns strictly increasing in each row), for a
     * backward sweep. Entries on or below the diagonal are ignored.
     *
     * @param n number of rows
     * @param rowPtr CSR row pointers (n + 1)
     * @param colIdx CSR column indices
     * @return the sweep layout, with all multipliers 0 until {@link #fill}
     */
    public static TriangularSweep upper(int n, int[] rowPtr, int[] colIdx) {
        return build(n, rowPtr, colIdx, false, false);
    }

    /**
     * The strict upper triangle of a CSR pattern with the far entries kept in CSR order (columns
     * ascending), for {@link #backwardInCsrOrder}, which reproduces the plain CSR backward loop
     * bit for bit.
     *
     * @param n number of rows
     * @param rowPtr CSR row pointers (n + 1)
     * @param colIdx CSR column indices
     * @return the sweep layout, with all multipliers 0 until {@link #fill}
     */
    public static TriangularSweep upperInCsrOrder(int n, int[] rowPtr, int[] colIdx) {
        return build(n, rowPtr, colIdx, false, true);
    }

    private static TriangularSweep build(int n, int[] rowPtr, int[] colIdx, boolean lower, boolean csrOrder) {
        int[] ptr = new int[n + 1];
        int[] nearSource = new int[n];
        int nearCol = lower ? -1 : 1;
        for (int i = 0; i < n; i++) {
            int count = 0;
            nearSource[i] = -1;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                int j = colIdx[k];
                if (j == i + nearCol) {
                    nearSource[i] = k;
                } else if (lower ? j < i : j > i) {
                    count++;
                }
            }
            ptr[i + 1] = ptr[i] + count;
        }
        int[] col = new int[ptr[n]];
        int[] source = new int[ptr[n]];
        for (int i = 0; i < n; i++) {
            int q = ptr[i];
            if (lower) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    int j = colIdx[k];
                    if (j < i - 1) {
                        col[q] = j;
                        source[q++] = k;
                    }
                }
            } else if (csrOrder) {
                for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                    int j = colIdx[k];
                    if (j > i + 1) {
                        col[q] = j;
                        source[q++] = k;
                    }
                }
            } else {
                for (int k = rowPtr[i + 1] - 1; k >= rowPtr[i]; k--) {
                    int j = colIdx[k];
                    if (j > i + 1) {
                        col[q] = j;
                        source[q++] = k;
                    }
                }
            }
        }
        return new TriangularSweep(n, lower, csrOrder, ptr, col, source, nearSource);
    }

    /**
     * Splits the rows into runs of one far-entry count (0 to {@value #MAX_UNROLLED}, at least
     * {@value #MIN_RUN} rows) and mixed runs (width -1) holding everything else.
     */
    private static int[][] runs(int n, int[] ptr) {
        int[] start = new int[n + 1];
        int[] width = new int[n];
        int count = 0;
        int i = 0;
        while (i < n) {
            int w = ptr[i + 1] - ptr[i];
            int j = i + 1;
            while (j < n && ptr[j + 1] - ptr[j] == w) {
                j++;
            }
            int kind = w <= MAX_UNROLLED && j - i >= MIN_RUN ? w : -1;
            if (kind >= 0 || count == 0 || width[count - 1] != -1) {
                start[count] = i;
                width[count++] = kind;
            }
            i = j;
        }
        start[count] = n;
        return new int[][] {Arrays.copyOf(start, count + 1), Arrays.copyOf(width, count)};
    }

    /**
     * Sets every multiplier cᵢⱼ = (factor·vⱼ)·sᵢ from the caller's values (in the layout of the
     * pattern given at construction) and an optional row scale.
     *
     * @param values values over the pattern given at construction
     * @param rowScale sᵢ per row, or null for 1
     * @param factor a constant factor (for example −1 or −ω)
     */
    public void fill(double[] values, double[] rowScale, double factor) {
        for (int i = 0; i < n; i++) {
            double s = rowScale == null ? 1.0 : rowScale[i];
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                far[k] = factor * values[source[k]] * s;
            }
            int m = nearSource[i];
            near[i] = m < 0 ? 0.0 : factor * values[m] * s;
        }
    }

    /**
     * The forward sweep zᵢ = bᵢ·dᵢ + Σⱼ cᵢⱼ zⱼ, rows ascending.
     *
     * @param b right-hand side
     * @param d start scale per row
     * @param z result (read for earlier rows, written row by row)
     */
    public void forward(double[] b, double[] d, double[] z) {
        if (!lower) {
            throw new IllegalStateException("forward is a lower-triangle sweep; this is an upper triangle");
        }
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int[] starts = runStart;
        final int[] widths = runWidth;
        double prev = 0.0;
        for (int r = 0, runs = widths.length; r < runs; r++) {
            final int from = starts[r];
            final int to = starts[r + 1];
            int k = p[from];
            // A constant trip count per run, unrolled by hand: the JIT's code for a variable inner
            // loop depends on the trip counts it profiled (a 2D run first made 3D sweeps 1.4x slower).
            switch (widths[r]) {
                case 0 -> {
                    for (int i = from; i < to; i++) {
                        double s = Math.fma(h[i], prev, b[i] * d[i]);
                        z[i] = s;
                        prev = s;
                    }
                }
                case 1 -> {
                    for (int i = from; i < to; i++, k++) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(h[i], prev, s); // the near unknown from a register
                        z[i] = s;
                        prev = s;
                    }
                }
                case 2 -> {
                    for (int i = from; i < to; i++, k += 2) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(f[k + 1], z[c[k + 1]], s);
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                    }
                }
                case 3 -> {
                    for (int i = from; i < to; i++, k += 3) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(f[k + 1], z[c[k + 1]], s);
                        s = Math.fma(f[k + 2], z[c[k + 2]], s);
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                    }
                }
                default -> {
                    for (int i = from; i < to; i++) {
                        double s = b[i] * d[i];
                        for (int end = p[i + 1]; k < end; k++) {
                            s = Math.fma(f[k], z[c[k]], s);
                        }
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                    }
                }
            }
        }
    }

    /**
     * The backward sweep zᵢ = bᵢ·dᵢ + Σⱼ cᵢⱼ zⱼ, rows descending, returning rᵀz summed as the
     * rows are done.
     *
     * @param b right-hand side (may be {@code z}: in place)
     * @param d start scale per row
     * @param r the vector to dot z with
     * @param z result
     * @return rᵀz
     */
    public double backward(double[] b, double[] d, double[] r, double[] z) {
        if (lower || csrOrder) {
            throw new IllegalStateException("backward needs an upper triangle built by upper()");
        }
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int[] starts = runStart;
        final int[] widths = runWidth;
        double prev = 0.0;
        double dot = 0.0;
        for (int q = widths.length - 1; q >= 0; q--) {
            final int from = starts[q];
            final int to = starts[q + 1];
            final int w = widths[q];
            int k = p[to] - w; // first far entry of row to - 1 in a fixed-width run
            switch (w) {
                case 0 -> {
                    for (int i = to - 1; i >= from; i--) {
                        double s = Math.fma(h[i], prev, b[i] * d[i]);
                        z[i] = s;
                        prev = s;
                        dot += r[i] * s;
                    }
                }
                case 1 -> {
                    for (int i = to - 1; i >= from; i--, k--) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                        dot += r[i] * s;
                    }
                }
                case 2 -> {
                    for (int i = to - 1; i >= from; i--, k -= 2) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(f[k + 1], z[c[k + 1]], s);
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                        dot += r[i] * s;
                    }
                }
                case 3 -> {
                    for (int i = to - 1; i >= from; i--, k -= 3) {
                        double s = Math.fma(f[k], z[c[k]], b[i] * d[i]);
                        s = Math.fma(f[k + 1], z[c[k + 1]], s);
                        s = Math.fma(f[k + 2], z[c[k + 2]], s);
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                        dot += r[i] * s;
                    }
                }
                default -> {
                    for (int i = to - 1; i >= from; i--) {
                        double s = b[i] * d[i];
                        for (int kk = p[i], end = p[i + 1]; kk < end; kk++) {
                            s = Math.fma(f[kk], z[c[kk]], s);
                        }
                        s = Math.fma(h[i], prev, s);
                        z[i] = s;
                        prev = s;
                        dot += r[i] * s;
                    }
                }
            }
        }
        return dot;
    }

    /**
     * The forward sweep as the plain CSR loop computes it, bit for bit (up to the sign of a zero
     * result, as in the class comment): zᵢ = bᵢ − Σⱼ cᵢⱼ zⱼ with
     * columns ascending, each product rounded before it is subtracted (no fused multiply-add).
     * Only the near unknown comes from a register. For callers whose results must not move (fill
     * with the factor +1).
     *
     * @param b right-hand side
     * @param z result
     */
    public void forwardInCsrOrder(double[] b, double[] z) {
        if (!lower) {
            throw new IllegalStateException("forwardInCsrOrder is a lower-triangle sweep; this is an upper triangle");
        }
        if (pairs.length > 0) {
            forwardPaired(b, z);
            return;
        }
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int[] starts = runStart;
        final int[] widths = runWidth;
        double prev = 0.0;
        for (int r = 0, runs = widths.length; r < runs; r++) {
            final int from = starts[r];
            final int to = starts[r + 1];
            int k = p[from];
            switch (widths[r]) {
                case 0 -> {
                    for (int i = from; i < to; i++) {
                        double s = b[i] - h[i] * prev;
                        z[i] = s;
                        prev = s;
                    }
                }
                case 1 -> {
                    for (int i = from; i < to; i++, k++) {
                        double s = b[i] - f[k] * z[c[k]];
                        s -= h[i] * prev; // a missing near entry subtracts an exact +0
                        z[i] = s;
                        prev = s;
                    }
                }
                case 2 -> {
                    for (int i = from; i < to; i++, k += 2) {
                        double s = b[i] - f[k] * z[c[k]];
                        s -= f[k + 1] * z[c[k + 1]];
                        s -= h[i] * prev;
                        z[i] = s;
                        prev = s;
                    }
                }
                case 3 -> {
                    for (int i = from; i < to; i++, k += 3) {
                        double s = b[i] - f[k] * z[c[k]];
                        s -= f[k + 1] * z[c[k + 1]];
                        s -= f[k + 2] * z[c[k + 2]];
                        s -= h[i] * prev;
                        z[i] = s;
                        prev = s;
                    }
                }
                default -> {
                    for (int i = from; i < to; i++) {
                        double s = b[i];
                        for (int end = p[i + 1]; k < end; k++) {
                            s -= f[k] * z[c[k]];
                        }
                        s -= h[i] * prev;
                        z[i] = s;
                        prev = s;
                    }
                }
            }
        }
    }

    /**
     * The backward sweep as the plain CSR loop computes it, bit for bit (up to the sign of a zero
     * result): zᵢ = (bᵢ − Σⱼ cᵢⱼ zⱼ)·dᵢ
     * with columns ascending (so the near unknown first), each product rounded before it is
     * subtracted. Needs a layout from {@link #upperInCsrOrder} (fill with the factor +1).
     *
     * @param b right-hand side (may be {@code z}: in place)
     * @param d final scale per row
     * @param z result
     */
    public void backwardInCsrOrder(double[] b, double[] d, double[] z) {
        if (lower || !csrOrder) {
            throw new IllegalStateException("backwardInCsrOrder needs an upper triangle built by upperInCsrOrder()");
        }
        if (pairs.length > 0) {
            backwardPaired(b, d, z);
            return;
        }
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int[] starts = runStart;
        final int[] widths = runWidth;
        double prev = 0.0;
        for (int q = widths.length - 1; q >= 0; q--) {
            final int from = starts[q];
            final int to = starts[q + 1];
            final int w = widths[q];
            int k = p[to] - w;
            switch (w) {
                case 0 -> {
                    for (int i = to - 1; i >= from; i--) {
                        double s = (b[i] - h[i] * prev) * d[i];
                        z[i] = s;
                        prev = s;
                    }
                }
                case 1 -> {
                    for (int i = to - 1; i >= from; i--, k--) {
                        double s = b[i] - h[i] * prev;
                        s -= f[k] * z[c[k]];
                        s *= d[i];
                        z[i] = s;
                        prev = s;
                    }
                }
                case 2 -> {
                    for (int i = to - 1; i >= from; i--, k -= 2) {
                        double s = b[i] - h[i] * prev;
                        s -= f[k] * z[c[k]];
                        s -= f[k + 1] * z[c[k + 1]];
                        s *= d[i];
                        z[i] = s;
                        prev = s;
                    }
                }
                case 3 -> {
                    for (int i = to - 1; i >= from; i--, k -= 3) {
                        double s = b[i] - h[i] * prev;
                        s -= f[k] * z[c[k]];
                        s -= f[k + 1] * z[c[k + 1]];
                        s -= f[k + 2] * z[c[k + 2]];
                        s *= d[i];
                        z[i] = s;
                        prev = s;
                    }
                }
                default -> {
                    for (int i = to - 1; i >= from; i--) {
                        double s = b[i] - h[i] * prev;
                        for (int kk = p[i], end = p[i + 1]; kk < end; kk++) {
                            s -= f[kk] * z[c[kk]];
                        }
                        s *= d[i];
                        z[i] = s;
                        prev = s;
                    }
                }
            }
        }
    }

    /**
     * {@link #forwardInCsrOrder} on the paired schedule: each row computes exactly what the
     * sequential sweep computes (only the order of independent rows changes), but two dependence
     * chains run side by side, so a multiply and a subtraction per row (ILU(0)'s chain, which
     * fused multiply-adds would shorten at the price of other bits) are paid once per two rows.
     */
    private void forwardPaired(double[] b, double[] z) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int d = pairBlock;
        int row = 0;
        for (int start : pairs) {
            forwardRows(b, z, row, start);
            final int w = p[start + 1] - p[start];
            int ka = p[start];
            int kb = p[start + d];
            double prevA = start > 0 ? z[start - 1] : 0.0;
            double sa = lowerRow(w, ka, b[start], c, f, z) - h[start] * prevA;
            z[start] = sa;
            prevA = sa;
            ka += w;
            double prevB = 0.0; // the trailing block's first row has no near entry
            for (int t = 1; t < d; t++, ka += w, kb += w) {
                int ia = start + t;
                int ib = start + d + t - 1; // one row behind: its far entries reach rows up to ia - 1
                sa = lowerRow(w, ka, b[ia], c, f, z) - h[ia] * prevA;
                double sb = lowerRow(w, kb, b[ib], c, f, z) - h[ib] * prevB;
                z[ia] = sa;
                z[ib] = sb;
                prevA = sa;
                prevB = sb;
            }
            int last = start + 2 * d - 1;
            z[last] = lowerRow(w, kb, b[last], c, f, z) - h[last] * prevB;
            row = start + 2 * d;
        }
        forwardRows(b, z, row, n);
    }

    /** Rows [from, to) of the CSR-order forward sweep, one after the other. */
    private void forwardRows(double[] b, double[] z, int from, int to) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        double prev = from > 0 ? z[from - 1] : 0.0;
        for (int i = from; i < to; i++) {
            double s = b[i];
            for (int k = p[i], end = p[i + 1]; k < end; k++) {
                s -= f[k] * z[c[k]];
            }
            s -= h[i] * prev;
            z[i] = s;
            prev = s;
        }
    }

    /** bᵢ − Σ cᵢⱼ zⱼ over w far entries from k, products rounded before each subtraction. */
    private static double lowerRow(int w, int k, double bi, int[] c, double[] f, double[] z) {
        double s = bi - f[k] * z[c[k]];
        if (w > 1) {
            s -= f[k + 1] * z[c[k + 1]];
            if (w > 2) {
                s -= f[k + 2] * z[c[k + 2]];
            }
        }
        return s;
    }

    /** {@link #backwardInCsrOrder} on the paired schedule (see {@link #forwardPaired}). */
    private void backwardPaired(double[] b, double[] dScale, double[] z) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        final int d = pairBlock;
        int row = n - 1;
        for (int start : pairs) { // descending
            backwardRows(b, dScale, z, start + 2 * d, row + 1);
            final int w = p[start + 1] - p[start];
            int top = start + 2 * d - 1;
            int ka = p[top];
            int kb = p[start + d - 1];
            double prevA = top + 1 < n ? z[top + 1] : 0.0;
            double sa = upperRow(w, ka, b[top] - h[top] * prevA, c, f, z) * dScale[top];
            z[top] = sa;
            prevA = sa;
            ka -= w;
            double prevB = 0.0; // the trailing block's first row has no near entry
            for (int t = 1; t < d; t++, ka -= w, kb -= w) {
                int ia = top - t;
                int ib = start + d - t; // one row behind
                sa = upperRow(w, ka, b[ia] - h[ia] * prevA, c, f, z) * dScale[ia];
                double sb = upperRow(w, kb, b[ib] - h[ib] * prevB, c, f, z) * dScale[ib];
                z[ia] = sa;
                z[ib] = sb;
                prevA = sa;
                prevB = sb;
            }
            z[start] = upperRow(w, kb, b[start] - h[start] * prevB, c, f, z) * dScale[start];
            row = start - 1;
        }
        backwardRows(b, dScale, z, 0, row + 1);
    }

    /** Rows [from, to) of the CSR-order backward sweep, from the top down. */
    private void backwardRows(double[] b, double[] dScale, double[] z, int from, int to) {
        final int[] p = ptr;
        final int[] c = col;
        final double[] f = far;
        final double[] h = near;
        double prev = to < n ? z[to] : 0.0;
        for (int i = to - 1; i >= from; i--) {
            double s = b[i] - h[i] * prev;
            for (int k = p[i], end = p[i + 1]; k < end; k++) {
                s -= f[k] * z[c[k]];
            }
            s *= dScale[i];
            z[i] = s;
            prev = s;
        }
    }

    /** s − Σ cᵢⱼ zⱼ over w far entries from k (columns ascending), products rounded before each subtraction. */
    private static double upperRow(int w, int k, double s, int[] c, double[] f, double[] z) {
        s -= f[k] * z[c[k]];
        if (w > 1) {
            s -= f[k + 1] * z[c[k + 1]];
            if (w > 2) {
                s -= f[k + 2] * z[c[k + 2]];
            }
        }
        return s;
    }
}
