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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a dataset of PDE solutions for neural-operator training: for every sample j, the
 * system {@code family.sample(seed_j)} ({@link SampleSeeds}) is solved and its parameters,
 * solution and (optionally) right-hand side are stored in shards of {@code shardSize} samples.
 *
 * <p><b>Shard files</b> ({@code shard-00000.npz}, or {@code .h5} for HDF5) hold, for the n samples of the shard:
 * {@code inputs} (n, *parameterShape) — the PDE parameters, e.g. the s×s field K for Darcy;
 * {@code solutions} (n, m, m) when the unknowns form an m×m grid, else (n, size);
 * {@code rhs} like solutions (unless disabled); {@code seeds} and {@code indices} ({@code <i8},
 * the sample seeds and global indices); {@code converged} ({@code |b1}).
 *
 * <p><b>Reproducibility.</b> A shard's bytes depend only on the {@link DatasetSpec}: sample seeds
 * are a function of (seed, global index), the {@link SampleSolver}'s chains depend only on the
 * samples, zip entries carry a fixed timestamp, and wall times go only into the manifest. So
 * {@code --threads 1} and {@code --threads 8}, or one process and N cooperating processes
 * ({@link ShardSelection}), write identical shards.
 *
 * <p><b>Crash safety and resume.</b> Shards are generated one at a time: solved fully in memory,
 * then written to a temporary file that is fsynced and atomically renamed
 * ({@link AtomicFiles}); then the {@code .sha256} sidecar and the manifest are rewritten the same
 * way. A rerun with the same arguments skips every shard whose file checksum matches its
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
            int written = 0;
            long solved = 0;
            long failed = 0;
            long iterations = 0;
            // Several workers already use the cores: each solves with serial kernels (no nested forking).
            ExecutorService pool = Executors.newFixedThreadPool(threads, threads > 1
                    ? ExecutionContext.serial().threadFactory("kforge-generate") : daemonThreads());
            try {
                for (int k : todo) {
                    long s0 = System.nanoTime();
                    SolvedShard data = shardSolver.solve(k, pool, progress);
                    Path file = out.resolve(spec.shardFileName(k));
                    writeShard(shardWriter, data, file);
                    Manifest.Shard rec = store.record(data, shardWriter.describe(data, spec),
                            (System.nanoTime() - s0) / 1e9);
                    progress.shardWritten(k, file, rec.sha256());
                    written++;
                    solved += rec.samples();
                    failed += rec.notConverged();
                    for (Manifest.SampleStats st : rec.stats()) {
                        iterations += st.iterations();
                    }
                }
            } finally {
                pool.shutdownNow();
                progress.finish();
            }
            return new Summary(written, complete.size(), solved, failed,
                    solved == 0 ? 0.0 : (double) iterations / solved, (System.nanoTime() - t0) / 1e9, store.path());
        }
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

    private void writeShard(ShardWriter shardWriter, SolvedShard d, Path file) throws IOException, InterruptedException {
        int k = d.index();
        if (Thread.interrupted()) {
            // An interrupt that arrived after the last solve: stop before the write, not inside it.
            throw new InterruptedException("interrupted before writing shard " + k);
        }
        try {
            shardWriter.write(d, spec, file);
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

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "kforge-generate-" + n.incrementAndGet());
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
