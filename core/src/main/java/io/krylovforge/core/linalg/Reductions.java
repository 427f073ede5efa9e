package io.krylovforge.core.linalg;

/**
 * The one blocked dot product every reduction kernel sums with: eight accumulators, so that a
 * result does not depend on SIMD or threads (see {@link VectorKernels#dot}). Runs the
 * {@link SimdReductions} lanes when {@link Simd#enabled()}, the scalar loop otherwise, with the
 * same bits.
 */
final class Reductions {
    private Reductions() {
    }

    /** Σ x[i]·y[i] over [from, to), eight accumulators. */
    static double dot(double[] x, double[] y, int from, int to) {
        if (Simd.enabled()) {
            return SimdReductions.dot(x, y, from, to);
        }
        return scalarDot(x, y, from, to);
    }

    /** The scalar eight-accumulator loop (also the reference the SIMD lanes reproduce). */
    static double scalarDot(double[] x, double[] y, int from, int to) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        double s4 = 0.0;
        double s5 = 0.0;
        double s6 = 0.0;
        double s7 = 0.0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            s0 += x[i] * y[i];
            s1 += x[i + 1] * y[i + 1];
            s2 += x[i + 2] * y[i + 2];
            s3 += x[i + 3] * y[i + 3];
            s4 += x[i + 4] * y[i + 4];
            s5 += x[i + 5] * y[i + 5];
            s6 += x[i + 6] * y[i + 6];
            s7 += x[i + 7] * y[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i] * y[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
