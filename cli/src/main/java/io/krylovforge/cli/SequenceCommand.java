package io.krylovforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.datasets.FamilySequences;
import io.krylovforge.datasets.ProgressListener;
import io.krylovforge.datasets.SampleSeeds;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.HeatSequence;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.tuning.ChebCb;
import io.krylovforge.solvers.tuning.FixedOmega;
import io.krylovforge.solvers.tuning.InstanceOptimalOmega;
import io.krylovforge.solvers.tuning.OmegaGrid;
import io.krylovforge.solvers.tuning.OmegaTuner;
import io.krylovforge.solvers.tuning.TsallisInf;
import io.krylovforge.solvers.tuning.TsallisInfCb;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kforge sequence}: solve a sequence of related systems from a PDE family (the same systems
 * {@code generate --seed} writes), sorted and recycled (gcrodr, rcg), independently with any other
 * registry solver, or with a relaxation parameter tuned across the heat equation's time steps
 * (sor / ssor-pcg with {@code --omega bandit:...}). The solving lives in {@link FamilySequences};
 * this class parses and prints. Solver options are those of {@code solve} ({@link SolverSpecOptions}).
 */
@Command(name = "sequence", mixinStandardHelpOptions = true,
        description = "Solve a sequence of related PDE systems with Krylov recycling or a bandit-tuned omega.")
final class SequenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--family", required = true, description = "PDE family: ${COMPLETION-CANDIDATES}",
            completionCandidates = FamilyNames.class)
    String family;

    @Option(names = {"--n", "--resolution"}, defaultValue = "64", description = "resolution (grid points per side; "
            + "cells per side for heat) (default: ${DEFAULT-VALUE})")
    int resolution;

    @Option(names = "--samples", defaultValue = "100", description = "systems in the sequence (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "dataset seed: system j is generate's sample j (default: ${DEFAULT-VALUE})")
    long seed;

    @Mixin
    SolverSpecOptions solverOptions;

    @Option(names = "--sort", defaultValue = "greedy", description = "gcrodr/rcg: none, greedy, scalable (default: ${DEFAULT-VALUE})")
    String sort;

    @Option(names = "--chains", defaultValue = "1", description = "gcrodr/rcg: independent chains solved in parallel (default: ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--report", paramLabel = "report.json", description = "write per-system results as JSON")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (samples < 1) {
            throw new UserInputException("--samples must be >= 1, got " + samples);
        }
        GridMemory.check("--n", resolution, Families.dimension(family), solverOptions.restart == null ? 40 : solverOptions.restart);
        String solver = solverOptions.solver.trim().toLowerCase(Locale.ROOT);
        // sor with a tuner (or no --omega) and ssor-pcg are the tuned heat runs; sor with a number is a plain solve
        if (solver.equals("ssor-pcg") || solver.equals("sor") && (solverOptions.omega == null
                || solverOptions.omegaTuner() != null)) {
            return tuned(solver);
        }
        // auto decides once per family and size, as generate does
        return solved(io.krylovforge.datasets.DatasetAuto.resolve(solverOptions.toSpec(), family, resolution));
    }

    private ProgressListener progress(String task) {
        return System.console() != null ? ConsoleProgress.bar(task, System.err) : ProgressListener.none();
    }

    private Integer solved(SolverSpec solverSpec) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SequenceOptions.SortMode sortMode = switch (sort) {
            case "none" -> SequenceOptions.SortMode.NONE;
            case "greedy" -> SequenceOptions.SortMode.GREEDY;
            case "scalable" -> SequenceOptions.SortMode.SCALABLE;
            default -> throw new UserInputException("unknown --sort '" + sort + "'; use none, greedy or scalable");
        };
        if (chains < 1) {
            throw new UserInputException("--chains must be >= 1, got " + chains);
        }
        PdeFamily fam = Families.create(family, resolution);
        long t0 = System.nanoTime();
        List<LinearSystem> systems = FamilySequences.systems(fam, seed, samples);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        SequenceResult r = FamilySequences.solve(systems, solverSpec, sortMode, chains, progress("sequence"));
        out.printf(Locale.ROOT, "  family        %s, n = %d unknowns, %d systems (generated in %.2f s)%n", family,
                fam.size(), samples, genSeconds);
        out.printf(Locale.ROOT, "  solver        %s%s, preconditioner %s%n", solverSpec.describe(),
                solverSpec.recycles() ? ", sort " + sort + ", chains " + chains : " (independent solves)",
                solverSpec.precond());
        out.printf(Locale.ROOT, "  converged     %d of %d%n", r.convergedCount(), samples);
        out.printf(Locale.ROOT, "  iterations    %d total, %.1f per system%n", r.totalIterations(),
                (double) r.totalIterations() / samples);
        out.printf(Locale.ROOT, "  time          sort %.3f s, solve %.3f s (%.2f ms per system), wall %.3f s%n",
                r.sortNanos() / 1e9, r.totalSolveNanos() / 1e9, r.totalSolveNanos() / 1e6 / samples, r.wallNanos() / 1e9);
        if (report != null) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (SequenceResult.SystemResult s : r.systems()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("index", s.index());
                m.put("position", s.position());
                m.put("chain", s.chain());
                m.put("seed", SampleSeeds.of(seed, s.index()));
                m.put("iterations", s.iterations());
                m.put("relativeResidual", s.result().relativeResidual());
                m.put("stopReason", s.result().reason().name());
                m.put("millis", s.nanos() / 1e6);
                rows.add(m);
            }
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("family", family);
            top.put("resolution", resolution);
            top.put("unknowns", fam.size());
            top.put("samples", samples);
            top.put("seed", seed);
            top.put("solver", solverSpec.solver());
            top.put("sort", sort);
            top.put("preconditioner", solverSpec.precond());
            top.put("rtol", solverSpec.rtol());
            top.put("restart", solverSpec.restartOrDefault());
            top.put("recycle", solverSpec.recycle());
            top.put("refreshEvery", solverSpec.refreshEvery());
            top.put("totalIterations", r.totalIterations());
            top.put("solveSeconds", r.totalSolveNanos() / 1e9);
            top.put("systems", rows);
            writeJson(top);
        }
        return r.allConverged() ? Kforge.EXIT_OK : Kforge.EXIT_NOT_CONVERGED;
    }

    private Integer tuned(String solver) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!family.equals("heat")) {
            throw new UserInputException("--solver " + solver + " (tuned omega) runs the heat family's time steps; "
                    + "use --family heat");
        }
        String omega = solverOptions.omegaTuner() != null ? solverOptions.omegaTuner() : "bandit:chebcb";
        // the shared options (rtol, limit, ...) validated as for an SOR solve
        SolverSpec solverSpec = solverOptions.toSpec("sor");
        HeatSequence.Options heat = HeatSequence.Options.learningToRelax(resolution).withSteps(samples);
        double[] range = FamilySequences.heatKappaRange(heat);
        OmegaTuner tuner = tuner(omega, range[0], range[1]);
        long t0 = System.nanoTime();
        List<FamilySequences.HeatStep> steps = FamilySequences.tuneHeat(heat,
                solver.equals("ssor-pcg") ? FamilySequences.HeatMethod.SSOR_PCG : FamilySequences.HeatMethod.SOR, tuner,
                solverSpec, progress("sequence"));
        double secs = (System.nanoTime() - t0) / 1e9;
        long total = 0;
        int failed = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FamilySequences.HeatStep s : steps) {
            total += s.iterations();
            failed += s.converged() ? 0 : 1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", s.step());
            row.put("kappa", s.kappa());
            row.put("omega", s.omega());
            row.put("iterations", s.iterations());
            row.put("relativeResidual", s.relativeResidual());
            rows.add(row);
        }
        out.printf(Locale.ROOT, "  family        heat (Crank-Nicolson), n_x = %d, n = %d, %d time steps%n", resolution,
                new HeatSequence(heat).size(), samples);
        out.printf(Locale.ROOT, "  solver        %s, omega %s (%s), rtol %.0e%n", solver, omega, tuner.name(),
                solverSpec.rtol());
        out.printf(Locale.ROOT, "  converged     %d of %d%n", samples - failed, samples);
        out.printf(Locale.ROOT, "  iterations    %d total, %.1f per step%n", total, (double) total / samples);
        out.printf(Locale.ROOT, "  time          %.3f s%n", secs);
        if (report != null) {
            Map<String, Object> top = new LinkedHashMap<>();
            top.put("family", "heat");
            top.put("nx", resolution);
            top.put("solver", solver);
            top.put("omega", omega);
            top.put("totalIterations", total);
            top.put("seconds", secs);
            top.put("tunerState", tuner.state());
            top.put("steps", rows);
            writeJson(top);
        }
        return failed == 0 ? Kforge.EXIT_OK : Kforge.EXIT_NOT_CONVERGED;
    }

    private OmegaTuner tuner(String text, double lo, double hi) {
        OmegaGrid grid = OmegaGrid.standard();
        if (text.startsWith("fixed:")) {
            try {
                return new FixedOmega(Double.parseDouble(text.substring(6)));
            } catch (NumberFormatException e) {
                throw new UserInputException("--omega fixed:W needs a number, got '" + text + "'");
            }
        }
        return switch (text) {
            case "optimal" -> new InstanceOptimalOmega(40, seed);
            case "bandit:tsallis" -> new TsallisInf(grid, seed);
            case "bandit:tsallis-cb" -> new TsallisInfCb(grid, lo, hi, 6, seed);
            case "bandit:chebcb" -> new ChebCb(grid, lo, hi, seed);
            default -> throw new UserInputException("unknown --omega '" + text
                    + "'; use fixed:W, optimal, bandit:tsallis, bandit:tsallis-cb or bandit:chebcb");
        };
    }

    private void writeJson(Object value) throws java.io.IOException {
        byte[] bytes = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value);
        AtomicFiles.write(report, bytes);
        spec.commandLine().getOut().println("  report        written to " + report);
    }

    static final class FamilyNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Families.names().iterator();
        }
    }
}
