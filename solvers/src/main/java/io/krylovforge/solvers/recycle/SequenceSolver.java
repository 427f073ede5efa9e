package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.ExecutionContext;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.solvers.recycle.sort.GreedySort;
import io.krylovforge.solvers.recycle.sort.ScalableSort;
import io.krylovforge.solvers.recycle.sort.SequenceSorter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Sorted Krylov recycling (SKR) over a sequence of systems: sort by parameter similarity
 * ({@link GreedySort} or {@link ScalableSort}), then solve in that order with a recycling solver
 * ({@link GcroDr}, or {@link RecycledConjugateGradient} for SPD sequences; GMRES = GCRO-DR with
 * k = 0 as the baseline), each system from x₀ = 0 as in the SKR paper.
 *
 * <p><b>Chains</b>: the sorted order is cut into C contiguous pieces of near-equal length, each
 * solved on its own thread (a fixed pool of C threads) with its own recycle space and
 * preconditioner. Each chain is deterministic, so results depend on C only through where the
 * chain boundaries fall (the first system of a chain starts with an empty space).
 *
 * <p>Results come back in the ORIGINAL input order. Bad input (size mismatch, parameter arrays of
 * different lengths when sorting) throws IllegalArgumentException before anything is solved;
 * numerical failures are per-system StopReasons.
 *
 * <p>Reference: H. Wang et al., "Accelerating data generation for neural operators via Krylov
 * subspace recycling", ICLR 2024.
 */
public final class SequenceSolver {
    private final SequenceOptions options;

    /**
     * A sequence solver with {@code options}.
     *
     * @param options method, recycling, preconditioner, sort and chains
     */
    public SequenceSolver(SequenceOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    /**
     * The options this solver was built with.
     *
     * @return the options
     */
    public SequenceOptions options() {
        return options;
    }

    /** Collects the stream (sorting needs every system) and solves. */
    public SequenceResult solve(Stream<LinearSystem> systems) {
        return solve(systems.collect(Collectors.toList()));
    }

    /** Sorts, solves with recycling along C chains, returns results in input order. */
    public SequenceResult solve(List<LinearSystem> systems) {
        long t0 = System.nanoTime();
        int count = systems.size();
        double[][] params = new double[count][];
        for (int i = 0; i < count; i++) {
            LinearSystem s = systems.get(i);
            if (s == null) {
                throw new IllegalArgumentException("system " + i + " is null");
            }
            params[i] = s.parameters();
        }
        int[] order;
        switch (options.sort()) {
            case GREEDY -> order = new GreedySort().order(params);
            case SCALABLE -> order = new ScalableSort(options.group(), options.seed()).order(params);
            default -> {
                order = new int[count];
                Arrays.setAll(order, i -> i);
            }
        }
        if (options.sort() != SequenceOptions.SortMode.NONE) {
            SequenceSorter.checkParams(params);
        }
        long sortNanos = System.nanoTime() - t0;
        int chains = Math.max(1, Math.min(options.chains(), count));
        SequenceResult.SystemResult[] out = new SequenceResult.SystemResult[count];
        if (chains == 1) {
            runChain(systems, order, 0, count, 0, out);
        } else {
            // The chains already use the cores: each runs its kernels serially (no nested forking).
            ExecutorService pool = Executors.newFixedThreadPool(chains,
                    ExecutionContext.serial().threadFactory("kforge-sequence"));
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int c = 0; c < chains; c++) {
                    int from = (int) ((long) count * c / chains);
                    int to = (int) ((long) count * (c + 1) / chains);
                    int chain = c;
                    int[] ord = order;
                    futures.add(pool.submit(() -> runChain(systems, ord, from, to, chain, out)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sequence solve interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException("internal: chain failed", cause);
            } finally {
                pool.shutdownNow();
            }
        }
        return new SequenceResult(Arrays.asList(out), order, sortNanos, System.nanoTime() - t0);
    }

    /** Solves order[from..to) in sequence with one recycle space and (optionally) one M. */
    private void runChain(List<LinearSystem> systems, int[] order, int from, int to, int chain,
            SequenceResult.SystemResult[] out) {
        SequenceOptions o = options;
        GcroDr gcro = o.method() == SequenceOptions.Method.RCG ? null
                : new GcroDr(new GcroDrOptions(o.restart(),
                        o.method() == SequenceOptions.Method.GMRES ? 0 : o.recycle(), o.side(),
                        Orthogonalization.CLASSICAL_REFINED, o.refreshEvery()));
        RecycledConjugateGradient rcg = o.method() == SequenceOptions.Method.RCG
                ? new RecycledConjugateGradient(o.recycle(), Math.max(o.recycle(), o.restart())) : null;
        RecycleSpace space = RecycleSpace.empty();
        DeflationSpace deflation = DeflationSpace.empty();
        Preconditioner shared = null;
        for (int pos = from; pos < to; pos++) {
            int idx = order[pos];
            LinearSystem s = systems.get(idx);
            Vector x = s.b().zerosLike();
            long t = System.nanoTime();
            long cpu = cpuTime();
            SolverOptions so = o.solverOptions().withNonzeroGuess(false).withPreconditioner(null);
            SolveResult res = null;
            if (o.preconditioner() != null) {
                Preconditioner m;
                if (o.preconditionerReuse() == SequenceOptions.PreconditionerReuse.UPDATE_PER_CHAIN) {
                    boolean first = shared == null;
                    if (first) {
                        shared = o.preconditioner().get();
                    }
                    m = shared;
                    try {
                        if (first) {
                            m.setUp(s.a());
                        } else {
                            m.update(s.a()); // same pattern, new values; the solver's setUp then skips
                        }
                    } catch (PreconditionerFailedException e) {
                        res = new ConvergenceTest(so, s.b().norm2()).result(
                                StopReason.DIVERGED_PRECONDITIONER_FAILED, 0, Double.NaN,
                                e.getMessage());
                        shared = null;
                    }
                } else {
                    m = o.preconditioner().get();
                }
                so = so.withPreconditioner(m);
            }
            if (res == null) {
                res = gcro != null ? gcro.solve(s.a(), s.b(), x, so, space)
                        : rcg.solve(s.a(), s.b(), x, so, deflation);
            }
            long nanos = System.nanoTime() - t;
            long cpuNanos = cpu < 0 ? -1 : cpuTime() - cpu;
            out[idx] = new SequenceResult.SystemResult(idx, pos, chain, res, nanos, cpuNanos, x);
        }
    }

    /** CPU time of this thread in ns, or -1 where the JVM does not measure it. */
    private static long cpuTime() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
    }
}
