package io.krylovforge.datasets;

import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.core.linalg.ExecutionContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a dataset of PDE solutions for neural-operator training: for every sample j, the
 * system {@code family.sample(seed_j)} ({@link SampleSeeds}) is solved and its parameters,
 * solution and (optionally) right-hand side are stored in shards of {@code shardSize} samples.
 *
 * <p><b>Shard files</b> ({@code shard-00000.npz}, or {@code .h5} for HDF5) hold, for the n samples of the shard:
 * {@code inputs} (n, *parameterShape) — the PDE parameters, e.g. the s×s field K for Darcy;
 * {@code solutions} (n, m, m) when the unknowns form an m×m grid, (n, c, c, c) on the c³ cells of a 3D family, else (n, size);
 * {@code rhs} like solutions (unless disabled); {@code seeds} and {@code indices} ({@code <i8},
 * the sample seeds and global indices); {@code converged} ({@code |b1}).
 *
 * <p><b>Reproducibility.</b> A shard's bytes depend only on the {@link DatasetSpec}: sample seeds
 * are a function of (seed, global index), the {@link SampleSolver}'s chains depend only on the
 * samples, zip entries carry a fixed timestamp, and wall times go only into the manifest. So
 * {@code --threads 1} and {@code --threads 8}, or one process and N cooperating processes
 * ({@link ShardSelection}), write identical shards.
 *
 * <p><b>Crash safety and resume.</b> Each shard is solved fully in memory, then written to a
 * temporary file that is fsynced and atomically renamed ({@link AtomicFiles}); then the
 * {@code .sha256} sidecar and the manifest are rewritten the same way. Shards are recorded in
 * order by one writer thread while the workers solve the next shard, so at most two shards are
 * in memory (the one being written and the one being solved); a failure or an interrupt while
 * solving waits for the shard being written to land, then stops. A rerun with the same arguments skips every shard whose file checksum matches its
 * manifest entry (and sidecar), redoes the rest, and deletes temporary files a killed run left.
 * Killing the process at any moment loses at most the shard in progress.
 *
 * <p><b>Threads.</b> Sampling (parameter generation and assembly) and solving both run on the
 * worker pool: each chain of the {@link SampleSolver} samples and solves its systems on one
 * worker.
 *
 * <p><b>Jobs.</b> This class only orchestrates: {@link ShardSolver} samples and solves a shard,
 * a {@link ShardWriter} per format stores it, {@code ManifestStore} keeps the manifest and
 * checks finished shards, and {@link OutputLock} keeps a second writer of the same shards out of
 * the directory (it fails at once, naming the owner's pid and host).
 */
public final class DatasetGenerator {
    private final DatasetSpec spec;
    private final Path out;
    private final ShardSelection selection;
    private final int threads;
    private final ProgressListener progress;
    private final SampleSolver sampleSolver;
    private final ShardWriter writer;

    /** Generates {@code spec} into the directory {@code out}, all shards, one thread per CPU. */
    public DatasetGenerator(DatasetSpec spec, Path out) {
        this(spec, out, ShardSelection.all(), Runtime.getRuntime().availableProcessors(), ProgressListener.none(),
                null, null);
    }

    private DatasetGenerator(DatasetSpec spec, Path out, ShardSelection selection, int threads,
            ProgressListener progress, SampleSolver sampleSolver, ShardWriter writer) {
        if (spec == null || out == null) {
            throw new DatasetArgumentException("spec and output directory must be given");
        }
        if (threads < 1) {
            throw new DatasetArgumentException("threads must be >= 1, got " + threads);
        }
        this.spec = spec;
        this.out = out;
        this.selection = selection == null ? ShardSelection.all() : selection;
        this.threads = threads;
        this.progress = progress == null ? ProgressListener.none() : progress;
        this.sampleSolver = sampleSolver;
        this.writer = writer;
    }

    /**
     * A copy with {@code selection} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code selection}
     * @return the changed copy
     */
    public DatasetGenerator withSelection(ShardSelection value) {
        return new DatasetGenerator(spec, out, value, threads, progress, sampleSolver, writer);
    }

    /**
     * A copy with {@code threads} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code threads}
     * @return the changed copy
     */
    public DatasetGenerator withThreads(int value) {
        return new DatasetGenerator(spec, out, selection, value, progress, sampleSolver, writer);
    }

    /**
     * A copy with {@code progress} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code progress}
     * @return the changed copy
     */
    public DatasetGenerator withProgress(ProgressListener value) {
        return new DatasetGenerator(spec, out, selection, threads, value, sampleSolver, writer);
    }

    /** Overrides the solving strategy (default: {@link SampleSolvers#create}(spec)). */
    public DatasetGenerator withSampleSolver(SampleSolver value) {
        return new DatasetGenerator(spec, out, selection, threads, progress, value, writer);
    }

    /** Overrides how shards are stored (default: {@link ShardWriter#of}(spec.format())). */
    public DatasetGenerator withShardWriter(ShardWriter value) {
        return new DatasetGenerator(spec, out, selection, threads, progress, sampleSolver, value);
    }

    /**
     * What a run did.
     *
     * @param shardsWritten  shards generated by this run
     * @param shardsSkipped  shards found complete and kept
     * @param samplesSolved  samples solved by this run
     * @param notConverged   of those, how many did not reach rtol
     * @param meanIterations mean iterations of this run's solves (0 if none)
     * @param seconds        wall time of the run
     * @param manifest       the manifest file
     */
    public record Summary(int shardsWritten, int shardsSkipped, long samplesSolved, long notConverged,
            double meanIterations, double seconds, Path manifest) {
        /** Samples per second of this run. */
        public double samplesPerSecond() {
            return seconds > 0 ? samplesSolved / seconds : 0.0;
        }
    }

    /** Runs (or resumes) the generation. */
    public Summary run() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        SampleSolver solver = sampleSolver != null ? sampleSolver : SampleSolvers.create(spec);
        ShardSolver shardSolver = new ShardSolver(spec, solver);
        ShardWriter shardWriter = writer != null ? writer : ShardWriter.of(spec.format());
        prepareOutputDirectory();
        try (OutputLock lock = OutputLock.acquire(out, selection.manifestName(), progress::notice)) {
            ManifestStore store = new ManifestStore(out, spec, selection, solver.name());
            store.deleteStaleTemporaries();
            List<Integer> todo = new ArrayList<>();
            List<Integer> complete = new ArrayList<>();
            long total = 0;
            long done = 0;
            for (int k = 0; k < spec.shardCount(); k++) {
                if (!selection.owns(k)) {
                    continue;
                }
                total += spec.shardSamples(k);
                if (store.isComplete(k)) {
                    complete.add(k);
                    done += spec.shardSamples(k);
                } else {
                    todo.add(k);
                }
            }
            store.save();

            progress.start(total, done);
            for (int k : complete) {
                progress.shardSkipped(k, spec.shardSamples(k));
            }
            // Several workers already use the cores: each solves with serial kernels (no nested forking).
            ExecutorService pool = Executors.newFixedThreadPool(threads, threads > 1
                    ? ExecutionContext.serial().threadFactory("kforge-generate") : daemonThreads("kforge-generate-"));
            // One writer: shard k is written (npz, fsync, checksum, manifest) while shard k+1 is solved.
            ExecutorService writerThread = Executors.newSingleThreadExecutor(daemonThreads("kforge-write-"));
            Totals totals = new Totals();
            Future<?> writing = null;
            try {
                for (int k : todo) {
                    long s0 = System.nanoTime();
                    SolvedShard data;
                    try {
                        data = shardSolver.solve(k, pool, progress);
                        if (Thread.interrupted()) {
                            // An interrupt that arrived after the last solve: stop before the write, not inside it.
                            throw new InterruptedException("interrupted before writing shard " + k);
                        }
                    } catch (InterruptedException | IOException | RuntimeException | Error e) {
                        finishWrite(writing, e); // the shard before this one is complete: let it land
                        throw e;
                    }
                    finishWrite(writing, null); // at most one shard waits: memory stays at two shards
                    writing = writerThread.submit(() -> {
                        record(shardWriter, store, data, s0, totals);
                        return null;
                    });
                }
                finishWrite(writing, null);
            } finally {
                pool.shutdownNow();
                writerThread.shutdownNow();
                progress.finish();
            }
            return new Summary(totals.written, complete.size(), totals.solved, totals.failed,
                    totals.solved == 0 ? 0.0 : (double) totals.iterations / totals.solved,
                    (System.nanoTime() - t0) / 1e9, store.path());
        }
    }

    /** What the writer thread has recorded; read by the generating thread after the writes finished. */
    private static final class Totals {
        int written;
        long solved;
        long failed;
        long iterations;
    }

    /** On the writer thread: the shard file, then its sidecar and manifest entry, then the progress notice. */
    private void record(ShardWriter shardWriter, ManifestStore store, SolvedShard data, long s0, Totals totals)
            throws IOException, InterruptedException {
        Path file = out.resolve(spec.shardFileName(data.index()));
        String sha = writeShard(shardWriter, data, file);
        Manifest.Shard rec = store.record(data, shardWriter.describe(data, spec), sha, (System.nanoTime() - s0) / 1e9);
        progress.shardWritten(data.index(), file, rec.sha256());
        totals.written++;
        totals.solved += rec.samples();
        totals.failed += rec.notConverged();
        for (Manifest.SampleStats st : rec.stats()) {
            totals.iterations += st.iterations();
        }
    }

    /**
     * Waits for the write in flight (if any), even when interrupted, since it is a whole shard about to
     * land. With {@code pending} (a failure of the generating thread) that failure wins and a write error is
     * attached to it; otherwise a write error is rethrown as the writer threw it.
     */
    private static void finishWrite(Future<?> writing, Throwable pending) throws IOException, InterruptedException {
        if (writing == null) {
            return;
        }
        boolean interrupted = false;
        Throwable failure = null;
        while (true) {
            try {
                writing.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failure = e.getCause();
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            return;
        }
        if (pending != null) {
            pending.addSuppressed(failure);
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof InterruptedException ie) {
            throw ie;
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
        throw new IOException(failure);
    }

    private void prepareOutputDirectory() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new DatasetArgumentException("output path " + out + " exists and is not a directory");
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new DatasetArgumentException("cannot create output directory " + out + ": " + e);
        }
        // Files.isWritable is not enough (root, read-only mounts): probe by creating a file.
        try {
            Path probe = Files.createTempFile(out, ".kforge-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DatasetArgumentException("output directory " + out + " is not writable: " + e.getMessage());
        }
    }

    /** Writes the shard file; returns its SHA-256. */
    private String writeShard(ShardWriter shardWriter, SolvedShard d, Path file) throws IOException, InterruptedException {
        int k = d.index();
        try {
            return shardWriter.writeDigested(d, spec, file);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            InterruptedException ie = new InterruptedException("interrupted while writing shard " + k
                    + " (no partial shard was left)");
            ie.initCause(e);
            throw ie;
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            String prefix = "cannot write " + file + ": ";
            throw new IOException(String.format(Locale.ROOT,
                    "cannot write shard %d to %s: %s (no partial shard was left; rerun the same command to resume)",
                    k, file, why.startsWith(prefix) ? why.substring(prefix.length()) : why), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** {@return the software version Maven filtered into the jar, or "unknown"} */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = DatasetGenerator.class.getResourceAsStream("/krylovforge-datasets.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // fall through to "unknown"
        }
        String v = p.getProperty("version", "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }
}
