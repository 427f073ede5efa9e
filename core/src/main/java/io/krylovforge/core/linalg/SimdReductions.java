package io.krylovforge.core.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocked dot product of {@link VectorKernels#dot} with Vector API lanes, bit for bit: that
 * sum keeps eight accumulators s₀…s₇ (sⱼ takes the elements i ≡ j mod 8), adds the tail to s₀
 * and combines ((s₀+s₁)+(s₂+s₃))+((s₄+s₅)+(s₆+s₇)). Here two 4-lane vectors hold s₀…s₃ and
 * s₄…s₇ and receive the same products in the same order. Only loaded when {@link Simd#enabled()}.
 *
 * <p>The loops are unrolled (the same accumulators, updated in the same order) so that each
 * method is above the JIT's inlining limit for hot methods (325 bytes of bytecode) and is compiled
 * on its own: inlined into the deep call chains of the reductions, a smaller version was now and
 * then compiled with its Vector API calls not intrinsified, and every call then boxed its vectors.
 */
final class SimdReductions {
    private static final VectorSpecies<Double> FOUR = DoubleVector.SPECIES_256;

    private SimdReductions() {
    }

    /** Σ x[i]·y[i] over [from, to), summed as the eight-accumulator loop sums it. */
    static double dot(double[] x, double[] y, int from, int to) {
        DoubleVector low = DoubleVector.zero(FOUR);
        DoubleVector high = DoubleVector.zero(FOUR);
        int i = from;
        for (; i + 23 < to; i += 24) {
            low = low.add(DoubleVector.fromArray(FOUR, x, i).mul(DoubleVector.fromArray(FOUR, y, i)));
            high = high.add(DoubleVector.fromArray(FOUR, x, i + 4).mul(DoubleVector.fromArray(FOUR, y, i + 4)));
            low = low.add(DoubleVector.fromArray(FOUR, x, i + 8).mul(DoubleVector.fromArray(FOUR, y, i + 8)));
            high = high.add(DoubleVector.fromArray(FOUR, x, i + 12).mul(DoubleVector.fromArray(FOUR, y, i + 12)));
            low = low.add(DoubleVector.fromArray(FOUR, x, i + 16).mul(DoubleVector.fromArray(FOUR, y, i + 16)));
            high = high.add(DoubleVector.fromArray(FOUR, x, i + 20).mul(DoubleVector.fromArray(FOUR, y, i + 20)));
        }
        for (; i + 7 < to; i += 8) {
            low = low.add(DoubleVector.fromArray(FOUR, x, i).mul(DoubleVector.fromArray(FOUR, y, i)));
            high = high.add(DoubleVector.fromArray(FOUR, x, i + 4).mul(DoubleVector.fromArray(FOUR, y, i + 4)));
        }
        double s0 = low.lane(0);
        for (; i < to; i++) {
            s0 += x[i] * y[i];
        }
        return ((s0 + low.lane(1)) + (low.lane(2) + low.lane(3)))
                + ((high.lane(0) + high.lane(1)) + (high.lane(2) + high.lane(3)));
    }

    /**
     * xᵀw and yᵀw over [from, to) in one pass over w, each summed as {@link #dot} sums it, into
     * {@code dst[at]} and {@code dst[at + 1]} (added to them when {@code add}).
     */
    static void dotPair(double[] x, double[] y, double[] w, int from, int to, double[] dst, int at, boolean add) {
        DoubleVector xLow = DoubleVector.zero(FOUR);
        DoubleVector xHigh = DoubleVector.zero(FOUR);
        DoubleVector yLow = DoubleVector.zero(FOUR);
        DoubleVector yHigh = DoubleVector.zero(FOUR);
        int i = from;
        for (; i + 15 < to; i += 16) {
            DoubleVector wLow = DoubleVector.fromArray(FOUR, w, i);
            DoubleVector wHigh = DoubleVector.fromArray(FOUR, w, i + 4);
            xLow = xLow.add(DoubleVector.fromArray(FOUR, x, i).mul(wLow));
            xHigh = xHigh.add(DoubleVector.fromArray(FOUR, x, i + 4).mul(wHigh));
            yLow = yLow.add(DoubleVector.fromArray(FOUR, y, i).mul(wLow));
            yHigh = yHigh.add(DoubleVector.fromArray(FOUR, y, i + 4).mul(wHigh));
            DoubleVector wLow2 = DoubleVector.fromArray(FOUR, w, i + 8);
            DoubleVector wHigh2 = DoubleVector.fromArray(FOUR, w, i + 12);
            xLow = xLow.add(DoubleVector.fromArray(FOUR, x, i + 8).mul(wLow2));
            xHigh = xHigh.add(DoubleVector.fromArray(FOUR, x, i + 12).mul(wHigh2));
            yLow = yLow.add(DoubleVector.fromArray(FOUR, y, i + 8).mul(wLow2));
            yHigh = yHigh.add(DoubleVector.fromArray(FOUR, y, i + 12).mul(wHigh2));
        }
        for (; i + 7 < to; i += 8) {
            DoubleVector wLow = DoubleVector.fromArray(FOUR, w, i);
            DoubleVector wHigh = DoubleVector.fromArray(FOUR, w, i + 4);
            xLow = xLow.add(DoubleVector.fromArray(FOUR, x, i).mul(wLow));
            xHigh = xHigh.add(DoubleVector.fromArray(FOUR, x, i + 4).mul(wHigh));
            yLow = yLow.add(DoubleVector.fromArray(FOUR, y, i).mul(wLow));
            yHigh = yHigh.add(DoubleVector.fromArray(FOUR, y, i + 4).mul(wHigh));
        }
        double s0 = xLow.lane(0);
        double t0 = yLow.lane(0);
        for (; i < to; i++) {
            s0 += x[i] * w[i];
            t0 += y[i] * w[i];
        }
        double sx = ((s0 + xLow.lane(1)) + (xLow.lane(2) + xLow.lane(3)))
                + ((xHigh.lane(0) + xHigh.lane(1)) + (xHigh.lane(2) + xHigh.lane(3)));
        double sy = ((t0 + yLow.lane(1)) + (yLow.lane(2) + yLow.lane(3)))
                + ((yHigh.lane(0) + yHigh.lane(1)) + (yHigh.lane(2) + yHigh.lane(3)));
        if (add) {
            dst[at] += sx;
            dst[at + 1] += sy;
        } else {
            dst[at] = sx;
            dst[at + 1] = sy;
        }
    }
}
