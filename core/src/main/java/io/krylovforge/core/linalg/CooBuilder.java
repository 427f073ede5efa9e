package io.krylovforge.core.linalg;

import java.util.Arrays;

/**
 * Collects (row, col, value) triplets in any order and builds a {@link CsrMatrix}: duplicates
 * are summed, columns sorted. Explicit zeros are kept (they are part of the pattern).
 */
public final class CooBuilder {
    /** The most triplets one builder holds (the largest safe Java array). */
    public static final int MAX_ENTRIES = Integer.MAX_VALUE - 16;

    private final int rows;
    private final int cols;
    private int[] ri;
    private int[] ci;
    private double[] vi;
    private int size;

    public CooBuilder(int rows, int cols) {
        this(rows, cols, 16);
    }

    public CooBuilder(int rows, int cols, int expectedEntries) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative shape " + rows + "x" + cols);
        }
        this.rows = rows;
        this.cols = cols;
        int cap = Math.max(4, expectedEntries);
        ri = new int[cap];
        ci = new int[cap];
        vi = new double[cap];
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of triplets added so far (before summing duplicates). */
    public int size() {
        return size;
    }

    /** Adds A(i, j) += value. Indices are 0-based. */
    public CooBuilder add(int i, int j, double value) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException(
                    "entry (" + i + "," + j + ") outside " + rows + "x" + cols);
        }
        if (size == ri.length) {
            // Doubling in long: past 2^30 entries an int would overflow to a negative size.
            int cap = (int) Math.min(2L * ri.length, MAX_ENTRIES);
            if (cap == size) {
                throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries for one matrix");
            }
            ri = Arrays.copyOf(ri, cap);
            ci = Arrays.copyOf(ci, cap);
            vi = Arrays.copyOf(vi, cap);
        }
        ri[size] = i;
        ci[size] = j;
        vi[size] = value;
        size++;
        return this;
    }

    /** Builds the CSR matrix: counting sort by row, then sort and merge each row. */
    public CsrMatrix build() {
        int[] ptr = new int[rows + 1];
        for (int k = 0; k < size; k++) {
            ptr[ri[k] + 1]++;
        }
        for (int i = 0; i < rows; i++) {
            ptr[i + 1] += ptr[i];
        }
        int[] next = Arrays.copyOf(ptr, rows);
        int[] col = new int[size];
        double[] val = new double[size];
        for (int k = 0; k < size; k++) {
            int dst = next[ri[k]]++;
            col[dst] = ci[k];
            val[dst] = vi[k];
        }
        // Sort each row by column (insertion sort for short rows), then merge duplicates in place.
        int[] outPtr = new int[rows + 1];
        int out = 0;
        for (int i = 0; i < rows; i++) {
            int from = ptr[i];
            int to = ptr[i + 1];
            sortRow(col, val, from, to);
            outPtr[i] = out;
            for (int k = from; k < to; k++) {
                if (out > outPtr[i] && col[out - 1] == col[k]) {
                    val[out - 1] += val[k];
                } else {
                    col[out] = col[k];
                    val[out] = val[k];
                    out++;
                }
            }
        }
        outPtr[rows] = out;
        return new CsrMatrix(rows, cols, outPtr, Arrays.copyOf(col, out), Arrays.copyOf(val, out));
    }

    private static void sortRow(int[] col, double[] val, int from, int to) {
        if (to - from <= 32) {
            for (int a = from + 1; a < to; a++) {
                int c = col[a];
                double v = val[a];
                int b = a - 1;
                while (b >= from && col[b] > c) {
                    col[b + 1] = col[b];
                    val[b + 1] = val[b];
                    b--;
                }
                col[b + 1] = c;
                val[b + 1] = v;
            }
            return;
        }
        // Long rows: sort (column, position) keys packed in longs, so ties keep their order.
        long[] keys = new long[to - from];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = ((long) col[from + k] << 32) | k;
        }
        Arrays.sort(keys);
        int[] c = new int[keys.length];
        double[] v = new double[keys.length];
        for (int k = 0; k < keys.length; k++) {
            int src = from + (int) (keys[k] & 0xffffffffL);
            c[k] = col[src];
            v[k] = val[src];
        }
        System.arraycopy(c, 0, col, from, c.length);
        System.arraycopy(v, 0, val, from, v.length);
    }
}
