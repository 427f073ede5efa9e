package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gram blocks PᵀQ: the SIMD 4 × 2 blocks sum every product exactly as the scalar lane loop does. */
class GramKernelsTest {
    private static Vector[] random(int count, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Vector[] v = new Vector[count];
        for (int i = 0; i < count; i++) {
            double[] a = new double[n];
            for (int t = 0; t < n; t++) {
                a[t] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-6, 7)); // wide range: rounding shows
            }
            v[i] = DenseVector.wrap(a);
        }
        return v;
    }

    /** The reference: row blocks of {@link GramKernels#ROWS} summed in order, each by the scalar lane loop. */
    private static double reference(Vector x, Vector y) {
        int rows = GramKernels.ROWS;
        double[] a = DenseVector.array(x);
        double[] b = DenseVector.array(y);
        double sum = 0.0;
        for (int s = 0; s < a.length; s += rows) {
            sum += GramKernels.laneDot(a, b, s, Math.min(a.length, s + rows));
        }
        return sum;
    }

    private static double absDot(Vector x, Vector y) {
        double[] a = DenseVector.array(x);
        double[] b = DenseVector.array(y);
        double sum = 0.0;
        for (int t = 0; t < a.length; t++) {
            sum += Math.abs(a[t] * b[t]);
        }
        return sum;
    }

    @Test
    void everyProductHasTheBitsOfTheScalarLaneLoopForManyLengthsAndShapes() {
        // lengths across the 8-, 4-row steps and tails, one and several row blocks; shapes with
        // remainders of the 4 x 2 blocking on both sides
        int[] lengths = {0, 1, 3, 4, 5, 7, 8, 9, 15, 17, 31, 64, 1023, 1024, 1025, 2 * 1024 + 13};
        int[][] shapes = {{1, 1}, {4, 2}, {5, 3}, {7, 1}, {8, 6}, {21, 20}, {3, 5}};
        for (int n : lengths) {
            for (int[] shape : shapes) {
                Vector[] p = random(shape[0], n, 31L * n + shape[0]);
                Vector[] q = random(shape[1], n, 17L * n + shape[1]);
                double[][] out = new double[shape[0] + 2][shape[1] + 3];
                GramKernels.gram(p, shape[0], q, shape[1], out, 1, 2);
                for (int i = 0; i < shape[0]; i++) {
                    for (int l = 0; l < shape[1]; l++) {
                        assertEquals(Double.doubleToLongBits(reference(p[i], q[l])),
                                Double.doubleToLongBits(out[1 + i][2 + l]),
                                "n=" + n + " shape " + shape[0] + "x" + shape[1] + " entry " + i + "," + l);
                        assertEquals(p[i].dot(q[l]), out[1 + i][2 + l], 1e-13 * absDot(p[i], q[l]));
                    }
                }
                assertEquals(0.0, out[0][0], "rows above the block untouched");
            }
        }
    }

    @Test
    void theBlockOverwritesOldValuesAndChecksLengths() {
        Vector[] p = random(4, 100, 1);
        Vector[] q = random(2, 100, 2);
        double[][] out = {{9, 9}, {9, 9}, {9, 9}, {9, 9}};
        GramKernels.gram(p, 4, q, 2, out, 0, 0);
        assertEquals(Double.doubleToLongBits(reference(p[3], q[1])), Double.doubleToLongBits(out[3][1]));
        Vector[] shorter = random(1, 99, 3);
        assertThrows(IllegalArgumentException.class, () -> GramKernels.gram(p, 4, shorter, 1, out, 0, 0));
    }
}
