package io.krylovforge.core.linalg;

import java.util.Arrays;

/**
 * An acceleration layout for stencil-like {@link CsrMatrix} patterns, built from the CSR arrays
 * and sharing their {@code values}: runs of consecutive rows whose entries lie on the same 3 to 7
 * diagonals (row i stores columns i+o₀ &lt; i+o₁ &lt; …, the same offsets oₖ on every row of
 * the run). Widths 4 and 6 are the boundary lines and faces of 2D and 3D stencils (a 7-point
 * Laplacian on 16³ has a third of its rows there), so those take the fast path as well. Inside a
 * run the column of entry k of row i is i+oₖ and the entry sits at
 * {@code rowPtr[a] + w·(i−a)}, so the product needs neither {@code colIdx} nor {@code rowPtr}:
 * two loads per stored entry instead of three and a bounds check, which is what bounds the CSR
 * loop on small, cache-resident matrices. Rows outside runs (the two end rows of each grid line,
 * irregular rows) keep the CSR loop.
 *
 * <p>Every row is summed in the CSR order (columns ascending, from 0.0 or from b), so products
 * are bit-identical to the plain CSR loop.
 */
final class DiagonalRuns {
    /** Shortest run worth a switch out of the CSR loop. */
    static final int MIN_RUN = 8;
    /** Use the layout only when runs hold at least this share of the rows. */
    static final double MIN_COVERAGE = 0.5;
    /** The layout of a pattern where it does not pay. */
    static final DiagonalRuns NONE = new DiagonalRuns(new int[0], new int[0], new int[0], new int[0]);

    private final int[] runStart;
    private final int[] runEnd;
    /** Width (3 to 7) of each run. */
    private final int[] runWidth;
    /** Offsets of run r at {@code offsets[7 r .. 7 r + width)}. */
    private final int[] offsets;

    private DiagonalRuns(int[] runStart, int[] runEnd, int[] runWidth, int[] offsets) {
        this.runStart = runStart;
        this.runEnd = runEnd;
        this.runWidth = runWidth;
        this.offsets = offsets;
    }

    /** Whether any run was found (false for {@link #NONE}). */
    boolean isEmpty() {
        return runStart.length == 0;
    }

    /** Number of runs. */
    int runCount() {
        return runStart.length;
    }

    /** Rows covered by runs. */
    long coveredRows() {
        long s = 0;
        for (int r = 0; r < runStart.length; r++) {
            s += runEnd[r] - runStart[r];
        }
        return s;
    }

    /**
     * Finds the runs of a CSR pattern, or {@link #NONE} when they cover less than
     * {@link #MIN_COVERAGE} of the rows. One pass over {@code colIdx}.
     */
    static DiagonalRuns of(int rows, int[] rowPtr, int[] colIdx) {
        int[] start = new int[16];
        int[] end = new int[16];
        int[] width = new int[16];
        int[] off = new int[16 * 7];
        int count = 0;
        long covered = 0;
        int i = 0;
        while (i < rows) {
            int w = rowPtr[i + 1] - rowPtr[i];
            if (w < 3 || w > 7) {
                i++;
                continue;
            }
            int k0 = rowPtr[i];
            int j = i + 1;
            while (j < rows && sameOffsets(rowPtr, colIdx, i, j, w)) {
                j++;
            }
            if (j - i >= MIN_RUN) {
                if (count == start.length) {
                    start = Arrays.copyOf(start, 2 * count);
                    end = Arrays.copyOf(end, 2 * count);
                    width = Arrays.copyOf(width, 2 * count);
                    off = Arrays.copyOf(off, 2 * count * 7);
                }
                start[count] = i;
                end[count] = j;
                width[count] = w;
                for (int d = 0; d < w; d++) {
                    off[7 * count + d] = colIdx[k0 + d] - i;
                }
                count++;
                covered += j - i;
            }
            i = j;
        }
        if (count == 0 || covered < MIN_COVERAGE * rows) {
            return NONE;
        }
        return new DiagonalRuns(Arrays.copyOf(start, count), Arrays.copyOf(end, count),
                Arrays.copyOf(width, count), Arrays.copyOf(off, count * 7));
    }

    /** Whether row j has w entries at the same offsets from its diagonal as row i. */
    private static boolean sameOffsets(int[] rowPtr, int[] colIdx, int i, int j, int w) {
        int ki = rowPtr[i];
        int kj = rowPtr[j];
        if (rowPtr[j + 1] - kj != w) {
            return false;
        }
        for (int d = 0; d < w; d++) {
            if (colIdx[kj + d] - j != colIdx[ki + d] - i) {
                return false;
            }
        }
        return true;
    }

    /** First run that ends after {@code row}. */
    private int firstRunAfter(int row) {
        int lo = 0;
        int hi = runEnd.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (runEnd[mid] <= row) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Kinds of row update, all with the CSR summation order. */
    static final int SET = 0; // y = A x
    static final int ADD = 1; // y = y + A x
    static final int RESIDUAL = 2; // y = b - A x

    /**
     * Rows {@code [from, to)} of the product in the given mode ({@link #SET}: y = Ax,
     * {@link #ADD}: y += Ax, {@link #RESIDUAL}: y = b − Ax); rows outside runs by the CSR loop.
     */
    void rows(int mode, int[] rowPtr, int[] colIdx, double[] v, double[] x, double[] b, double[] y,
            int from, int to) {
        int r = firstRunAfter(from);
        int i = from;
        while (i < to) {
            if (r < runStart.length && runStart[r] <= i) {
                int end = Math.min(runEnd[r], to);
                run(mode, r, rowPtr[runStart[r]], v, x, b, y, i, end);
                i = end;
                r++;
            } else {
                int end = r < runStart.length ? Math.min(runStart[r], to) : to;
                csrRows(mode, rowPtr, colIdx, v, x, b, y, i, end);
                i = end;
            }
        }
    }

    /** The plain CSR loop (rows outside runs, and matrices without a layout). */
    static void csrRows(int mode, int[] p, int[] c, double[] v, double[] x, double[] b, double[] y,
            int from, int to) {
        switch (mode) {
            case SET -> {
                for (int i = from; i < to; i++) {
                    double s = 0.0;
                    for (int k = p[i], end = p[i + 1]; k < end; k++) {
                        s += v[k] * x[c[k]];
                    }
                    y[i] = s;
                }
            }
            case ADD -> {
                for (int i = from; i < to; i++) {
                    double s = 0.0;
                    for (int k = p[i], end = p[i + 1]; k < end; k++) {
                        s += v[k] * x[c[k]];
                    }
                    y[i] += s;
                }
            }
            default -> {
                for (int i = from; i < to; i++) {
                    double s = b[i];
                    for (int k = p[i], end = p[i + 1]; k < end; k++) {
                        s -= v[k] * x[c[k]];
                    }
                    y[i] = s;
                }
            }
        }
    }

    /** Rows [a, e) of run r, whose first row's entries start at {@code k0}. */
    private void run(int mode, int r, int k0, double[] v, double[] x, double[] b, double[] y, int a, int e) {
        int s0 = runStart[r];
        int o = 7 * r;
        switch (runWidth[r]) {
            case 3 -> {
                int kb = k0 - 3 * s0; // entry of row i starts at kb + 3 i
                if (mode == SET) {
                    set3(v, kb, offsets[o], offsets[o + 1], offsets[o + 2], x, y, a, e);
                } else {
                    other3(mode == ADD, v, kb, offsets[o], offsets[o + 1], offsets[o + 2], x, b, y, a, e);
                }
            }
            case 5 -> {
                int kb = k0 - 5 * s0;
                if (mode == SET) {
                    set5(v, kb, offsets[o], offsets[o + 1], offsets[o + 2], offsets[o + 3], offsets[o + 4],
                            x, y, a, e);
                } else {
                    other5(mode == ADD, v, kb, offsets[o], offsets[o + 1], offsets[o + 2], offsets[o + 3],
                            offsets[o + 4], x, b, y, a, e);
                }
            }
            case 4 -> {
                int kb = k0 - 4 * s0;
                if (mode == SET) {
                    set4(v, kb, offsets[o], offsets[o + 1], offsets[o + 2], offsets[o + 3], x, y, a, e);
                } else {
                    other4(mode == ADD, v, kb, offsets[o], offsets[o + 1], offsets[o + 2], offsets[o + 3],
                            x, b, y, a, e);
                }
            }
            case 6 -> {
                int kb = k0 - 6 * s0;
                if (mode == SET) {
                    set6(v, kb, o, x, y, a, e);
                } else {
                    other6(mode == ADD, v, kb, o, x, b, y, a, e);
                }
            }
            default -> {
                int kb = k0 - 7 * s0;
                if (mode == SET) {
                    set7(v, kb, o, x, y, a, e);
                } else {
                    other7(mode == ADD, v, kb, o, x, b, y, a, e);
                }
            }
        }
    }

    private static void set3(double[] v, int kb, int o0, int o1, int o2, double[] x, double[] y, int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 3 * i;
            double s = 0.0;
            s += v[k] * x[i + o0];
            s += v[k + 1] * x[i + o1];
            s += v[k + 2] * x[i + o2];
            y[i] = s;
        }
    }

    private static void other3(boolean add, double[] v, int kb, int o0, int o1, int o2, double[] x, double[] b,
            double[] y, int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 3 * i;
            if (add) {
                double s = 0.0;
                s += v[k] * x[i + o0];
                s += v[k + 1] * x[i + o1];
                s += v[k + 2] * x[i + o2];
                y[i] += s;
            } else {
                double s = b[i];
                s -= v[k] * x[i + o0];
                s -= v[k + 1] * x[i + o1];
                s -= v[k + 2] * x[i + o2];
                y[i] = s;
            }
        }
    }

    private static void set5(double[] v, int kb, int o0, int o1, int o2, int o3, int o4, double[] x, double[] y,
            int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 5 * i;
            double s = 0.0;
            s += v[k] * x[i + o0];
            s += v[k + 1] * x[i + o1];
            s += v[k + 2] * x[i + o2];
            s += v[k + 3] * x[i + o3];
            s += v[k + 4] * x[i + o4];
            y[i] = s;
        }
    }

    private static void other5(boolean add, double[] v, int kb, int o0, int o1, int o2, int o3, int o4,
            double[] x, double[] b, double[] y, int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 5 * i;
            if (add) {
                double s = 0.0;
                s += v[k] * x[i + o0];
                s += v[k + 1] * x[i + o1];
                s += v[k + 2] * x[i + o2];
                s += v[k + 3] * x[i + o3];
                s += v[k + 4] * x[i + o4];
                y[i] += s;
            } else {
                double s = b[i];
                s -= v[k] * x[i + o0];
                s -= v[k + 1] * x[i + o1];
                s -= v[k + 2] * x[i + o2];
                s -= v[k + 3] * x[i + o3];
                s -= v[k + 4] * x[i + o4];
                y[i] = s;
            }
        }
    }

    private static void set4(double[] v, int kb, int o0, int o1, int o2, int o3, double[] x, double[] y,
            int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 4 * i;
            double s = 0.0;
            s += v[k] * x[i + o0];
            s += v[k + 1] * x[i + o1];
            s += v[k + 2] * x[i + o2];
            s += v[k + 3] * x[i + o3];
            y[i] = s;
        }
    }

    private static void other4(boolean add, double[] v, int kb, int o0, int o1, int o2, int o3,
            double[] x, double[] b, double[] y, int a, int e) {
        for (int i = a; i < e; i++) {
            int k = kb + 4 * i;
            if (add) {
                double s = 0.0;
                s += v[k] * x[i + o0];
                s += v[k + 1] * x[i + o1];
                s += v[k + 2] * x[i + o2];
                s += v[k + 3] * x[i + o3];
                y[i] += s;
            } else {
                double s = b[i];
                s -= v[k] * x[i + o0];
                s -= v[k + 1] * x[i + o1];
                s -= v[k + 2] * x[i + o2];
                s -= v[k + 3] * x[i + o3];
                y[i] = s;
            }
        }
    }

    private void set6(double[] v, int kb, int o, double[] x, double[] y, int a, int e) {
        final int o0 = offsets[o];
        final int o1 = offsets[o + 1];
        final int o2 = offsets[o + 2];
        final int o3 = offsets[o + 3];
        final int o4 = offsets[o + 4];
        final int o5 = offsets[o + 5];
        for (int i = a; i < e; i++) {
            int k = kb + 6 * i;
            double s = 0.0;
            s += v[k] * x[i + o0];
            s += v[k + 1] * x[i + o1];
            s += v[k + 2] * x[i + o2];
            s += v[k + 3] * x[i + o3];
            s += v[k + 4] * x[i + o4];
            s += v[k + 5] * x[i + o5];
            y[i] = s;
        }
    }

    private void other6(boolean add, double[] v, int kb, int o, double[] x, double[] b, double[] y, int a, int e) {
        final int o0 = offsets[o];
        final int o1 = offsets[o + 1];
        final int o2 = offsets[o + 2];
        final int o3 = offsets[o + 3];
        final int o4 = offsets[o + 4];
        final int o5 = offsets[o + 5];
        for (int i = a; i < e; i++) {
            int k = kb + 6 * i;
            if (add) {
                double s = 0.0;
                s += v[k] * x[i + o0];
                s += v[k + 1] * x[i + o1];
                s += v[k + 2] * x[i + o2];
                s += v[k + 3] * x[i + o3];
                s += v[k + 4] * x[i + o4];
                s += v[k + 5] * x[i + o5];
                y[i] += s;
            } else {
                double s = b[i];
                s -= v[k] * x[i + o0];
                s -= v[k + 1] * x[i + o1];
                s -= v[k + 2] * x[i + o2];
                s -= v[k + 3] * x[i + o3];
                s -= v[k + 4] * x[i + o4];
                s -= v[k + 5] * x[i + o5];
                y[i] = s;
            }
        }
    }

    private void set7(double[] v, int kb, int o, double[] x, double[] y, int a, int e) {
        final int o0 = offsets[o];
        final int o1 = offsets[o + 1];
        final int o2 = offsets[o + 2];
        final int o3 = offsets[o + 3];
        final int o4 = offsets[o + 4];
        final int o5 = offsets[o + 5];
        final int o6 = offsets[o + 6];
        for (int i = a; i < e; i++) {
            int k = kb + 7 * i;
            double s = 0.0;
            s += v[k] * x[i + o0];
            s += v[k + 1] * x[i + o1];
            s += v[k + 2] * x[i + o2];
            s += v[k + 3] * x[i + o3];
            s += v[k + 4] * x[i + o4];
            s += v[k + 5] * x[i + o5];
            s += v[k + 6] * x[i + o6];
            y[i] = s;
        }
    }

    private void other7(boolean add, double[] v, int kb, int o, double[] x, double[] b, double[] y, int a, int e) {
        final int o0 = offsets[o];
        final int o1 = offsets[o + 1];
        final int o2 = offsets[o + 2];
        final int o3 = offsets[o + 3];
        final int o4 = offsets[o + 4];
        final int o5 = offsets[o + 5];
        final int o6 = offsets[o + 6];
        for (int i = a; i < e; i++) {
            int k = kb + 7 * i;
            if (add) {
                double s = 0.0;
                s += v[k] * x[i + o0];
                s += v[k + 1] * x[i + o1];
                s += v[k + 2] * x[i + o2];
                s += v[k + 3] * x[i + o3];
                s += v[k + 4] * x[i + o4];
                s += v[k + 5] * x[i + o5];
                s += v[k + 6] * x[i + o6];
                y[i] += s;
            } else {
                double s = b[i];
                s -= v[k] * x[i + o0];
                s -= v[k + 1] * x[i + o1];
                s -= v[k + 2] * x[i + o2];
                s -= v[k + 3] * x[i + o3];
                s -= v[k + 4] * x[i + o4];
                s -= v[k + 5] * x[i + o5];
                s -= v[k + 6] * x[i + o6];
                y[i] = s;
            }
        }
    }
}
