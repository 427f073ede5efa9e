package io.krylovforge.cli;

import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.MatrixMarketExport;
import io.krylovforge.datasets.ProgressListener;
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

    @Mixin
    GenerateOptions options;

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        options.refuseUnused();
        GridMemory.check("--resolution", options.resolution(), Families.dimension(options.family()), options.restartForMemoryCheck());
        Path out = options.outPath();
        if (options.matrixMarket()) {
            return writeMatrixMarket(outw, out);
        }
        DatasetSpec ds = options.datasetSpec();
        SolverSpec solver = ds.solver();
        ShardSelection selection = options.selection();
        int workers = options.threads() != null ? options.threads() : Runtime.getRuntime().availableProcessors();
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
    private int writeMatrixMarket(PrintWriter outw, Path out) throws java.io.IOException {
        // the spec without --format (mtx is no shard format); only family, resolution, samples and seed are used
        MatrixMarketExport.write(DatasetSpec.defaults(options.family()).withResolution(options.resolution())
                .withSamples(options.samples()).withSeed(options.seed()), out);
        outw.printf(Locale.ROOT, "wrote %d %s systems (n = %d) as Matrix Market to %s%n", options.samples(),
                options.family(), Families.create(options.family(), options.resolution()).size(), out);
        outw.flush();
        return Kforge.EXIT_OK;
    }
}
