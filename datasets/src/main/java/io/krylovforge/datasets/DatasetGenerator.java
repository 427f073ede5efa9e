package io.krylovforge.datasets;

import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.UnaryOperator;

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
 * worker pool: each chain ({@link SampleSolver#chains}) samples and solves its systems on one
 * worker.
 */
public final class DatasetGenerator {
    private final DatasetSpec spec;
    private final Path out;
    private final ShardSelection selection;
    private final int threads;
    private final ProgressListener progress;
    private final SampleSolver sampleSolver;
    private final LongConsumer sampleHook;
    private final UnaryOperator<OutputStream> streamDecorator;

    /** Generates {@code spec} into the directory {@code out}, all shards, one thread per CPU. */
    public DatasetGenerator(DatasetSpec spec, Path out) {
        this(spec, out, ShardSelection.all(), Runtime.getRuntime().availableProcessors(), ProgressListener.none(),
                null, i -> { }, s -> s);
    }

    private DatasetGenerator(DatasetSpec spec, Path out, ShardSelection selection, int threads,
            ProgressListener progress, SampleSolver sampleSolver, LongConsumer sampleHook,
            UnaryOperator<OutputStream> streamDecorator) {
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
        this.sampleHook = sampleHook;
        this.streamDecorator = streamDecorator;
    }

    public DatasetGenerator withSelection(ShardSelection value) {
        return new DatasetGenerator(spec, out, value, threads, progress, sampleSolver, sampleHook, streamDecorator);
    }

    public DatasetGenerator withThreads(int value) {
        return new DatasetGenerator(spec, out, selection, value, progress, sampleSolver, sampleHook, streamDecorator);
    }

    public DatasetGenerator withProgress(ProgressListener value) {
        return new DatasetGenerator(spec, out, selection, threads, value, sampleSolver, sampleHook, streamDecorator);
    }

    /** Overrides the solving strategy (default: {@link SampleSolvers#create}(spec)). */
    public DatasetGenerator withSampleSolver(SampleSolver value) {
        return new DatasetGenerator(spec, out, selection, threads, progress, value, sampleHook, streamDecorator);
    }

    /** Test hook: called on the worker after each sample is solved (may throw to simulate a crash). */
    DatasetGenerator withSampleHook(LongConsumer value) {
        return new DatasetGenerator(spec, out, selection, threads, progress, sampleSolver, value, streamDecorator);
    }

    /** Test hook: wraps the stream each shard is written to (e.g. to simulate a full disk). */
    DatasetGenerator withStreamDecorator(UnaryOperator<OutputStream> value) {
        return new DatasetGenerator(spec, out, selection, threads, progress, sampleSolver, sampleHook, value);
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
        PdeFamily family = Families.create(spec.family(), spec.resolution());
        SampleSolver solver = sampleSolver != null ? sampleSolver : SampleSolvers.create(spec);
        prepareOutputDirectory();
        Path manifestPath = out.resolve(selection.manifestName());
        Manifest manifest = loadManifest(manifestPath, solver);
        deleteStaleTemporaries();

        Set<Integer> todo = new HashSet<>();
        long total = 0;
        long done = 0;
        Set<Integer> complete = new HashSet<>();
        for (int k = 0; k < spec.shardCount(); k++) {
            if (!selection.owns(k)) {
                continue;
            }
            total += spec.shardSamples(k);
            if (isComplete(k, manifest)) {
                complete.add(k);
                done += spec.shardSamples(k);
            } else {
                todo.add(k);
                if (manifest.shard(k) != null) {
                    manifest = manifest.withoutShard(k); // stale entry: its file is missing or differs
                }
            }
        }
        manifest.write(manifestPath);

        progress.start(total, done);
        int written = 0;
        long solved = 0;
        long failed = 0;
        long iterations = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            for (int k = 0; k < spec.shardCount(); k++) {
                if (complete.contains(k)) {
                    progress.shardSkipped(k, spec.shardSamples(k));
                }
                if (!todo.contains(k)) {
                    continue;
                }
                long s0 = System.nanoTime();
                ShardData data = solveShard(k, family, solver, pool);
                Path file = out.resolve(spec.shardFileName(k));
                writeShard(k, file, data);
                String sha = Sha256.of(file);
                AtomicFiles.write(out.resolve(spec.shardFileName(k) + ".sha256"),
                        (sha + "  " + spec.shardFileName(k) + "\n").getBytes(StandardCharsets.US_ASCII));
                Manifest.Shard rec = data.record(k, spec, spec.shardFileName(k), Files.size(file), sha,
                        (System.nanoTime() - s0) / 1e9);
                manifest = manifest.withShard(rec).withArrays(data.arrayDescriptions(spec));
                manifest.write(manifestPath);
                progress.shardWritten(k, file, sha);
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
        return new Summary(written, complete.size(), solved, failed, solved == 0 ? 0.0 : (double) iterations / solved,
                (System.nanoTime() - t0) / 1e9, manifestPath);
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

    /**
     * The arguments that differ, as options a user types ("--resolution 64 there, 32 now"), not
     * as a record's toString.
     */
    static String differences(DatasetSpec there, DatasetSpec now, ShardSelection thereShard, ShardSelection nowShard) {
        java.util.List<String> diff = new java.util.ArrayList<>();
        for (java.lang.reflect.RecordComponent c : DatasetSpec.class.getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(there);
                Object b = c.getAccessor().invoke(now);
                if (!java.util.Objects.equals(a, b)) {
                    String flag = "--" + c.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
                    diff.add(flag + " " + a + " there, " + b + " now");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("internal: cannot read " + c.getName(), e);
            }
        }
        if (!java.util.Objects.equals(thereShard, nowShard)) {
            diff.add("--shard " + thereShard + " there, " + nowShard + " now");
        }
        return String.join("; ", diff);
    }

    private Manifest loadManifest(Path path, SampleSolver solver) throws IOException {
        Manifest fresh = new Manifest(Manifest.FORMAT, "krylovforge " + version(), System.getProperty("java.version"),
                spec, SampleSeeds.description(), solver.name(), selection, spec.shardCount(), List.of(), List.of());
        if (!Manifest.exists(path)) {
            return fresh;
        }
        Manifest old = Manifest.read(path);
        if (!spec.equals(old.spec()) || !selection.equals(old.process())) {
            throw new DatasetArgumentException("output directory " + out + " already holds a dataset made with"
                    + " different arguments (" + differences(old.spec(), spec, old.process(), selection)
                    + "); rerun with the same arguments to resume, or choose another --out");
        }
        Manifest m = fresh;
        for (Manifest.Shard s : old.shards()) {
            m = m.withShard(s);
        }
        return m.withArrays(old.arrays());
    }

    /** Whether shard k's file exists and matches the checksum in the manifest and sidecar. */
    private boolean isComplete(int k, Manifest manifest) throws IOException {
        Manifest.Shard rec = manifest.shard(k);
        Path file = out.resolve(spec.shardFileName(k));
        if (rec == null || !Files.isRegularFile(file) || rec.samples() != spec.shardSamples(k)) {
            return false;
        }
        String sha = Sha256.of(file);
        if (!sha.equals(rec.sha256())) {
            return false;
        }
        Path sidecar = out.resolve(spec.shardFileName(k) + ".sha256");
        if (Files.isRegularFile(sidecar)) {
            String side = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
            int space = side.indexOf(' ');
            return (space < 0 ? side : side.substring(0, space)).equals(sha);
        }
        return true;
    }

    /** Removes temporary files of this process's shards and manifest left by a killed run. */
    private void deleteStaleTemporaries() throws IOException {
        Set<String> mine = new HashSet<>();
        mine.add(selection.manifestName());
        for (int k = 0; k < spec.shardCount(); k++) {
            if (selection.owns(k)) {
                mine.add(spec.shardFileName(k));
                mine.add(spec.shardFileName(k) + ".sha256");
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out, ".*.tmp")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                // AtomicFiles names its temporaries "." + target name + random digits + ".tmp".
                for (String target : mine) {
                    String prefix = "." + target;
                    if (name.startsWith(prefix)
                            && name.substring(prefix.length(), name.length() - 4).matches("-?\\d*")) {
                        Files.deleteIfExists(p);
                        break;
                    }
                }
            }
        }
    }

    /** The solved samples of one shard, in shard order. */
    private static final class ShardData {
        final long first;
        final long[] seeds;
        final double[][] inputs;
        final int[][] inputShapes;
        final double[][] solutions;
        final double[][] rhs;
        final boolean[] converged;
        final Manifest.SampleStats[] stats;

        ShardData(long first, long[] seeds) {
            int n = seeds.length;
            this.first = first;
            this.seeds = seeds;
            inputs = new double[n][];
            inputShapes = new int[n][];
            solutions = new double[n][];
            rhs = new double[n][];
            converged = new boolean[n];
            stats = new Manifest.SampleStats[n];
        }

        int n() {
            return seeds.length;
        }

        long[] inputShape() {
            int[] s = inputShapes[0];
            for (int i = 1; i < n(); i++) {
                if (!Arrays.equals(s, inputShapes[i]) || inputs[i].length != inputs[0].length) {
                    throw new IllegalStateException("internal: samples of one family differ in parameter shape");
                }
            }
            long[] shape = new long[s.length + 1];
            shape[0] = n();
            for (int d = 0; d < s.length; d++) {
                shape[d + 1] = s[d];
            }
            return shape;
        }

        long[] solutionShape() {
            int size = solutions[0].length;
            for (int i = 1; i < n(); i++) {
                if (solutions[i].length != size) {
                    throw new IllegalStateException("internal: samples of one family differ in size");
                }
            }
            int m = (int) Math.round(Math.sqrt(size));
            return m * m == size ? new long[] {n(), m, m} : new long[] {n(), size};
        }

        List<String> arrayDescriptions(DatasetSpec spec) {
            List<String> a = new ArrayList<>();
            String d = spec.dtype().descr();
            a.add("inputs: " + shapeText(inputShape()) + " " + d + " (PDE parameters, Manifest arrays)");
            a.add("solutions: " + shapeText(solutionShape()) + " " + d);
            if (spec.saveRhs()) {
                a.add("rhs: " + shapeText(solutionShape()) + " " + d);
            }
            a.add("seeds: (N,) <i8");
            a.add("indices: (N,) <i8 (global sample index)");
            a.add(spec.format() == ShardFormat.HDF5 ? "converged: (N,) uint8" : "converged: (N,) |b1");
            return a;
        }

        private static String shapeText(long[] shape) {
            StringBuilder sb = new StringBuilder("(N");
            for (int i = 1; i < shape.length; i++) {
                sb.append(", ").append(shape[i]);
            }
            return sb.append(shape.length == 1 ? ",)" : ")").toString();
        }

        Manifest.Shard record(int k, DatasetSpec spec, String file, long bytes, String sha, double seconds) {
            int failed = 0;
            long its = 0;
            for (int i = 0; i < n(); i++) {
                failed += converged[i] ? 0 : 1;
                its += stats[i].iterations();
            }
            return new Manifest.Shard(k, file, first, n(), bytes, sha, seconds, failed, (double) its / n(),
                    List.of(stats));
        }
    }

    private ShardData solveShard(int k, PdeFamily family, SampleSolver solver, ExecutorService pool)
            throws InterruptedException, IOException {
        int n = spec.shardSamples(k);
        long first = spec.firstSample(k);
        long[] seeds = new long[n];
        for (int i = 0; i < n; i++) {
            seeds[i] = SampleSeeds.of(spec.seed(), first + i);
        }
        ShardData data = new ShardData(first, seeds);
        double[][] parameters = null;
        if (solver.needsParameters()) {
            double[][] p = new double[n][];
            List<Runnable> jobs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int idx = i;
                jobs.add(() -> p[idx] = family.sample(seeds[idx]).parameters());
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
                    PdeInstance sys = family.sample(seeds[idx]);
                    SampleSolver.Solved s = c.solve(sys);
                    double secs = (System.nanoTime() - t) / 1e9;
                    data.inputs[idx] = sys.parameters();
                    data.inputShapes[idx] = sys.parameterShape();
                    data.solutions[idx] = s.x();
                    data.rhs[idx] = sys.b();
                    data.converged[idx] = s.result().converged();
                    data.stats[idx] = new Manifest.SampleStats(first + idx, seeds[idx], s.result().iterations(),
                            s.result().relativeResidual(), s.result().reason().name(), secs);
                    sampleHook.accept(first + idx);
                    progress.sampleSolved(first + idx, s.result().iterations());
                }
            });
        }
        runAll(pool, jobs);
        return data;
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

    private void writeShard(int k, Path file, ShardData d) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            // An interrupt that arrived after the last solve: stop before the write, not inside it.
            throw new InterruptedException("interrupted before writing shard " + k);
        }
        long[] inShape = d.inputShape();
        long[] solShape = d.solutionShape();
        long[] indices = new long[d.n()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = d.first + i;
        }
        Dtype dtype = spec.dtype();
        try {
            if (spec.format() == ShardFormat.HDF5) {
                Hdf5ShardWriter h = new Hdf5ShardWriter();
                h.add("inputs", dtype, inShape, d.inputs);
                h.add("solutions", dtype, solShape, d.solutions);
                if (spec.saveRhs()) {
                    h.add("rhs", dtype, solShape, d.rhs);
                }
                h.addLongs("seeds", d.seeds);
                h.addLongs("indices", indices);
                h.addBooleans("converged", d.converged);
                h.write(file);
                return;
            }
            AtomicFiles.write(file, raw -> {
                OutputStream o = streamDecorator.apply(raw);
                try (NpzWriter z = new NpzWriter(o)) {
                    z.add("inputs", s -> Npy.write(s, dtype, inShape, d.inputs));
                    z.add("solutions", s -> Npy.write(s, dtype, solShape, d.solutions));
                    if (spec.saveRhs()) {
                        z.add("rhs", s -> Npy.write(s, dtype, solShape, d.rhs));
                    }
                    z.add("seeds", s -> Npy.writeLongs(s, d.seeds));
                    z.add("indices", s -> Npy.writeLongs(s, indices));
                    z.add("converged", s -> Npy.writeBooleans(s, d.converged));
                }
                o.flush();
            });
        } catch (java.nio.channels.ClosedByInterruptException e) {
            InterruptedException ie = new InterruptedException("interrupted while writing shard " + k
                    + " (no partial shard was left)");
            ie.initCause(e);
            throw ie;
        } catch (IOException e) {
            throw new IOException(String.format(Locale.ROOT,
                    "cannot write shard %d to %s: %s (no partial shard was left; rerun the same command to resume)",
                    k, file, e.getMessage() == null ? e.toString() : e.getMessage()), e);
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

    /** The software version Maven filtered into the jar, or "unknown". */
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
