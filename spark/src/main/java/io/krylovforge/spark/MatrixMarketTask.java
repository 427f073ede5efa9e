package io.krylovforge.spark;

import io.krylovforge.cli.GenerateOptions;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.MatrixMarketExport;
import io.krylovforge.datasets.Sha256;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * One Spark task of {@code --format mtx}: writes samples {@code [k·shardSize, (k+1)·shardSize)}
 * with {@link MatrixMarketExport#writeSample} (the code {@code kforge generate --format mtx}
 * runs, so the same bytes) into a local scratch directory and commits each file through
 * {@link ShardFiles}. Returns how many samples it wrote.
 */
final class MatrixMarketTask implements Function<Integer, Integer> {
    private static final long serialVersionUID = 1L;
    private final String[] args;
    private final HadoopConf conf;
    private final CommitMode mode;

    /**
     * @param args the job's arguments (re-parsed on the executor)
     * @param conf the driver's Hadoop configuration
     * @param mode how files are committed
     */
    MatrixMarketTask(String[] args, HadoopConf conf, CommitMode mode) {
        this.args = args.clone();
        this.conf = conf;
        this.mode = mode;
    }

    @Override
    public Integer call(Integer chunk) throws Exception {
        GenerateOptions o = JobArguments.parse(args).options();
        ShardFiles files = ShardFiles.open(o.out(), conf.get(), mode);
        PdeFamily fam = Families.create(o.family(), o.resolution());
        // only family, resolution and seed are read (mtx is no shard format), as in kforge generate
        DatasetSpec spec = DatasetSpec.defaults(o.family()).withResolution(o.resolution()).withSeed(o.seed());
        int from = chunk * o.shardSize();
        int to = (int) Math.min(o.samples(), (long) from + o.shardSize());
        TaskContext tc = TaskContext.get();
        String attempt = "attempt-" + (tc == null ? 0 : tc.taskAttemptId());
        Path scratch = Files.createTempDirectory("kforge-spark-mtx-");
        try {
            for (int j = from; j < to; j++) {
                MatrixMarketExport.writeSample(spec, fam, j, scratch);
                List<Path> written = new ArrayList<>();
                try (var list = Files.list(scratch)) {
                    list.sorted().forEach(written::add);
                }
                for (Path local : written) {
                    files.publish(local.getFileName().toString(), local, Sha256.of(local), attempt, -1);
                    Files.delete(local);
                }
            }
            return to - from;
        } finally {
            try (var left = Files.list(scratch)) {
                for (Path p : (Iterable<Path>) left::iterator) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /** How many tasks {@code samples} samples take at {@code shardSize} per task. */
    static int chunks(int samples, int shardSize) {
        return (int) ((samples + (long) shardSize - 1) / shardSize);
    }
}
