package io.krylovforge.direct;

/**
 * Scratch arrays in power-of-two size classes up to a bound known from the symbolic analysis.
 * A request gets the smallest array that fits, so a native kernel (which copies whole arrays
 * across JNI) copies at most twice what it uses, and nothing is allocated per factorisation.
 */
final class UpdateWorkspace {
    private static final int SMALLEST = 10;
    private final double[][] classes;

    UpdateWorkspace(long largest) {
        int top = SMALLEST;
        while ((1L << top) < largest) {
            top++;
        }
        if (top > 30) {
            throw new IllegalStateException("update block of " + largest + " doubles exceeds an array");
        }
        classes = new double[top - SMALLEST + 1][];
    }

    /** An array of at least {@code size} doubles (contents undefined). */
    double[] get(long size) {
        int c = 0;
        while ((1L << (SMALLEST + c)) < size) {
            c++;
        }
        if (classes[c] == null) {
            classes[c] = new double[1 << (SMALLEST + c)];
        }
        return classes[c];
    }

    /** Upper bound on the bytes this workspace may hold for blocks of at most {@code largest} doubles. */
    static long bytesFor(long largest) {
        long top = 1L << SMALLEST;
        while (top < largest) {
            top <<= 1;
        }
        return 8L * 2 * top;
    }
}
