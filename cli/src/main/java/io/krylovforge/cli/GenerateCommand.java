package io.krylovforge.cli;

import io.krylovforge.datasets.ConsoleProgress;
import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Dtype;
import io.krylovforge.datasets.ProgressListener;
import io.krylovforge.datasets.ShardFormat;
import io.krylovforge.datasets.ShardSelection;
import io.krylovforge.mesh.family.Families;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(names = "--solver", defaultValue = "gmres", description = "solver (default: ${DEFAULT-VALUE})")
    String solver;

    @Option(names = {"--precond", "--pc"}, defaultValue = "none", description = "preconditioner (default: ${DEFAULT-VALUE})")
    String precond;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = {"--max-iterations", "--maxiter"}, defaultValue = "10000",
            description = "iteration limit per solve (default: ${DEFAULT-VALUE})")
    int maxIterations;

    @Option(names = "--restart", defaultValue = "40", description = "GMRES-type restart length (default: ${DEFAULT-VALUE})")
    int restart;

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

    @Override
    public Integer call() throws Exception {
        PrintWriter outw = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        GridMemory.check("--resolution", resolution, restart);
        if ("mtx".equals(format)) {
            return writeMatrixMarket(outw);
        }
        DatasetSpec ds = new DatasetSpec(family, resolution, samples, seed, solver, precond, rtol, maxIterations,
                restart, ShardFormat.parse(format), Dtype.parse(dtype), shardSize, rhs);
        ShardSelection selection = ShardSelection.parse(shard);
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        // A live bar only on a terminal; in logs and pipes one line per shard.
        ProgressListener progress = System.console() != null ? ConsoleProgress.bar(System.err)
                : ConsoleProgress.lines(outw);
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
                    + " manifest for their stop reasons%n", s.notConverged(), rtol);
            outw.flush();
            return Kforge.EXIT_NOT_CONVERGED;
        }
        outw.flush();
        return Kforge.EXIT_OK;
    }

    /**
     * {@code --format mtx}: the sampled systems themselves, unsolved, one set of Matrix Market
     * files per sample (A, b and the parameter array that sorting uses), for other tools.
     */
    private int writeMatrixMarket(PrintWriter outw) throws java.io.IOException {
        if (samples < 1) {
            throw new UserInputException("--samples must be >= 1, got " + samples);
        }
        java.nio.file.Files.createDirectories(out);
        io.krylovforge.mesh.family.PdeFamily fam = Families.create(family, resolution);
        for (int i = 0; i < samples; i++) {
            long sampleSeed = seed + i;
            io.krylovforge.mesh.family.PdeInstance p = fam.sample(sampleSeed);
            String stem = String.format(Locale.ROOT, "%s-%05d", family, i);
            String note = family + " resolution " + resolution + ", sample " + i + ", seed " + sampleSeed;
            io.krylovforge.core.io.MatrixMarket.write(out.resolve(stem + "-A.mtx"), p.a(), note, true);
            io.krylovforge.core.io.MatrixMarket.writeVector(out.resolve(stem + "-b.mtx"), p.b(), note);
            io.krylovforge.core.io.MatrixMarket.writeVector(out.resolve(stem + "-params.mtx"), p.parameters(),
                    note + ", parameter shape " + java.util.Arrays.toString(p.parameterShape()));
        }
        outw.printf(Locale.ROOT, "wrote %d %s systems (n = %d) as Matrix Market to %s%n", samples, family, fam.size(), out);
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
