package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.lu.SparseLu;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One factorisation, four threads solving with it at once, many times: every answer must be the
 * single-thread answer bit for bit (no shared scratch in any solve path). Before the per-thread
 * workspaces, Ldlt, Cholesky and LU all solved in one instance array.
 */
class ConcurrentSolveTest {
    private static final int THREADS = 4;
    private static final int REPEATS = 60;

    private static void solvesConcurrently(SparseFactorization f, CsrMatrix a) throws Exception {
        int n = a.rows();
        assertTrue(f.factor(a).ok());
        double[][] rhs = new double[THREADS][];
        double[][] expected = new double[THREADS][];
        for (int t = 0; t < THREADS; t++) {
            rhs[t] = TestMatrices.randomVector(n, 100 + t); // a different b per thread
            expected[t] = new double[n];
            f.solve(rhs[t], expected[t]);
            assertTrue(TestMatrices.relativeResidual(a, expected[t], rhs[t]) < 1e-9);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                runs.add(pool.submit(() -> {
                    double[] x = new double[n];
                    for (int r = 0; r < REPEATS; r++) {
                        f.solve(rhs[id], x);
                        assertArrayEquals(expected[id], x, 0.0, f.name() + " thread " + id + " repeat " + r);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ldltSolvesAreThreadSafe() throws Exception {
        CsrMatrix a = TestMatrices.kkt(24, 100, 2);
        solvesConcurrently(Ldlt.analyze(a), a);
    }

    @Test
    void choleskySolvesAreThreadSafe() throws Exception {
        CsrMatrix a = Stencils.laplacian2d(40, 40);
        solvesConcurrently(Cholesky.analyze(a), a);
    }

    @Test
    void luSolvesAreThreadSafe() throws Exception {
        CsrMatrix a = Stencils.convectionDiffusion2d(40, 40, 50.0);
        solvesConcurrently(SparseLu.analyze(a), a);
    }
}
