package io.krylovforge.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The 4 × 2 Gram block of {@link GramKernels} on Vector API lanes: eight 4-lane accumulators, each
 * loaded element of p feeds two products and each of q four. Every product receives the same
 * products in the same order as {@link GramKernels#laneDot}, so the bits agree. The loop is unrolled
 * (same accumulators, same order) so that the method stays above the JIT's inlining limit for hot
 * methods and is compiled on its own (see {@link SimdReductions}). Only loaded when
 * {@link Simd#enabled()}.
 */
final class SimdGram {
    private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

    private SimdGram() {
    }

    /** out[r + a][c + b] += p_aᵀq_b over [s, e), a &lt; 4, b &lt; 2. */
    static void block4x2(double[] p0, double[] p1, double[] p2, double[] p3, double[] q0, double[] q1, int s, int e,
            double[][] out, int r, int c) {
        DoubleVector a00 = DoubleVector.zero(FOUR);
        DoubleVector a10 = DoubleVector.zero(FOUR);
        DoubleVector a20 = DoubleVector.zero(FOUR);
        DoubleVector a30 = DoubleVector.zero(FOUR);
        DoubleVector a01 = DoubleVector.zero(FOUR);
        DoubleVector a11 = DoubleVector.zero(FOUR);
        DoubleVector a21 = DoubleVector.zero(FOUR);
        DoubleVector a31 = DoubleVector.zero(FOUR);
        int t = s;
        for (; t + 7 < e; t += 8) {
            DoubleVector y0 = DoubleVector.fromArray(FOUR, q0, t);
            DoubleVector y1 = DoubleVector.fromArray(FOUR, q1, t);
            DoubleVector x = DoubleVector.fromArray(FOUR, p0, t);
            a00 = a00.add(x.mul(y0));
            a01 = a01.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p1, t);
            a10 = a10.add(x.mul(y0));
            a11 = a11.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p2, t);
            a20 = a20.add(x.mul(y0));
            a21 = a21.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p3, t);
            a30 = a30.add(x.mul(y0));
            a31 = a31.add(x.mul(y1));
            y0 = DoubleVector.fromArray(FOUR, q0, t + 4);
            y1 = DoubleVector.fromArray(FOUR, q1, t + 4);
            x = DoubleVector.fromArray(FOUR, p0, t + 4);
            a00 = a00.add(x.mul(y0));
            a01 = a01.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p1, t + 4);
            a10 = a10.add(x.mul(y0));
            a11 = a11.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p2, t + 4);
            a20 = a20.add(x.mul(y0));
            a21 = a21.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p3, t + 4);
            a30 = a30.add(x.mul(y0));
            a31 = a31.add(x.mul(y1));
        }
        for (; t + 3 < e; t += 4) {
            DoubleVector y0 = DoubleVector.fromArray(FOUR, q0, t);
            DoubleVector y1 = DoubleVector.fromArray(FOUR, q1, t);
            DoubleVector x = DoubleVector.fromArray(FOUR, p0, t);
            a00 = a00.add(x.mul(y0));
            a01 = a01.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p1, t);
            a10 = a10.add(x.mul(y0));
            a11 = a11.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p2, t);
            a20 = a20.add(x.mul(y0));
            a21 = a21.add(x.mul(y1));
            x = DoubleVector.fromArray(FOUR, p3, t);
            a30 = a30.add(x.mul(y0));
            a31 = a31.add(x.mul(y1));
        }
        out[r][c] += finish(a00.lane(0), a00.lane(1), a00.lane(2), a00.lane(3), p0, q0, t, e);
        out[r][c + 1] += finish(a01.lane(0), a01.lane(1), a01.lane(2), a01.lane(3), p0, q1, t, e);
        out[r + 1][c] += finish(a10.lane(0), a10.lane(1), a10.lane(2), a10.lane(3), p1, q0, t, e);
        out[r + 1][c + 1] += finish(a11.lane(0), a11.lane(1), a11.lane(2), a11.lane(3), p1, q1, t, e);
        out[r + 2][c] += finish(a20.lane(0), a20.lane(1), a20.lane(2), a20.lane(3), p2, q0, t, e);
        out[r + 2][c + 1] += finish(a21.lane(0), a21.lane(1), a21.lane(2), a21.lane(3), p2, q1, t, e);
        out[r + 3][c] += finish(a30.lane(0), a30.lane(1), a30.lane(2), a30.lane(3), p3, q0, t, e);
        out[r + 3][c + 1] += finish(a31.lane(0), a31.lane(1), a31.lane(2), a31.lane(3), p3, q1, t, e);
    }

    /**
     * The tail [t, e) into lane 0, then (l₀+l₁)+(l₂+l₃). Takes the lanes, not the vector: a vector
     * passed to a call the JIT does not inline would be boxed.
     */
    private static double finish(double l0, double l1, double l2, double l3, double[] x, double[] y, int t, int e) {
        double sum0 = l0;
        for (int i = t; i < e; i++) {
            sum0 += x[i] * y[i];
        }
        return (sum0 + l1) + (l2 + l3);
    }
}
