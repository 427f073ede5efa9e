package io.krylovforge.cli;

import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Dtype;
import io.krylovforge.datasets.MatrixMarketExport;
import io.krylovforge.datasets.ProgressListener;
import io.krylovforge.datasets.ShardFormat;
import io.krylovforge.datasets.ShardSelection;
import io.krylovforge.mesh.family.Families;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import io.krylovforge.solvers.SolverSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kforge generate}: a sharded, reproducible, resumable dataset of PDE solutions for
 * neural-operator training ({@link DatasetGenerator}). Exit 0 when every sample converged, 2 for
 * bad input, 3 when some solves did not reach rtol (they are still stored, flagged in
 * {@code converged}), 130 when interrupted (rerun the same command to resume).
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate a neural-operator dataset: sample PDE systems, solve them, write npz shards",
            "and manifest.json. Rerunning the same command resumes; --shard i/N splits the work."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

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

    @Option(names = "--threads", description = "worker threads (default: number of CPUs)")
    Integer threads;

    @Option(names = "--rhs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "store the right-hand sides (default: ${DEFAULT-VALUE})")
    boolean rhs;

    @Option(names = "--store-matrix", description = "also store each sample's matrix A as CSR arrays"
            + " (matrix_indptr, matrix_offsets, matrix_indices, matrix_data) so users can check A x = b")
    boolean storeMatrix;

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GridMemory.check("--resolution", resolution, solverOptions.restart == null ? 40 : solverOptions.restart);
        if ("mtx".equals(format)) {
            return writeMatrixMarket(outw);
        }
        SolverSpec solver = solverOptions.toSpec();
        DatasetSpec ds = new DatasetSpec(family, resolution, samples, seed, solver, ShardFormat.parse(format),
                Dtype.parse(dtype), shardSize, rhs, storeMatrix);
        ShardSelection selection = ShardSelection.parse(shard);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        // A live bar only on a terminal; in logs and pipes one line per shard.
        ProgressListener progress = System.console() != null ? ConsoleProgress.bar("generate", System.err)
                : ConsoleProgress.lines("generate", outw);
        DatasetGenerator.Summary s;
        try {
            s = new DatasetGenerator(ds, out).withSelection(selection).withThreads(workers).withProgress(progress).run();
        } catch (InterruptedException e) {
            err.println("kforge: interrupted; finished shards are kept, rerun the same command to resume");
            return 130;
        }
        outw.printf(Locale.ROOT, "generated %d samples in %d shard(s), %d shard(s) already complete, in %.2f s"
                + " (%.2f samples/s, mean iterations %.1f)%n", s.samplesSolved(), s.shardsWritten(), s.shardsSkipped(),
                s.seconds(), s.samplesPerSecond(), s.meanIterations());
        outw.println("manifest: " + s.manifest());
        if (s.notConverged() > 0) {
            outw.printf(Locale.ROOT, "%d sample(s) did not reach rtol %.1e; stored with converged=False, see the"
                    + " manifest for their stop reasons%n", s.notConverged(), solver.rtol());
            outw.flush();
            return Kforge.EXIT_NOT_CONVERGED;
        }
        outw.flush();
        return Kforge.EXIT_OK;
    }

    /**
     * {@code --format mtx}: the sampled systems themselves, unsolved, one set of Matrix Market
     * files per sample (A, b and the parameter array that sorting uses), for other tools; the
     * same systems as npz/hdf5 with the same seed.
     */
    private int writeMatrixMarket(PrintWriter outw) throws java.io.IOException {
        MatrixMarketExport.write(family, resolution, samples, seed, out);
        outw.printf(Locale.ROOT, "wrote %d %s systems (n = %d) as Matrix Market to %s%n", samples, family,
                Families.create(family, resolution).size(), out);
        outw.flush();
        return Kforge.EXIT_OK;
    }

    static final class FamilyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Families.names().iterator();
        }
    }
}
