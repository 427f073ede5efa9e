package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD dot product sums exactly as the scalar eight-accumulator loop. */
class ReductionsTest {
    private static double[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-8, 9)); // wide range: rounding shows
        }
        return x;
    }

    @Test
    void simdDotIsBitIdenticalToTheScalarLoopForEveryLengthAndStart() {
        assumeTrue(Simd.enabled(), "the Vector API module is not enabled in this JVM: " + Simd.describe());
        double[] x = random(4200, 1);
        double[] y = random(4200, 2);
        for (int from = 0; from < 9; from++) {
            for (int to = from; to < from + 70; to++) {
                assertEquals(Double.doubleToLongBits(Reductions.scalarDot(x, y, from, to)),
                        Double.doubleToLongBits(SimdReductions.dot(x, y, from, to)), "[" + from + ", " + to + ")");
            }
        }
        assertEquals(Double.doubleToLongBits(Reductions.scalarDot(x, y, 3, 4099)),
                Double.doubleToLongBits(SimdReductions.dot(x, y, 3, 4099)));
    }

    @Test
    void simdDotPairGivesEachDotsBits() {
        assumeTrue(Simd.enabled(), "the Vector API module is not enabled in this JVM: " + Simd.describe());
        double[] x = random(600, 3);
        double[] y = random(600, 4);
        double[] w = random(600, 5);
        double[] out = new double[2];
        for (int from = 0; from < 5; from++) {
            for (int to = from; to < 600; to += 37) {
                SimdReductions.dotPair(x, y, w, from, to, out, 0, false);
                assertEquals(Double.doubleToLongBits(Reductions.scalarDot(x, w, from, to)),
                        Double.doubleToLongBits(out[0]), "x'w [" + from + ", " + to + ")");
                assertEquals(Double.doubleToLongBits(Reductions.scalarDot(y, w, from, to)),
                        Double.doubleToLongBits(out[1]), "y'w [" + from + ", " + to + ")");
            }
        }
        double[] acc = {1.0, 2.0};
        SimdReductions.dotPair(x, y, w, 0, 600, acc, 0, true);
        assertEquals(1.0 + Reductions.scalarDot(x, w, 0, 600), acc[0]);
        assertEquals(2.0 + Reductions.scalarDot(y, w, 0, 600), acc[1]);
    }

    @Test
    void theAccumulatorOrderMatters() {
        // guards the test above: a plain left-to-right sum rounds differently on these vectors
        double[] x = random(4096, 1);
        double[] y = random(4096, 2);
        double plain = 0.0;
        for (int i = 0; i < x.length; i++) {
            plain += x[i] * y[i];
        }
        assertNotEquals(Double.doubleToLongBits(plain), Double.doubleToLongBits(Reductions.dot(x, y, 0, 4096)));
        assertEquals(plain, Reductions.dot(x, y, 0, 4096), 1e-9 * Math.abs(plain) + 1e-6);
    }
}
