package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExecutionContextTest {

    @Test
    void serialScopeKeepsEveryChunkOnTheCallingThreadAndRestoresTheContext() {
        assertSame(ExecutionContext.shared(), ExecutionContext.current());
        Thread caller = Thread.currentThread();
        List<int[]> calls = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        ExecutionContext.serial().run(() -> {
            assertSame(ExecutionContext.serial(), ExecutionContext.current());
            assertFalse(Parallel.worthForking(10L * Parallel.THRESHOLD));
            Parallel.forChunks(8, (from, to) -> {
                synchronized (calls) {
                    calls.add(new int[] {from, to});
                    threads.add(Thread.currentThread());
                }
            });
        });
        assertEquals(1, calls.size(), "a serial context runs all chunks in one call");
        assertEquals(0, calls.get(0)[0]);
        assertEquals(8, calls.get(0)[1]);
        assertSame(caller, threads.get(0));
        assertSame(ExecutionContext.shared(), ExecutionContext.current(), "context restored after the scope");
    }

    @Test
    void nestedScopesRestoreTheOuterOneEvenOnException() {
        ExecutionContext.serial().run(() -> {
            ExecutionContext.shared().run(() -> assertTrue(ExecutionContext.current().parallel()));
            assertFalse(ExecutionContext.current().parallel());
            assertThrows(IllegalStateException.class, () -> ExecutionContext.shared().run(() -> {
                throw new IllegalStateException("boom");
            }));
            assertFalse(ExecutionContext.current().parallel());
        });
        assertEquals(1, ExecutionContext.serial().threads());
        assertEquals(Parallel.pool().getParallelism(), ExecutionContext.shared().threads());
    }

    @Test
    void workerThreadsOfASerialFactoryRunSerially() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, ExecutionContext.serial().threadFactory("test-worker"));
        try {
            Future<Boolean> parallel = pool.submit(() -> ExecutionContext.current().parallel());
            Future<String> name = pool.submit(() -> Thread.currentThread().getName());
            assertFalse(parallel.get());
            assertTrue(name.get().startsWith("test-worker-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reductionsGiveTheSameBitsSeriallyAndOnThePoolAcrossSizes() {
        Random rnd = new Random(7);
        // Sizes above the threshold (forked when the pool has workers) and a smaller one after a
        // larger one, so the reused partial-sum scratch must not leak stale blocks into a sum.
        for (int n : new int[] {3 * Parallel.THRESHOLD + 123, Parallel.THRESHOLD + 5, 2 * Parallel.THRESHOLD}) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
                y[i] = rnd.nextGaussian();
            }
            double shared = VectorKernels.dot(x, y);
            double serial = ExecutionContext.serial().call(() -> VectorKernels.dot(x, y));
            double reference = 0.0;
            for (int from = 0; from < n; from += Parallel.BLOCK) {
                double s = 0.0;
                for (int i = from; i < Math.min(n, from + Parallel.BLOCK); i++) {
                    s += x[i] * y[i];
                }
                reference += s;
            }
            assertEquals(Double.doubleToLongBits(serial), Double.doubleToLongBits(shared), "n = " + n);
            assertEquals(reference, shared, 1e-9 * Math.sqrt(n));
        }
    }

    @Test
    void oneBlockWithLargeWorkStaysOnTheCallingThread() {
        // rows x vectors above the threshold, but a single block: nothing to split, so no hand-over
        long work = 4L * Parallel.THRESHOLD;
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        Parallel.forRange(Parallel.BLOCK, work, (from, to) -> seen.add(Thread.currentThread()));
        double sum = Parallel.sumBlocks(Parallel.BLOCK, work, (from, to) -> {
            seen.add(Thread.currentThread());
            return to - from;
        });
        assertEquals(Parallel.BLOCK, sum);
        assertEquals(2, seen.size());
        for (Thread t : seen) {
            assertSame(caller, t);
        }
    }
}
