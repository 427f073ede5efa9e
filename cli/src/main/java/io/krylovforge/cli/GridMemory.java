package io.krylovforge.cli;

import java.util.Locale;

/**
 * A rough lower bound on the memory one solve on an s×s (or s×s×s) grid takes, checked before anything is
 * allocated so a huge resolution is refused with the bytes it needs instead of exhausting the heap.
 */
final class GridMemory {
    /** CSR storage of a 5-point row: 5 × (8-byte value + 4-byte column) + the row pointer. */
    private static final long MATRIX_BYTES_PER_ROW = 64;
    /** Vectors besides the Krylov basis (x, b, r, work, random field work arrays...). */
    private static final long OTHER_VECTORS = 14;

    private GridMemory() {
    }

    /** Bytes one worker needs for one system of n unknowns with a restart-long basis. */
    static long bytesNeeded(long n, int restart) {
        return n * (MATRIX_BYTES_PER_ROW + 8L * (Math.max(restart, 0) + OTHER_VECTORS));
    }

    /**
     * Throws a {@link UserInputException} naming {@code option} when one system on a grid of
     * {@code side} cells per side in {@code dimension} dimensions cannot fit the heap.
     */
    static void check(String option, int side, int dimension, int restart) {
        long n = 1;
        for (int d = 0; d < dimension && n <= Integer.MAX_VALUE; d++) {
            n *= side;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new UserInputException(String.format(Locale.ROOT, "%s %d gives %s unknowns in %dD, more than one"
                    + " Java array holds (at most %d per side)", option, side, n > Integer.MAX_VALUE ? "over 2^31"
                    : Long.toString(n), dimension, (long) Math.floor(Math.pow(Integer.MAX_VALUE - 16, 1.0 / dimension))));
        }
        long need = bytesNeeded(n, restart);
        long max = Runtime.getRuntime().maxMemory();
        if (need > max) {
            throw new UserInputException(String.format(Locale.ROOT,
                    "%s %d needs about %.1f MiB for one system (%d unknowns) but the Java heap is at most %.1f MiB;"
                            + " lower %s or raise the heap (KFORGE_JAVA_OPTS=-Xmx...)",
                    option, side, need / 1048576.0, n, max / 1048576.0, option));
        }
    }
}
