package io.krylovforge.core.linalg;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared fork-join parallelism for vector and matrix kernels.
 *
 * <p>Whether a kernel may fork at all is a property of the calling thread's
 * {@link ExecutionContext} (workers that already parallelise across samples run kernels serially).
 *
 * <p>Work is cut into fixed blocks of {@link #BLOCK} elements; reductions sum one partial per
 * block and then add the partials in block order, so a result is bit-identical whatever the
 * number of threads (and identical between the serial and the parallel path).
 */
public final class Parallel {
    /** Elements per reduction block. Fixed: changing it changes rounding, not correctness. */
    public static final int BLOCK = 4096;
    /** Below this many elements a kernel runs on the calling thread (forking costs more than it saves). */
    public static final int THRESHOLD = 1 << 17;

    private Parallel() {
    }

    /**
     * The pool all kernels share: one worker per core (system property {@code krylovforge.threads}
     * overrides). Not the JVM's common pool, whose parallelism is cores − 1 and would leave one
     * core idle on the memory-bound kernels while the caller waits.
     */
    public static ForkJoinPool pool() {
        return PoolHolder.POOL;
    }

    /** Number of worker threads of {@link #pool()}. */
    public static int threads() {
        return PoolHolder.POOL.getParallelism();
    }

    private static final class PoolHolder {
        static final ForkJoinPool POOL = new ForkJoinPool(threadCount(), workerFactory(), null, false);

        private static ForkJoinPool.ForkJoinWorkerThreadFactory workerFactory() {
            // A counter, not getPoolIndex(): the index is assigned only when the worker registers,
            // so every worker used to be named "krylovforge-0" in thread dumps and profiles.
            AtomicInteger count = new AtomicInteger();
            return pool -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                t.setDaemon(true); // never keeps the JVM alive
                t.setName("krylovforge-" + count.getAndIncrement());
                return t;
            };
        }

        private static int threadCount() {
            String prop = System.getProperty("krylovforge.threads");
            if (prop != null) {
                try {
                    return Math.max(1, Integer.parseInt(prop.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("krylovforge.threads must be an integer, got '" + prop + "'");
                }
            }
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Whether a kernel over {@code n} elements should fork: n is at least {@link #THRESHOLD}, the
     * pool has more than one worker, and the calling thread's {@link ExecutionContext} allows it.
     * Small kernels decide on the first comparison, so the serial path costs nothing more.
     */
    public static boolean worthForking(long n) {
        return n >= THRESHOLD && pool().getParallelism() > 1 && ExecutionContext.current().parallel();
    }

    /**
     * Per-thread scratch for block partial sums, taken out while a reduction uses it (so a
     * reduction nested on the same thread, e.g. inside a stolen task, gets its own) and put back
     * after: a forked reduction allocates no partials array once its thread has one big enough.
     */
    private static final ThreadLocal<double[]> PARTIALS = new ThreadLocal<>();

    /**
     * This thread's partial-sum scratch of at least {@code size} doubles (contents undefined),
     * taken out until {@link #returnScratch}: a forked reduction then allocates nothing once its
     * thread holds a big enough array, and a reduction nested on the same thread gets its own.
     */
    static double[] borrowScratch(int size) {
        double[] held = PARTIALS.get();
        PARTIALS.set(null);
        return held != null && held.length >= size ? held : new double[size];
    }

    /** Gives back the array {@link #borrowScratch} lent. */
    static void returnScratch(double[] scratch) {
        PARTIALS.set(scratch);
    }

    /** Body of a ranged loop: handles indices {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Handles indices {@code [from, to)}. */
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of whole blocks, in parallel when it pays.
     * Each index is visited exactly once; chunks never overlap, so bodies may write freely.
     */
    public static void forRange(int n, RangeBody body) {
        forRange(n, n, body);
    }

    /**
     * As {@link #forRange(int, RangeBody)}, deciding on {@code work} (e.g. rows × vectors for a
     * multi-vector kernel) instead of the row count whether forking pays.
     */
    public static void forRange(int n, long work, RangeBody body) {
        // one block (n <= BLOCK) cannot be split: forking would only hand it to a worker and wait
        if (n <= BLOCK || !worthForking(work)) {
            body.run(0, n);
            return;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        int grain = Math.max(1, blocks / (4 * pool().getParallelism()));
        pool().invoke(new RangeTask(body, 0, blocks, grain, n));
    }

    /** A reduction over one block {@code [from, to)} (at most {@link #BLOCK} elements). */
    @FunctionalInterface
    public interface BlockSum {
        /** The partial sum over indices {@code [from, to)}. */
        double sum(int from, int to);
    }

    /**
     * Σ over the fixed blocks of {@code [0, n)} of {@code body(block)}, block sums added in block
     * order: the same bits on one thread or many. Blocks run in parallel when it pays.
     */
    public static double sumBlocks(int n, BlockSum body) {
        return sumBlocks(n, n, body);
    }

    /** As {@link #sumBlocks(int, BlockSum)}, deciding on {@code work} whether forking pays. */
    public static double sumBlocks(int n, long work, BlockSum body) {
        if (n <= BLOCK || !worthForking(work)) {
            double total = 0.0;
            for (int from = 0; from < n; from += BLOCK) {
                total += body.sum(from, Math.min(n, from + BLOCK));
            }
            return total;
        }
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = borrowScratch(blocks);
        try {
            forRange(n, work, (from, to) -> {
                for (int s = from; s < to; s += BLOCK) {
                    partial[s / BLOCK] = body.sum(s, Math.min(to, s + BLOCK));
                }
            });
            double total = 0.0;
            for (int b = 0; b < blocks; b++) {
                total += partial[b];
            }
            return total;
        } finally {
            returnScratch(partial);
        }
    }

    /** Runs {@code body(chunk)} for chunk = 0 .. chunks-1 in parallel. */
    public static void forChunks(int chunks, RangeBody body) {
        if (chunks <= 1 || pool().getParallelism() <= 1 || !ExecutionContext.current().parallel()) {
            body.run(0, chunks);
            return;
        }
        pool().invoke(new ChunkTask(body, 0, chunks));
    }

    private static final class RangeTask extends RecursiveAction {
        private final RangeBody body;
        private final int blockFrom;
        private final int blockTo;
        private final int grain;
        private final int n;

        RangeTask(RangeBody body, int blockFrom, int blockTo, int grain, int n) {
            this.body = body;
            this.blockFrom = blockFrom;
            this.blockTo = blockTo;
            this.grain = grain;
            this.n = n;
        }

        @Override
        protected void compute() {
            if (blockTo - blockFrom <= grain) {
                body.run(blockFrom * BLOCK, Math.min(n, blockTo * BLOCK));
                return;
            }
            int mid = (blockFrom + blockTo) >>> 1;
            invokeAll(new RangeTask(body, blockFrom, mid, grain, n),
                    new RangeTask(body, mid, blockTo, grain, n));
        }
    }

    private static final class ChunkTask extends RecursiveAction {
        private final RangeBody body;
        private final int from;
        private final int to;

        ChunkTask(RangeBody body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= 1) {
                body.run(from, to);
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new ChunkTask(body, from, mid), new ChunkTask(body, mid, to));
        }
    }
}
