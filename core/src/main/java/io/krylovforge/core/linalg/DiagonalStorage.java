package io.krylovforge.core.linalg;

import java.util.Arrays;

/**
 * Diagonal (DIA) storage of a banded 5- or 7-diagonal pattern, for the SIMD product: the offsets
 * o₀ &lt; o₁ &lt; … &lt; o_{d−1} on which every entry lies (column = row + oₖ), and, per
 * matrix, the values laid out diagonal by diagonal with zeros where a row lacks an entry (a
 * boundary row of a grid). Covers the rows {@code [firstRow, endRow)} whose columns row + oₖ are
 * all in range; the first and last few grid lines stay with the CSR loop.
 *
 * <p>Found once per pattern and shared, like {@link DiagonalRuns}. Used only where the zeros it
 * adds stay below a quarter of the stored entries.
 *
 * <p>Products equal the CSR loop's bit for bit when x is finite: each row is summed in column
 * order from 0.0, and a padded 0·x adds ±0, which leaves a sum started at +0.0 unchanged.
 */
final class DiagonalStorage {
    /** Most diagonals (a 3D 7-point stencil); the SIMD kernels take 5 or 7. */
    static final int MAX_DIAGONALS = 7;
    /** Fewest rows worth the layout. */
    static final int MIN_ROWS = 64;
    /** Padding allowed: stored entries must be at least this share of diagonals × rows. */
    static final double MIN_FILL = 0.75;
    /** The layout of a pattern where it does not apply. */
    static final DiagonalStorage NONE = new DiagonalStorage(new int[0], 0, 0);

    private final int[] offsets;
    private final int firstRow;
    private final int endRow;
    /**
     * Distance between diagonals in the values array: the row count rounded up to 512, plus 72
     * doubles, so that the d streams of a product start in different cache sets (a power-of-two
     * row count would put them all in one set and evict each other from L1).
     */
    private final int stride;

    private DiagonalStorage(int[] offsets, int firstRow, int endRow) {
        this.offsets = offsets;
        this.firstRow = firstRow;
        this.endRow = endRow;
        this.stride = offsets.length == 0 ? 0 : ((endRow - firstRow + 511) / 512) * 512 + 72;
    }

    /**
     * The layout of a CSR pattern, or {@link #NONE} when its entries do not lie on exactly 5 or 7
     * diagonals, cover fewer than {@link #MIN_ROWS} full rows, or would need more than a quarter
     * of zeros. One pass over {@code colIdx}.
     */
    static DiagonalStorage of(int rows, int cols, int[] rowPtr, int[] colIdx) {
        int[] found = new int[MAX_DIAGONALS];
        int count = 0;
        for (int i = 0; i < rows; i++) {
            int last = 0; // offsets of a row ascend, so its search resumes where the last one stopped
            for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
                int o = colIdx[k] - i;
                while (last < count && found[last] < o) {
                    last++;
                }
                if (last < count && found[last] == o) {
                    continue;
                }
                if (count == MAX_DIAGONALS) {
                    return NONE;
                }
                System.arraycopy(found, last, found, last + 1, count - last);
                found[last] = o;
                count++;
            }
        }
        if (count == 0) {
            return NONE;
        }
        if (count != 5 && count != 7) { // the widths the SIMD kernels take
            return NONE;
        }
        int[] offsets = Arrays.copyOf(found, count);
        int first = Math.max(0, -offsets[0]);
        int end = Math.min(rows, cols - offsets[count - 1]);
        long covered = end - first;
        if (covered < MIN_ROWS || rowPtr[end] - rowPtr[first] < MIN_FILL * count * covered) {
            return NONE;
        }
        return new DiagonalStorage(offsets, first, end);
    }

    boolean isEmpty() {
        return offsets.length == 0;
    }

    int[] offsets() {
        return offsets;
    }

    int firstRow() {
        return firstRow;
    }

    int endRow() {
        return endRow;
    }

    int stride() {
        return stride;
    }

    /** Doubles a matrix's values take in this layout. */
    long valueCount() {
        return (long) offsets.length * stride;
    }

    /** A matrix's values in this layout: diagonal d of row i at {@code d·stride + i − firstRow}. */
    double[] spread(int[] rowPtr, int[] colIdx, double[] values) {
        double[] dv = new double[Math.toIntExact(valueCount())];
        for (int i = firstRow; i < endRow; i++) {
            int d = 0;
            for (int k = rowPtr[i], end = rowPtr[i + 1]; k < end; k++) {
                int o = colIdx[k] - i;
                while (offsets[d] != o) {
                    d++;
                }
                dv[d * stride + i - firstRow] = values[k];
            }
        }
        return dv;
    }
}
