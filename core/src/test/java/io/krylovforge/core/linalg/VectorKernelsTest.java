package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorKernelsTest {
    private static double[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    /** The documented summation order: 8 accumulators per block, block sums in order. */
    private static double blockwiseDot(double[] x, double[] y) {
        double total = 0.0;
        for (int from = 0; from < x.length; from += Parallel.BLOCK) {
            int to = Math.min(x.length, from + Parallel.BLOCK);
            double[] s = new double[8];
            int i = from;
            for (; i + 7 < to; i += 8) {
                for (int t = 0; t < 8; t++) {
                    s[t] += x[i + t] * y[i + t];
                }
            }
            for (; i < to; i++) {
                s[0] += x[i] * y[i];
            }
            total += ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        }
        return total;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4097, 65_535, 65_536, 300_001})
    void dotIsBitIdenticalToTheFixedBlockOrder(int n) {
        double[] x = random(n, 1);
        double[] y = random(n, 2);
        // Same bits whether the kernel took the serial or the forked path.
        assertEquals(Double.doubleToLongBits(blockwiseDot(x, y)),
                Double.doubleToLongBits(VectorKernels.dot(x, y)));
        double naive = 0.0;
        for (int i = 0; i < n; i++) {
            naive += x[i] * y[i];
        }
        assertEquals(naive, VectorKernels.dot(x, y), 1e-12 * Math.max(1, n));
    }

    @Test
    void dotIsRepeatable() {
        double[] x = random(500_000, 3);
        double first = VectorKernels.dot(x, x);
        for (int rep = 0; rep < 20; rep++) {
            assertEquals(Double.doubleToLongBits(first), Double.doubleToLongBits(VectorKernels.dot(x, x)));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 200_003})
    void axpyAxpbyScaleMatchLoops(int n) {
        double[] x = random(n, 4);
        double[] y = random(n, 5);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = 2.5 * x[i] + y[i];
        }
        double[] got = y.clone();
        VectorKernels.axpy(2.5, x, got);
        assertArrayEquals(expected, got, 0.0);

        for (int i = 0; i < n; i++) {
            expected[i] = 2.5 * x[i] - 0.5 * y[i];
        }
        got = y.clone();
        VectorKernels.axpby(2.5, x, -0.5, got);
        assertArrayEquals(expected, got, 0.0);

        got = x.clone();
        VectorKernels.scale(-3.0, got);
        for (int i = 0; i < n; i++) {
            assertEquals(-3.0 * x[i], got[i], 0.0);
        }
    }

    @Test
    void cgUpdateFusesTheThreeSteps() {
        int n = 150_001;
        double[] p = random(n, 6);
        double[] q = random(n, 7);
        double[] x = random(n, 8);
        double[] r = random(n, 9);
        double[] x2 = x.clone();
        double[] r2 = r.clone();
        double rr = VectorKernels.cgUpdate(0.3, p, q, x, r);
        VectorKernels.axpy(0.3, p, x2);
        VectorKernels.axpy(-0.3, q, r2);
        assertArrayEquals(x2, x, 0.0);
        assertArrayEquals(r2, r, 0.0);
        assertEquals(VectorKernels.dot(r2, r2), rr, 0.0, "r'r summed exactly as dot sums it");
        assertEquals(VectorKernels.norm2(r), Math.sqrt(rr), 1e-10);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 1024, 4095, 4096, 4097, 8193})
    void cgUpdateIsBitIdenticalToTheSeparateStepsAtSmallSizes(int n) {
        // Sizes around the eight-accumulator unroll and the reduction block, all on the serial path.
        double[] p = random(n, 16);
        double[] q = random(n, 17);
        double[] x = random(n, 18);
        double[] r = random(n, 19);
        double[] x2 = x.clone();
        double[] r2 = r.clone();
        double rr = VectorKernels.cgUpdate(-1.7, p, q, x, r);
        for (int i = 0; i < n; i++) {
            x2[i] += -1.7 * p[i];
            r2[i] -= -1.7 * q[i];
        }
        assertArrayEquals(x2, x, 0.0);
        assertArrayEquals(r2, r, 0.0);
        assertEquals(Double.doubleToLongBits(VectorKernels.dot(r2, r2)), Double.doubleToLongBits(rr));
    }

    @Test
    void lengthMismatchNamesBothSizes() {
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> VectorKernels.dot(new double[3], new double[4]));
        assertEquals("vector lengths differ: 3 and 4", e.getMessage());
    }

    @Test
    void denseVectorDelegatesAndCopies() {
        DenseVector a = DenseVector.of(1, 2, 3);
        DenseVector b = DenseVector.ones(3);
        assertEquals(6.0, a.dot(b));
        a.axpby(2.0, b, 1.0);
        assertArrayEquals(new double[] {3, 4, 5}, a.toArray());
        DenseVector c = a.copy();
        c.fill(0);
        assertEquals(3.0, a.get(0));
        assertEquals(Math.sqrt(50), a.norm2(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 8, 9, 4096, 4097, 300_001})
    void axpyDotIsBitIdenticalToAxpyThenDot(int n) {
        double[] x = random(n, 10);
        double[] y = random(n, 11);
        double[] z = random(n, 12);
        double[] y1 = y.clone();
        VectorKernels.axpy(-0.7, x, y1);
        double expected = VectorKernels.dot(y1, z);
        double[] y2 = y.clone();
        double got = VectorKernels.axpyDot(-0.7, x, y2, z);
        assertArrayEquals(y1, y2, 0.0);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got));
        // z may be y itself: the squared norm of the updated vector.
        double[] y3 = y.clone();
        double ww = VectorKernels.axpyDot(-0.7, x, y3, y3);
        assertEquals(Double.doubleToLongBits(VectorKernels.dot(y1, y1)), Double.doubleToLongBits(ww));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 8, 9, 4096, 4097, 300_001})
    void scaleDotIsBitIdenticalToTheElementwiseProductThenDot(int n) {
        double[] d = random(n, 20);
        double[] r = random(n, 21);
        double[] expectedZ = new double[n];
        for (int i = 0; i < n; i++) {
            expectedZ[i] = d[i] * r[i];
        }
        double[] z = new double[n];
        double got = VectorKernels.scaleDot(d, r, z);
        assertArrayEquals(expectedZ, z, 0.0);
        assertEquals(Double.doubleToLongBits(VectorKernels.dot(r, expectedZ)), Double.doubleToLongBits(got));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 8, 9, 4096, 4097, 300_001})
    void bicgUpdateIsBitIdenticalToAxpy2AxpyAndTwoDots(int n) {
        double[] p = random(n, 30);
        double[] s = random(n, 31);
        double[] x = random(n, 32);
        double[] t = random(n, 33);
        double[] r = random(n, 34);
        double[] rhat = random(n, 35);
        // the unfused sequence BiCGStab ran before
        double[] x1 = x.clone();
        double[] r1 = r.clone();
        VectorKernels.axpy2(0.3, p, -1.7, s, x1);
        VectorKernels.axpy(1.7, t, r1);
        double rr1 = VectorKernels.dot(r1, r1);
        double rho1 = VectorKernels.dot(rhat, r1);
        double[] x2 = x.clone();
        double[] r2 = r.clone();
        double[] rho = new double[2];
        double rr2 = VectorKernels.bicgUpdate(0.3, p, -1.7, s, x2, t, r2, rhat, rho);
        assertArrayEquals(x1, x2, 0.0);
        assertArrayEquals(r1, r2, 0.0);
        assertEquals(Double.doubleToLongBits(rr1), Double.doubleToLongBits(rr2));
        assertEquals(Double.doubleToLongBits(rho1), Double.doubleToLongBits(rho[0]));
        // on one thread the same bits (the 300 001 case forks when the pool has workers)
        double[] x3 = x.clone();
        double[] r3 = r.clone();
        double[] rho3 = new double[2];
        double rr3 = ExecutionContext.serial().call(() -> VectorKernels.bicgUpdate(0.3, p, -1.7, s, x3, t, r3,
                rhat, rho3));
        assertArrayEquals(x1, x3, 0.0);
        assertEquals(Double.doubleToLongBits(rr1), Double.doubleToLongBits(rr3));
        assertEquals(Double.doubleToLongBits(rho1), Double.doubleToLongBits(rho3[0]));
    }

    @ParameterizedTest
    @ValueSource(ints = {5, 4097, 300_001})
    void bicgUpdateReadsSBeforeOverwritingRWhenSIsR(int n) {
        // BiCGStab without a preconditioner passes s = r: x must see s, r then becomes s - b t
        double[] p = random(n, 40);
        double[] x = random(n, 41);
        double[] t = random(n, 42);
        double[] r = random(n, 43);
        double[] rhat = random(n, 44);
        double[] x1 = x.clone();
        VectorKernels.axpy2(0.5, p, 0.25, r, x1);
        double[] r1 = r.clone();
        VectorKernels.axpy(-0.25, t, r1);
        double[] rho = new double[2];
        double rr = VectorKernels.bicgUpdate(0.5, p, 0.25, r, x, t, r, rhat, rho);
        assertArrayEquals(x1, x, 0.0);
        assertArrayEquals(r1, r, 0.0);
        assertEquals(Double.doubleToLongBits(VectorKernels.dot(r1, r1)), Double.doubleToLongBits(rr));
        assertEquals(Double.doubleToLongBits(VectorKernels.dot(rhat, r1)), Double.doubleToLongBits(rho[0]));
    }
}
