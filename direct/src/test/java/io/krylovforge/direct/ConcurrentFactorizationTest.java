package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.dense.NativeKernels;
import io.krylovforge.direct.dense.JblasDenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Dataset workers and Spark tasks factorise in several threads of one JVM at once. jblas's
 * bundled BLAS is not reentrant, so without the lock in {@link JblasDenseKernels} two threads
 * produced wrong factors (pivot failures) within a few hundred repeats; the Java kernels never did.
 */
class ConcurrentFactorizationTest {

    @Test
    void twoThreadsFactorisingAtOnceGetTheSingleThreadAnswerBitForBit() throws Exception {
        DenseKernels kernels = NativeKernels.orSkip();
        CsrMatrix a = Stencils.laplacian2d(48, 48);
        int n = a.rows();
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 1.0 + i % 3;
        }
        Cholesky reference = Cholesky.analyze(a, Ordering.nestedDissection(), kernels);
        assertTrue(reference.factor(a).ok());
        double[] expected = new double[n];
        reference.solve(b, expected);

        DenseKernels shared = kernels;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    Cholesky c = Cholesky.analyze(a, Ordering.nestedDissection(), shared);
                    double[] x = new double[n];
                    int wrong = 0;
                    for (int r = 0; r < 150; r++) {
                        FactorStatus s = c.factor(a);
                        if (!s.ok()) {
                            wrong++;
                            continue;
                        }
                        c.solve(b, x);
                        assertArrayEquals(expected, x, 0.0, "repeat " + r);
                    }
                    return wrong;
                }));
            }
            for (Future<Integer> f : runs) {
                assertTrue(f.get() == 0, "a factorisation failed while another thread factorised");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
