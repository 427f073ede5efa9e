package io.krylovforge.cli;

import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Dtype;
import io.krylovforge.datasets.ShardFormat;
import io.krylovforge.datasets.ShardSelection;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.solvers.SolverSpec;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of {@code kforge generate} (a picocli mixin), public so that the Spark job
 * ({@code io.krylovforge.spark.GenerateJob}) mixes in this very class: both accept exactly the
 * same options, with the same defaults, parsing and one-line messages. Values are checked by
 * {@link SolverSpec} and {@link DatasetSpec}; a bad one is an {@link IllegalArgumentException}
 * whose message is the line printed after {@code kforge: error: }.
 */
public final class GenerateOptions {
    @Option(names = "--family", required = true,
            description = "PDE family; one of: ${COMPLETION-CANDIDATES}", completionCandidates = FamilyNames.class)
    String family;

    @Option(names = {"--resolution", "--n"}, defaultValue = "64",
            description = "grid nodes per side (heat: cells per side) (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--samples", required = true, description = "samples in the whole dataset")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "dataset seed (default: ${DEFAULT-VALUE})")
    long seed;

    // A string, not a Path: the Spark job takes a Hadoop URI here (hdfs://host/dir), which Path would mangle.
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output directory (the Spark job: a Hadoop URI, e.g. hdfs:///data/x, s3a://bucket/x, file:///x)")
    String out;

    @Mixin
    SolverSpecOptions solverOptions;

    @Option(names = "--format", defaultValue = "npz", description = "npz, hdf5, or mtx (unsolved systems as Matrix Market files) (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--dtype", defaultValue = "float64", description = "float64 or float32 (default: ${DEFAULT-VALUE})")
    String dtype;

    @Option(names = "--shard-size", defaultValue = "1000", description = "samples per shard (default: ${DEFAULT-VALUE})")
    int shardSize;

    @Option(names = "--shard", paramLabel = "i/N", defaultValue = "0/1",
            description = "write only shards k with k mod N = i (default: all)")
    String shard;

    @Option(names = "--threads", description = "worker threads (default: number of CPUs; the Spark job: solver threads per task, default 1)")
    Integer threads;

    @Option(names = "--rhs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "store the right-hand sides (default: ${DEFAULT-VALUE})")
    boolean rhs;

    @Option(names = "--store-matrix", description = "also store each sample's matrix A as CSR arrays"
            + " (matrix_indptr, matrix_offsets, matrix_indices, matrix_data) so users can check A x = b")
    boolean storeMatrix;

    /** @return {@code --out} as given (a local directory for the CLI, a Hadoop URI for the Spark job) */
    public String out() {
        return out;
    }

    /**
     * @return {@code --out} as a local path
     * @throws IllegalArgumentException when it is not a valid path
     */
    public Path outPath() {
        try {
            return Path.of(out);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("--out: not a valid path: " + e.getMessage());
        }
    }

    /** @return whether {@code --format mtx} asks for the unsolved systems as Matrix Market files */
    public boolean matrixMarket() {
        return "mtx".equals(format);
    }

    /** @return {@code --family} */
    public String family() {
        return family;
    }

    /** @return {@code --resolution} */
    public int resolution() {
        return resolution;
    }

    /** @return {@code --samples} */
    public int samples() {
        return samples;
    }

    /** @return {@code --seed} */
    public long seed() {
        return seed;
    }

    /** @return {@code --shard-size} */
    public int shardSize() {
        return shardSize;
    }

    /** @return {@code --threads}, or null when not given */
    public Integer threads() {
        return threads;
    }

    /**
     * Refuses the options generation would not use, so none is ignored silently: {@code --weights}
     * (dataset solves take the registry's dcdm with its bundled weights), an {@code --omega} tuner
     * (tuners learn ω over a sequence: {@code kforge sequence}) and {@code --shard} with
     * {@code --format mtx} (the export writes every sample). The CLI and the Spark job call it first.
     *
     * @throws IllegalArgumentException naming the option (message: the one-line problem)
     */
    public void refuseUnused() {
        if (weights() != null) {
            throw new IllegalArgumentException("--weights is not used by dataset generation (dcdm datasets use the"
                    + " bundled weights); leave it out");
        }
        if (solverOptions.omegaTuner() != null) {
            throw new IllegalArgumentException("--omega " + solverOptions.omega.trim() + " tunes omega over a sequence"
                    + " (kforge sequence); generate takes a number");
        }
        if (matrixMarket() && !selection().equals(ShardSelection.all())) {
            throw new IllegalArgumentException("--shard splits npz/hdf5 shards; --format mtx writes every sample,"
                    + " leave --shard out");
        }
    }

    /** @return {@code --weights}, or null when not given */
    public Path weights() {
        return solverOptions.weights;
    }

    /** @return the GMRES-type restart the heap check assumes ({@code --restart}, else 40) */
    int restartForMemoryCheck() {
        return solverOptions.restart == null ? 40 : solverOptions.restart;
    }

    /**
     * @return the solver options as one validated spec
     * @throws IllegalArgumentException for an invalid value (message: the one-line problem)
     */
    public SolverSpec solverSpec() {
        try {
            return solverOptions.toSpec();
        } catch (UserInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * @return the dataset spec of a npz/hdf5 dataset
     * @throws IllegalArgumentException for an invalid value (message: the one-line problem)
     */
    public DatasetSpec datasetSpec() {
        return new DatasetSpec(family, resolution, samples, seed, solverSpec(), ShardFormat.parse(format),
                Dtype.parse(dtype), shardSize, rhs, storeMatrix);
    }

    /**
     * @return {@code --shard i/N}
     * @throws IllegalArgumentException when it is not {@code i/N} with 0 ≤ i &lt; N
     */
    public ShardSelection selection() {
        return ShardSelection.parse(shard);
    }

    static final class FamilyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Families.names().iterator();
        }
    }
}
