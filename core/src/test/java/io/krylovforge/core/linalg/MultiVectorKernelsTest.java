package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.backend.CpuBackend;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Classical Gram–Schmidt's blocked kernels against the one-vector kernels they replace. */
class MultiVectorKernelsTest {

    private static Vector[] randomVectors(int count, int n, Random rnd) {
        Vector[] v = new Vector[count];
        for (int i = 0; i < count; i++) {
            double[] a = new double[n];
            for (int r = 0; r < n; r++) {
                a[r] = rnd.nextGaussian();
            }
            v[i] = DenseVector.wrap(a);
        }
        return v;
    }

    @Test
    void multiDotAndMultiAxpyNormAreBitIdenticalToSeparateCallsSeriallyAndForked() {
        Random rnd = new Random(11);
        // 1000 and 40 000 rows: serial; 140 000 rows: above the fork threshold (forked when the pool has
        // workers). Counts 1, 3, 5, 8, 9: pairs (an odd last vector pairs with w itself) and four-vector
        // groups with and without a remainder.
        for (int[] shape : new int[][] {{1000, 5}, {40_000, 5}, {1003, 3}, {1003, 8}, {140_000, 9}, {140_000, 1},
                {4097, 1}, {140_000, 4}}) {
            int n = shape[0];
            int count = shape[1];
            Vector[] v = randomVectors(count + 1, n, rnd);
            double[] w0 = DenseVector.array(randomVectors(1, n, rnd)[0]);
            double[] out = new double[count + 3];
            double[] w = w0.clone();
            double ww = VectorKernels.multiDot(v, count, w, out, 2);
            for (int i = 0; i < count; i++) {
                assertEquals(VectorKernels.dot(DenseVector.array(v[i]), w), out[2 + i], 0.0, "n=" + n + " i=" + i);
            }
            assertEquals(VectorKernels.dot(w, w), ww, 0.0);

            double[] expected = w0.clone();
            for (int i = 0; i < count; i++) {
                VectorKernels.axpy(-out[2 + i], DenseVector.array(v[i]), expected);
            }
            double norm = VectorKernels.multiAxpyNorm(v, count, out, 2, w);
            for (int r = 0; r < n; r++) {
                assertEquals(expected[r], w[r], 0.0, "row " + r);
            }
            assertEquals(VectorKernels.dot(expected, expected), norm, 0.0);

            double[] serial = w0.clone();
            double[] serialOut = new double[count];
            double serialWw = ExecutionContext.serial().call(() -> VectorKernels.multiDot(v, count, serial, serialOut, 0));
            assertEquals(ww, serialWw, 0.0, "same bits on one thread or many");
            for (int i = 0; i < count; i++) {
                assertEquals(out[2 + i], serialOut[i], 0.0);
            }
        }
    }

    @Test
    void oneClassicalGramSchmidtPassLeavesWOrthogonalToAnOrthonormalBasis() {
        Random rnd = new Random(3);
        int n = 300;
        int count = 8;
        Vector[] v = randomVectors(count, n, rnd);
        for (int i = 0; i < count; i++) { // orthonormalise the basis (modified Gram-Schmidt)
            for (int j = 0; j < i; j++) {
                v[i].axpy(-v[j].dot(v[i]), v[j]);
            }
            v[i].scale(1.0 / v[i].norm2());
        }
        Vector w = randomVectors(1, n, rnd)[0];
        Backend cpu = CpuBackend.INSTANCE;
        double[] h = new double[count];
        double before = cpu.multiDot(v, count, w, h, 0);
        double after = cpu.multiAxpyNorm(v, count, h, 0, w);
        double projected = 0.0;
        for (int i = 0; i < count; i++) {
            assertEquals(0.0, v[i].dot(w), 1e-12 * Math.sqrt(before), "w still has a component along v" + i);
            projected += h[i] * h[i];
        }
        assertEquals(before - projected, after, 1e-10 * before, "Pythagoras: |w|^2 = |Vh|^2 + |w - Vh|^2");
    }
}
