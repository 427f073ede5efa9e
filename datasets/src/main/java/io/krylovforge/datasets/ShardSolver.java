package io.krylovforge.datasets;

import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Samples and solves the systems of one shard of a {@link DatasetSpec}: the solving job of
 * dataset generation, independent of files, so a cluster task can call
 * {@code new ShardSolver(spec, solver).solve(k)} and hand the result to a {@link ShardWriter}.
 *
 * <p>Sample j of the dataset is {@code family.sample(SampleSeeds.of(seed, j))}. The shard is cut
 * into runs of samples solved in parallel on the given pool (or handed to a sequence strategy
 * whole); each sample's result depends only on the sample, so not on the thread count.
 *
 * <p>Each system is assembled once per solve. {@link SampleSolver.Independent} strategies keep
 * no more systems in memory than there are workers; a {@link SampleSolver.Sequence} (sorted
 * recycling) holds the shard's systems together, as sorting needs them all.
 */
public final class ShardSolver {
    private final DatasetSpec spec;
    private final SampleSolver solver;
    private final PdeFamily family;

    /**
     * A shard solver for {@code spec}'s samples.
     *
     * @param spec   the dataset
     * @param solver how each sample (or the shard's sequence) is solved
     */
    public ShardSolver(DatasetSpec spec, SampleSolver solver) {
        if (spec == null || solver == null) {
            throw new DatasetArgumentException("spec and sample solver must be given");
        }
        this.spec = spec;
        this.solver = solver;
        this.family = Families.create(spec.family(), spec.resolution());
    }

    /** Solves shard {@code k} on the calling thread. */
    public SolvedShard solve(int k) throws InterruptedException, IOException {
        ExecutorService direct = new java.util.concurrent.AbstractExecutorService() {
            private boolean shut;

            @Override
            public void execute(Runnable r) {
                r.run();
            }

            @Override
            public void shutdown() {
                shut = true;
            }

            @Override
            public List<Runnable> shutdownNow() {
                shut = true;
                return List.of();
            }

            @Override
            public boolean isShutdown() {
                return shut;
            }

            @Override
            public boolean isTerminated() {
                return shut;
            }

            @Override
            public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
                return true;
            }
        };
        return solve(k, direct, ProgressListener.none());
    }

    /**
     * Solves shard {@code k} with the chains on {@code pool}; {@code progress} hears of each
     * solved sample (from the workers). On the first failure or an interrupt the other chains
     * are cancelled and the failure is rethrown.
     */
    public SolvedShard solve(int k, ExecutorService pool, ProgressListener progress)
            throws InterruptedException, IOException {
        if (k < 0 || k >= spec.shardCount()) {
            throw new DatasetArgumentException("shard " + k + " out of range 0.." + (spec.shardCount() - 1));
        }
        int n = spec.shardSamples(k);
        long first = spec.firstSample(k);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = SampleSeeds.of(spec.seed(), first + i);
        }
        SolvedShard data = new SolvedShard(k, first, seeds, spec.storeMatrix());
        if (solver instanceof SampleSolver.Sequence sequence) {
            solveTogether(sequence, data, seeds, pool, progress);
        } else {
            solveIndependently((SampleSolver.Independent) solver, data, seeds, pool, progress);
        }
        return data;
    }

    /** Samples are assembled and solved in parallel, each once; no more systems in memory than workers. */
    private void solveIndependently(SampleSolver.Independent independent, SolvedShard data, long[] seeds,
            ExecutorService pool, ProgressListener progress) throws InterruptedException, IOException {
        int n = seeds.length;
        // Contiguous runs of samples per task: one solver and preconditioner object per run.
        int runs = Math.min(n, 64);
        List<Runnable> jobs = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            int from = (int) ((long) n * r / runs);
            int to = (int) ((long) n * (r + 1) / runs);
            jobs.add(() -> {
                SampleSolver.Chain c = independent.newChain();
                for (int idx = from; idx < to; idx++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("interrupted");
                    }
                    long t = System.nanoTime();
                    PdeInstance sys = family.sample(seeds[idx]);
                    SampleSolver.Solved s = c.solve(sys);
                    store(data, idx, sys, s, (System.nanoTime() - t) / 1e9);
                    progress.sampleSolved(data.firstSample() + idx, s.result().iterations());
                }
            });
        }
        runAll(pool, jobs);
    }

    /** The shard's systems are assembled (in parallel) and handed over together, e.g. to be sorted. */
    private void solveTogether(SampleSolver.Sequence sequence, SolvedShard data, long[] seeds, ExecutorService pool,
            ProgressListener progress) throws InterruptedException, IOException {
        int n = seeds.length;
        PdeInstance[] systems = new PdeInstance[n];
        List<Runnable> jobs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int idx = i;
            jobs.add(() -> systems[idx] = family.sample(seeds[idx]));
        }
        runAll(pool, jobs);
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted");
        }
        long t = System.nanoTime();
        List<SampleSolver.Solved> solved = sequence.solveAll(List.of(systems));
        double each = (System.nanoTime() - t) / 1e9 / n; // a sequence solve has no per-sample wall time
        for (int i = 0; i < n; i++) {
            store(data, i, systems[i], solved.get(i), each);
            progress.sampleSolved(data.firstSample() + i, solved.get(i).result().iterations());
        }
    }

    private static void store(SolvedShard data, int idx, PdeInstance sys, SampleSolver.Solved s, double secs) {
        data.inputs[idx] = sys.parameters();
        data.inputShapes[idx] = sys.parameterShape();
        data.solutions[idx] = s.x();
        data.rhs[idx] = sys.b();
        if (data.matrixValues != null) {
            data.keepMatrix(idx, sys.a());
        }
        data.converged[idx] = s.result().converged();
        data.stats[idx] = new Manifest.SampleStats(data.firstSample() + idx, sys.seed(), s.result().iterations(),
                s.result().relativeResidual(), s.result().reason().name(), secs);
    }

    /** Runs the jobs on the pool; on the first failure or an interrupt cancels the rest and rethrows. */
    private static void runAll(ExecutorService pool, List<Runnable> jobs) throws InterruptedException, IOException {
        List<Future<?>> futures = new ArrayList<>(jobs.size());
        for (Runnable r : jobs) {
            futures.add(pool.submit(r));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            cancel(futures);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error er) {
                throw er;
            }
            throw new IOException(cause);
        } catch (InterruptedException | RuntimeException e) {
            cancel(futures);
            throw e;
        }
    }

    private static void cancel(List<Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
    }
}
