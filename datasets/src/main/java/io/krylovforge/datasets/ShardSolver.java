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
 * into the {@link SampleSolver}'s chains; chains run in parallel on the given pool, each in its
 * own order on one worker, so the result does not depend on the thread count.
 *
 * <p>Each system is assembled once per solve. A strategy that orders by parameters (SKR) needs
 * every sample's parameters first; the systems drawn for that are kept for the solve when the
 * shard's matrices fit in an eighth of the heap, and drawn again otherwise.
 */
public final class ShardSolver {
    private final DatasetSpec spec;
    private final SampleSolver solver;
    private final PdeFamily family;

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
        double[][] parameters = null;
        PdeInstance[] drawn = new PdeInstance[n];
        if (solver.needsParameters()) {
            double[][] p = new double[n][];
            boolean keep = fitsInHeap(n);
            List<Runnable> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int idx = i;
                jobs.add(() -> {
                    PdeInstance sys = family.sample(seeds[idx]);
                    p[idx] = sys.parameters();
                    if (keep) {
                        drawn[idx] = sys;
                    }
                });
            }
            runAll(pool, jobs);
            parameters = p;
        }
        int[][] chains = solver.chains(n, parameters);
        checkPartition(chains, n);
        List<Runnable> jobs = new ArrayList<>(chains.length);
        for (int[] chain : chains) {
            jobs.add(() -> {
                SampleSolver.Chain c = solver.newChain();
                for (int idx : chain) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException("interrupted");
                    }
                    long t = System.nanoTime();
                    PdeInstance sys = drawn[idx] != null ? drawn[idx] : family.sample(seeds[idx]);
                    drawn[idx] = null;
                    SampleSolver.Solved s = c.solve(sys);
                    double secs = (System.nanoTime() - t) / 1e9;
                    data.inputs[idx] = sys.parameters();
                    data.inputShapes[idx] = sys.parameterShape();
                    data.solutions[idx] = s.x();
                    data.rhs[idx] = sys.b();
                    if (data.matrices != null) {
                        data.matrices[idx] = sys.a();
                    }
                    data.converged[idx] = s.result().converged();
                    data.stats[idx] = new Manifest.SampleStats(first + idx, seeds[idx], s.result().iterations(),
                            s.result().relativeResidual(), s.result().reason().name(), secs);
                    progress.sampleSolved(first + idx, s.result().iterations());
                }
            });
        }
        runAll(pool, jobs);
        return data;
    }

    /** Whether n systems of this family (matrix entries and vectors) fit in an eighth of the heap. */
    private boolean fitsInHeap(int n) {
        long size = family.size();
        long perSample = size * 7 * 12 + size * 8 * 3; // up to 7 entries a row (3D stencils), b, parameters
        return perSample * n <= Runtime.getRuntime().maxMemory() / 8;
    }

    private static void checkPartition(int[][] chains, int n) {
        boolean[] seen = new boolean[n];
        int count = 0;
        for (int[] c : chains) {
            for (int i : c) {
                if (i < 0 || i >= n || seen[i]) {
                    throw new IllegalStateException("internal: sample solver chains are not a partition of 0.." + (n - 1));
                }
                seen[i] = true;
                count++;
            }
        }
        if (count != n) {
            throw new IllegalStateException("internal: sample solver chains cover " + count + " of " + n + " samples");
        }
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
