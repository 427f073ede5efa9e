package io.krylovforge.core.linalg;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * How many threads the kernels ({@link VectorKernels}, {@link CsrMatrix} products, everything
 * built on {@link Parallel}) may use when called from a given thread: the shared kernel pool, or
 * only the calling thread.
 *
 * <p>Work that is already parallel across samples (dataset generation with N workers, sequence
 * chains) must not also fork inside every dot product: N workers each forking onto the same cores
 * oversubscribe them and pay the fork-join handshake for nothing. Such workers run their solves
 * in {@link #serial()}; a plain caller stays in {@link #shared()}. The context belongs to the
 * calling thread and is set for a scope ({@link #run}, {@link #call}) or for a worker's whole
 * life ({@link #threadFactory}); it is restored on exit, so nothing leaks between callers.
 *
 * <pre>{@code
 * ExecutorService workers = Executors.newFixedThreadPool(n, ExecutionContext.serial().threadFactory("gen"));
 * double[] x = ExecutionContext.serial().call(() -> solveOne(system));
 * }</pre>
 */
public final class ExecutionContext {
    private static final ExecutionContext SHARED = new ExecutionContext(true);
    private static final ExecutionContext SERIAL = new ExecutionContext(false);
    /** The context of each thread; a thread that never entered one uses the shared pool. */
    private static final ThreadLocal<ExecutionContext> CURRENT = new ThreadLocal<>();

    private final boolean parallel;

    private ExecutionContext(boolean parallel) {
        this.parallel = parallel;
    }

    /** Kernels may fork onto the shared kernel pool ({@link Parallel#pool()}) when it pays. */
    public static ExecutionContext shared() {
        return SHARED;
    }

    /** Kernels run on the calling thread only, whatever their size. */
    public static ExecutionContext serial() {
        return SERIAL;
    }

    /** The context of the calling thread ({@link #shared()} unless a scope set another). */
    public static ExecutionContext current() {
        ExecutionContext c = CURRENT.get();
        return c == null ? SHARED : c;
    }

    /** Whether kernels in this context may fork. */
    public boolean parallel() {
        return parallel;
    }

    /** Threads a kernel in this context may use: 1, or the kernel pool's parallelism. */
    public int threads() {
        return parallel ? Parallel.pool().getParallelism() : 1;
    }

    /** Runs {@code body} on the calling thread in this context, then restores the previous one. */
    public void run(Runnable body) {
        ExecutionContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            body.run();
        } finally {
            restore(previous);
        }
    }

    /** Calls {@code body} on the calling thread in this context and returns its value. */
    public <T> T call(Supplier<T> body) {
        ExecutionContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            restore(previous);
        }
    }

    /**
     * Daemon threads named {@code prefix-1, prefix-2, ...} that run everything in this context:
     * for executor pools whose tasks are themselves the parallelism.
     */
    public ThreadFactory threadFactory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(() -> run(task), prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void restore(ExecutionContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    @Override
    public String toString() {
        return parallel ? "ExecutionContext[shared pool, " + threads() + " threads]" : "ExecutionContext[serial]";
    }
}
