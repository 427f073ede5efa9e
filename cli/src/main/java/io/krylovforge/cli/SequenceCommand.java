package io.krylovforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.HeatSequence;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.precond.SsorPreconditioner;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import io.krylovforge.solvers.tuning.ChebCb;
import io.krylovforge.solvers.tuning.FixedOmega;
import io.krylovforge.solvers.tuning.InstanceOptimalOmega;
import io.krylovforge.solvers.tuning.OmegaGrid;
import io.krylovforge.solvers.tuning.OmegaTuner;
import io.krylovforge.solvers.tuning.TsallisInf;
import io.krylovforge.solvers.tuning.TsallisInfCb;
import io.krylovforge.solvers.tuning.TunedSequenceSolver;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kforge sequence}: solve a sequence of related systems from a PDE family, either sorted
 * and recycled (GCRO-DR, deflated CG, or plain GMRES as the baseline), or with a relaxation
 * parameter tuned across the sequence (SOR / SSOR-PCG with {@code --omega bandit:...}).
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

    @Option(names = "--seed", defaultValue = "1", description = "sampling seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--solver", defaultValue = "gcrodr",
            description = "gcrodr, gmres, rcg (recycling), or sor, ssor-pcg (tuned omega) (default: ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--sort", defaultValue = "greedy", description = "none, greedy, scalable (default: ${DEFAULT-VALUE})")
    String sort;

    @Option(names = {"--precond", "--pc"}, defaultValue = "none", description = "preconditioner for gcrodr/gmres/rcg (default: ${DEFAULT-VALUE})")
    String precond;

    @Option(names = "--rtol", defaultValue = "1e-8", description = "relative tolerance (default: ${DEFAULT-VALUE})")
    double rtol;

    @Option(names = "--restart", defaultValue = "40", description = "restart length m (default: ${DEFAULT-VALUE})")
    int restart;

    @Option(names = "--recycle", defaultValue = "20", description = "recycle dimension k (default: ${DEFAULT-VALUE})")
    int recycle;

    @Option(names = "--refresh-every", defaultValue = "1",
            description = "gcrodr: refresh the recycle space every R-th cycle (and on each solve's last cycle); 1 = Parks et al."
                    + " and the SKR paper, 3 is cheaper per system on the bench's Darcy/Helmholtz sequences (default: ${DEFAULT-VALUE})")
    int refreshEvery;

    @Option(names = "--chains", defaultValue = "1", description = "independent chains solved in parallel (default: ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--omega", defaultValue = "bandit:chebcb",
            description = "for sor/ssor-pcg: fixed:W, optimal, bandit:tsallis, bandit:tsallis-cb, bandit:chebcb (default: ${DEFAULT-VALUE})")
    String omega;

    @Option(names = "--report", paramLabel = "report.json", description = "write per-system results as JSON")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (samples < 1) {
            throw new UserInputException("--samples must be >= 1, got " + samples);
        }
        GridMemory.check("--n", resolution, restart);
        if (solver.equals("sor") || solver.equals("ssor-pcg")) {
            return tuned();
        }
        return recycled();
    }

    private Integer recycled() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SequenceOptions.Method method = SequenceOptions.Method.fromName(solver);
        SequenceOptions.SortMode sortMode = switch (sort) {
            case "none" -> SequenceOptions.SortMode.NONE;
            case "greedy" -> SequenceOptions.SortMode.GREEDY;
            case "scalable" -> SequenceOptions.SortMode.SCALABLE;
            default -> throw new UserInputException("unknown --sort '" + sort + "'; use none, greedy or scalable");
        };
        PdeFamily fam = Families.create(family, resolution);
        long t0 = System.nanoTime();
        List<PdeInstance> instances = fam.samples(seed, samples);
        List<LinearSystem> systems = new ArrayList<>(samples);
        for (PdeInstance p : instances) {
            systems.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
        }
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        Supplier<Preconditioner> pc = "none".equals(precond) ? null : () -> Preconditioners.create(precond);
        if (pc != null) {
            pc.get(); // validate the name before the run
        }
        if (refreshEvery < 1) {
            throw new UserInputException("--refresh-every must be >= 1, got " + refreshEvery);
        }
        SequenceOptions o = SequenceOptions.defaults().withMethod(method).withRecycle(0).withRestart(restart)
                .withRecycle(method == SequenceOptions.Method.GMRES ? 0 : recycle)
                .withSolverOptions(SolverOptions.defaults().withRtol(rtol).withMaxIterations(10_000))
                .withSort(sortMode).withChains(chains).withRefreshEvery(refreshEvery);
        if (pc != null) {
            o = o.withPreconditioner(pc, false);
        }
        SequenceResult r = new SequenceSolver(o).solve(systems);
        out.printf(Locale.ROOT, "  family        %s, n = %d unknowns, %d systems (generated in %.2f s)%n", family,
                fam.size(), samples, genSeconds);
        out.printf(Locale.ROOT, "  solver        %s(m=%d%s), sort %s, preconditioner %s, rtol %.0e, chains %d%n",
                solver, restart, method == SequenceOptions.Method.GMRES ? "" : ", k=" + recycle, sort, precond, rtol, chains);
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
                m.put("seed", instances.get(s.index()).seed());
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
            top.put("solver", solver);
            top.put("sort", sort);
            top.put("preconditioner", precond);
            top.put("rtol", rtol);
            top.put("restart", restart);
            top.put("recycle", recycle);
            top.put("refreshEvery", refreshEvery);
            top.put("totalIterations", r.totalIterations());
            top.put("solveSeconds", r.totalSolveNanos() / 1e9);
            top.put("systems", rows);
            writeJson(top);
        }
        return r.allConverged() ? Kforge.EXIT_OK : Kforge.EXIT_NOT_CONVERGED;
    }

    private Integer tuned() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!family.equals("heat")) {
            throw new UserInputException("--solver " + solver + " (tuned omega) runs the heat family's time steps; "
                    + "use --family heat");
        }
        HeatSequence seq = new HeatSequence(resolution, 1e-3, samples);
        double kMin = Double.POSITIVE_INFINITY;
        double kMax = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < samples; t++) {
            kMin = Math.min(kMin, seq.kappaAt(t));
            kMax = Math.max(kMax, seq.kappaAt(t));
        }
        OmegaTuner tuner = tuner(omega, kMin, kMax > kMin ? kMax : kMin + 1.0);
        SolverOptions o = SolverOptions.defaults().withRtol(rtol).withNonzeroGuess(true).withMaxIterations(10_000);
        TunedSequenceSolver.RelaxedMethod m = solver.equals("sor") ? TunedSequenceSolver.sor()
                : TunedSequenceSolver.preconditionedCg(SsorPreconditioner::new);
        TunedSequenceSolver ts = new TunedSequenceSolver(tuner, m, o);
        double[] u = seq.initialState();
        long total = 0;
        int failed = 0;
        List<Map<String, Object>> rows = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < samples; t++) {
            CsrMatrix a = seq.matrix(t);
            DenseVector x = DenseVector.of(u);
            TunedSequenceSolver.Step s = ts.solveNext(a, DenseVector.wrap(seq.rhs(t, u)), x, seq.kappaAt(t));
            total += s.iterations();
            failed += s.result().converged() ? 0 : 1;
            u = x.data();
            if (report != null) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("step", t);
                row.put("kappa", seq.kappaAt(t));
                row.put("omega", s.omega());
                row.put("iterations", s.iterations());
                row.put("relativeResidual", s.result().relativeResidual());
                rows.add(row);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "  family        heat (Crank-Nicolson), n_x = %d, n = %d, %d time steps%n", resolution,
                seq.size(), samples);
        out.printf(Locale.ROOT, "  solver        %s, omega %s (%s), rtol %.0e%n", solver, omega, tuner.name(), rtol);
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

    private OmegaTuner tuner(String spec, double lo, double hi) {
        OmegaGrid grid = OmegaGrid.standard();
        if (spec.startsWith("fixed:")) {
            try {
                return new FixedOmega(Double.parseDouble(spec.substring(6)));
            } catch (NumberFormatException e) {
                throw new UserInputException("--omega fixed:W needs a number, got '" + spec + "'");
            }
        }
        return switch (spec) {
            case "optimal" -> new InstanceOptimalOmega(40, seed);
            case "bandit:tsallis" -> new TsallisInf(grid, seed);
            case "bandit:tsallis-cb" -> new TsallisInfCb(grid, lo, hi, 6, seed);
            case "bandit:chebcb" -> new ChebCb(grid, lo, hi, seed);
            default -> throw new UserInputException("unknown --omega '" + spec
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
