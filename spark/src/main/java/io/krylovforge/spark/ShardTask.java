package io.krylovforge.spark;

import io.krylovforge.core.linalg.ExecutionContext;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Manifest;
import io.krylovforge.datasets.ProgressListener;
import io.krylovforge.datasets.SampleSolvers;
import io.krylovforge.datasets.Sha256;
import io.krylovforge.datasets.ShardSolver;
import io.krylovforge.datasets.ShardWriter;
import io.krylovforge.datasets.SolvedShard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task: generates shard k with the same library code as {@code kforge generate}
 * ({@link ShardSolver}, {@link ShardWriter}) into a local scratch file, publishes it and its
 * {@code .sha256} sidecar through {@link ShardFiles}, and returns the manifest record as JSON
 * followed by the shard's array descriptions (the manifest's {@code arrays}).
 * The bytes depend only on the spec, so a retried or speculative attempt writes the same file.
 */
final class ShardTask implements Function<Integer, ArrayList<String>> {
    private static final long serialVersionUID = 1L;
    private final String[] args;
    private final HadoopConf conf;
    private final int failShard;
    private final int failAttempts;
    private final CommitMode mode;

    /**
     * @param args         the job's arguments (re-parsed on the executor: the spec records are not serializable)
     * @param conf         the driver's Hadoop configuration
     * @param failShard    shard whose first {@code failAttempts} attempts fail mid-write (tests), or -1
     * @param failAttempts how many attempts of {@code failShard} fail
     * @param mode         how files are committed
     */
    ShardTask(String[] args, HadoopConf conf, int failShard, int failAttempts, CommitMode mode) {
        this.args = args.clone();
        this.conf = conf;
        this.failShard = failShard;
        this.failAttempts = failAttempts;
        this.mode = mode;
    }

    @Override
    public ArrayList<String> call(Integer shard) throws Exception {
        int k = shard;
        long t0 = System.nanoTime();
        JobArguments options = JobArguments.parse(args);
        DatasetSpec spec = options.datasetSpec();
        ShardFiles files = ShardFiles.open(options.options().out(), conf.get(), mode);
        // Spark runs one task per core: the solver pool uses serial kernels, no nested forking.
        ExecutorService pool = Executors.newFixedThreadPool(options.threadsPerTask(),
                ExecutionContext.serial().threadFactory("kforge-spark-shard-" + k));
        Path scratch = Files.createTempDirectory("kforge-spark-");
        try {
            SolvedShard data = new ShardSolver(spec, SampleSolvers.create(spec)).solve(k, pool, ProgressListener.none());
            String name = spec.shardFileName(k);
            Path local = scratch.resolve(name);
            ShardWriter.of(spec.format()).write(data, spec, local);
            String sha = Sha256.of(local);
            long bytes = Files.size(local);
            TaskContext tc = TaskContext.get();
            String attempt = "attempt-" + (tc == null ? 0 : tc.taskAttemptId());
            boolean fail = k == failShard && tc != null && tc.attemptNumber() < failAttempts;
            files.publishShard(name, local, sha, attempt, fail ? bytes / 2 : -1);
            Manifest.Shard rec = data.record(name, bytes, sha, (System.nanoTime() - t0) / 1e9);
            ArrayList<String> result = new ArrayList<>();
            result.add(Manifest.shardJson(rec));
            result.addAll(ShardWriter.of(spec.format()).describe(data, spec));
            return result;
        } finally {
            pool.shutdownNow();
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
