package io.krylovforge.spark;

import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Dtype;
import io.krylovforge.datasets.ShardFormat;
import io.krylovforge.solvers.SolverSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The options of {@code kforge generate} (same names, defaults and validation through
 * {@link SolverSpec} and {@link DatasetSpec}) plus {@code --out URI} and the executor-local
 * {@code --threads}. The cli keeps its own copy because the cli must not depend on Spark and
 * this module must not depend on the cli; a bad option gives the same one-line message.
 */
@Command(name = "GenerateJob", mixinStandardHelpOptions = true,
        description = "Generate a kforge dataset on Apache Spark: one task per shard, written through Hadoop FileSystem.")
final class GenerateOptions {
    @Option(names = "--family", required = true, description = "PDE family")
    String family;

    @Option(names = {"--resolution", "--n"}, defaultValue = "64", description = "grid nodes per side")
    int resolution;

    @Option(names = "--samples", required = true, description = "samples in the whole dataset")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "dataset seed")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "URI",
            description = "output directory URI (hdfs://, s3a://, file:/ or a path on the default filesystem)")
    String out;

    @Option(names = "--solver", defaultValue = "auto", description = "solver")
    String solver;

    @Option(names = {"--precond", "--pc"}, defaultValue = "none", description = "preconditioner")
    String precond;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance ||b-Ax||/||b||")
    double rtol;

    @Option(names = "--atol", defaultValue = "0", description = "absolute tolerance")
    double atol;

    @Option(names = "--dtol", paramLabel = "D", description = "divergence limit")
    Double dtol;

    @Option(names = {"--max-iterations", "--maxiter"}, paramLabel = "N", description = "iteration limit per solve")
    Integer maxIterations;

    @Option(names = "--restart", paramLabel = "M", description = "GMRES-type restart length")
    Integer restart;

    @Option(names = "--recycle", defaultValue = "20", description = "recycle dimension of gcrodr/rcg")
    int recycle;

    @Option(names = "--refresh-every", defaultValue = "4", description = "gcrodr recycle-space refresh period")
    int refreshEvery;

    @Option(names = "--omega", description = "relaxation factor (default: 1.0)")
    String omega;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", description = "where the solve runs")
    String device;

    @Option(names = "--format", defaultValue = "npz", description = "npz or hdf5")
    String format;

    @Option(names = "--dtype", defaultValue = "float64", description = "float64 or float32")
    String dtype;

    @Option(names = "--shard-size", defaultValue = "1000", description = "samples per shard")
    int shardSize;

    @Option(names = "--threads", defaultValue = "1",
            description = "solver threads inside each task (default: 1; Spark runs one task per executor core)")
    int threads;

    @Option(names = "--rhs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "store the right-hand sides")
    boolean rhs;

    @Option(names = "--store-matrix", description = "also store each sample's matrix A as CSR arrays")
    boolean storeMatrix;

    /**
     * Parses {@code args}; a parse error or invalid value becomes a {@link JobArgumentException}
     * with the message {@code kforge generate} prints after "kforge: error: ".
     */
    static GenerateOptions parse(String... args) {
        GenerateOptions o = new GenerateOptions();
        try {
            new CommandLine(o).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new JobArgumentException(e.getMessage());
        }
        return o;
    }

    /** The dataset spec; invalid values are reported as {@code kforge generate} reports them. */
    DatasetSpec toSpec() {
        if ("mtx".equals(format)) {
            throw new JobArgumentException("--format mtx is not supported by the Spark job; use kforge generate");
        }
        if (restart != null && restart < 1) {
            throw new JobArgumentException("--restart must be >= 1, got " + restart);
        }
        if (threads < 1) {
            throw new JobArgumentException("--threads must be >= 1, got " + threads);
        }
        double w = 1.0;
        if (omega != null) {
            try {
                w = Double.parseDouble(omega.trim());
            } catch (NumberFormatException e) {
                throw new JobArgumentException("--omega must be a number, got '" + omega + "'");
            }
        }
        try {
            SolverSpec s = new SolverSpec(solver, precond, rtol, atol, dtol == null ? 0.0 : dtol,
                    maxIterations == null ? 0 : maxIterations, restart == null ? 0 : restart, recycle, refreshEvery,
                    w, device);
            return new DatasetSpec(family, resolution, samples, seed, s, ShardFormat.parse(format),
                    Dtype.parse(dtype), shardSize, rhs, storeMatrix);
        } catch (IllegalArgumentException e) {
            throw new JobArgumentException(e.getMessage());
        }
    }
}
