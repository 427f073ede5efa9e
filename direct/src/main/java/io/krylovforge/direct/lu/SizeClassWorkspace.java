package io.krylovforge.direct.lu;

/**
 * Scratch arrays in power-of-two size classes (the idea of the supernodal Cholesky's update
 * workspace): a request gets the smallest array that fits, so a native kernel, which copies whole
 * arrays across JNI, copies at most twice what it uses, and nothing is allocated once every class
 * in use exists.
 */
final class SizeClassWorkspace {
    private static final int SMALLEST = 10;
    private final double[][] classes = new double[31 - SMALLEST][];

    /** An array of at least {@code size} doubles (contents undefined). */
    double[] get(long size) {
        int c = 0;
        while ((1L << (SMALLEST + c)) < size) {
            c++;
        }
        if (SMALLEST + c > 30) {
            throw new IllegalStateException("internal: update block of " + size + " doubles exceeds an array");
        }
        if (classes[c] == null) {
            classes[c] = new double[1 << (SMALLEST + c)];
        }
        return classes[c];
    }
}
