package io.krylovforge.spark;

import io.krylovforge.cli.GenerateOptions;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.SampleSolvers;
import io.krylovforge.datasets.ShardSelection;
import io.krylovforge.mesh.family.Families;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The job's command line: exactly {@code kforge generate}'s options, because it mixes in the
 * CLI's own {@link GenerateOptions} (same names, defaults, parsing and messages). What the job
 * adds is only how a few of them apply on a cluster: {@code --out} is a Hadoop URI,
 * {@code --threads} (default 1) counts solver threads inside one task, and the options that
 * cannot make sense on executors are refused in the driver with one line.
 */
@Command(name = "GenerateJob", mixinStandardHelpOptions = true,
        description = {"kforge generate as an Apache Spark job: one task per shard, written through Hadoop FileSystem.",
            "Takes exactly the options of kforge generate; --out is a Hadoop URI."})
final class JobArguments {
    @Mixin
    GenerateOptions options;

    /**
     * Parses {@code args}; a parse error or an invalid value becomes a {@link JobArgumentException}
     * with the message {@code kforge generate} prints after "kforge: error: ".
     */
    static JobArguments parse(String... args) {
        JobArguments a = new JobArguments();
        try {
            new CommandLine(a).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new JobArgumentException(e.getMessage());
        }
        a.check();
        return a;
    }

    /** The picocli model of the job's command line (usage, option names). */
    static CommandLine commandLine() {
        return new CommandLine(new JobArguments());
    }

    private void check() {
        try {
            options.refuseUnused(); // --weights, an --omega tuner, --shard with mtx: as kforge generate
            if (options.threads() != null && options.threads() < 1) {
                throw new JobArgumentException("--threads must be >= 1, got " + options.threads());
            }
            if (options.matrixMarket()) {
                if (options.samples() < 1) {
                    throw new JobArgumentException("samples must be >= 1, got " + options.samples());
                }
                if (options.shardSize() < 1) {
                    throw new JobArgumentException("--shard-size must be >= 1, got " + options.shardSize());
                }
                Families.create(options.family(), options.resolution());
            } else {
                // As kforge generate: the spec, then the sample solver (it refuses --device other than cpu), then --shard.
                SampleSolvers.create(datasetSpec());
                options.selection();
            }
        } catch (IllegalArgumentException e) {
            throw new JobArgumentException(e.getMessage());
        }
    }

    /** The shared options. */
    GenerateOptions options() {
        return options;
    }

    /** The npz/hdf5 dataset spec (checked by {@link #parse}). */
    DatasetSpec datasetSpec() {
        try {
            return options.datasetSpec();
        } catch (IllegalArgumentException e) {
            throw new JobArgumentException(e.getMessage());
        }
    }

    /** {@code --shard i/N} (checked by {@link #parse}). */
    ShardSelection selection() {
        return options.selection();
    }

    /** Solver threads inside one task: {@code --threads}, default 1 (Spark runs one task per core). */
    int threadsPerTask() {
        return options.threads() == null ? 1 : options.threads();
    }
}
