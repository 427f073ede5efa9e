package io.krylovforge.datasets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krylovforge.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JSON record of what one process generated: the spec, software version, seed rule, and per
 * finished shard its file, SHA-256 and per-sample solver statistics (iterations, relative
 * residual, stop reason, wall time). Wall times live only here, never in shard files, so shards
 * stay byte-reproducible. One file per process ({@link ShardSelection#manifestName()}), rewritten
 * atomically after every shard, so concurrent processes never write the same file; a reader
 * takes the union of the {@code shards} lists of all {@code manifest*.json} in the directory.
 *
 * @param format         manifest format tag
 * @param software       "krylovforge &lt;version&gt;"
 * @param java           JVM version that generated the data
 * @param spec           the dataset spec
 * @param seedDerivation how sample seeds follow from the spec's seed
 * @param sampleSolver   the solving strategy
 * @param process        which shards this process owns
 * @param shardCount     shards in the whole dataset
 * @param arrays         the entries of every shard file, e.g. "inputs: (N, 66, 66) &lt;f8"
 * @param shards         finished shards, by index
 */
public record Manifest(String format, String software, String java, DatasetSpec spec, String seedDerivation,
        String sampleSolver, ShardSelection process, int shardCount, List<String> arrays, List<Shard> shards) {

    static final String FORMAT = "krylovforge-dataset/2"; // 2: spec.solver is a SolverSpec; optional matrix_* arrays

    /**
     * Copies the lists (null becomes empty), so a manifest cannot change under its reader.
     *
     * @param format         manifest format tag
     * @param software       "krylovforge &lt;version&gt;"
     * @param java           JVM version that generated the data
     * @param spec           the dataset spec
     * @param seedDerivation how sample seeds follow from the spec's seed
     * @param sampleSolver   the solving strategy
     * @param process        which shards this process owns
     * @param shardCount     shards in the whole dataset
     * @param arrays         the entries of every shard file, e.g. "inputs: (N, 66, 66) &lt;f8"
     * @param shards         finished shards, by index
     */
    public Manifest {
        arrays = arrays == null ? List.of() : List.copyOf(arrays);
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /**
     * One finished shard.
     *
     * @param index          shard number k
     * @param file           file name inside the output directory
     * @param firstSample    global index of its first sample (k·shardSize)
     * @param samples        samples in it
     * @param bytes          file size
     * @param sha256         hex SHA-256 of the file
     * @param seconds        wall time to generate and write it
     * @param notConverged   samples whose solve did not reach rtol
     * @param meanIterations mean solver iterations
     * @param stats          per sample, in index order
     */
    public record Shard(int index, String file, long firstSample, int samples, long bytes, String sha256,
            double seconds, int notConverged, double meanIterations, List<SampleStats> stats) {
    }

    /**
     * Solver statistics of one sample.
     *
     * @param index            global sample index
     * @param seed             the sample's seed ({@link SampleSeeds})
     * @param iterations       solver iterations
     * @param relativeResidual final ‖b − Ax‖/‖b‖
     * @param reason           the solver's stop reason
     * @param seconds          wall time of generation and solve
     */
    public record SampleStats(long index, long seed, int iterations, double relativeResidual, String reason,
            double seconds) {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Reads a manifest. */
    public static Manifest read(Path file) throws IOException {
        try {
            return mapper().readValue(file.toFile(), Manifest.class);
        } catch (JacksonException e) {
            throw new IOException("cannot read manifest " + file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes this manifest atomically. */
    public void write(Path file) throws IOException {
        byte[] json = mapper().writeValueAsBytes(this);
        AtomicFiles.write(file, json);
    }

    /** The entry for shard {@code k}, or null. */
    public Shard shard(int k) {
        for (Shard s : shards) {
            if (s.index() == k) {
                return s;
            }
        }
        return null;
    }

    /** A copy with {@code shard} added (replacing an entry of the same index), sorted by index. */
    public Manifest withShard(Shard shard) {
        List<Shard> list = new ArrayList<>();
        for (Shard s : shards) {
            if (s.index() != shard.index()) {
                list.add(s);
            }
        }
        list.add(shard);
        list.sort(Comparator.comparingInt(Shard::index));
        return new Manifest(format, software, java, spec, seedDerivation, sampleSolver, process, shardCount,
                arrays, list);
    }

    /** A copy without the entry for shard {@code k}. */
    public Manifest withoutShard(int k) {
        List<Shard> list = new ArrayList<>();
        for (Shard s : shards) {
            if (s.index() != k) {
                list.add(s);
            }
        }
        return new Manifest(format, software, java, spec, seedDerivation, sampleSolver, process, shardCount,
                arrays, list);
    }

    /** A copy with a new array description. */
    public Manifest withArrays(List<String> value) {
        return new Manifest(format, software, java, spec, seedDerivation, sampleSolver, process, shardCount,
                value, shards);
    }

    /**
     * An empty manifest for {@code spec} as this software version writes it (the same header
     * the CLI writes), for generators that keep the manifest elsewhere than a local directory.
     *
     * @param spec       the dataset spec
     * @param selection  which shards the writer owns
     * @param solverName the solving strategy's name
     * @return a manifest without shards
     */
    public static Manifest create(DatasetSpec spec, ShardSelection selection, String solverName) {
        return new Manifest(FORMAT, "krylovforge " + DatasetGenerator.version(), System.getProperty("java.version"),
                spec, SampleSeeds.description(), solverName, selection, spec.shardCount(), List.of(), List.of());
    }

    /** {@return this manifest as the JSON bytes {@link #write} stores} */
    public byte[] toJson() throws IOException {
        return mapper().writeValueAsBytes(this);
    }

    /** Parses manifest JSON; {@code source} names it in the error. */
    public static Manifest parse(byte[] json, String source) throws IOException {
        try {
            return mapper().readValue(json, Manifest.class);
        } catch (JacksonException e) {
            throw new IOException("cannot read manifest " + source + ": " + e.getOriginalMessage(), e);
        }
    }

    /** One shard record as JSON (for shipping it from a worker to the process that keeps the manifest). */
    public static String shardJson(Shard shard) throws IOException {
        return mapper().writeValueAsString(shard);
    }

    /** Parses {@link #shardJson}. */
    public static Shard parseShard(String json) throws IOException {
        return mapper().readValue(json, Shard.class);
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
