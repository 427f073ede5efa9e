package io.krylovforge.bench;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceOptions.Method;
import io.krylovforge.solvers.recycle.SequenceOptions.SortMode;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-iteration cost of GCRO-DR(40, 20) against GMRES(40) on one SKR sequence (no preconditioner):
 * CPU ms of the solving thread divided by the iterations (products with A), averaged over the
 * sequence, after a warm-up pass. A profiling aid for the recycling solver, not a table.
 *
 * <p>Usage: {@code SkrIterationCost [systems=30] [family=darcy-skr] [resolution=82] [rtol=1e-8]
 * [repeats=2] [refreshEvery=1] [methods=both]}; methods {@code gcrodr} or {@code gmres} runs one side
 * only (for a profiler).
 */
public final class SkrIterationCost {
    private SkrIterationCost() {
    }

    public static void main(String[] args) {
        int systems = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String family = args.length > 1 ? args[1] : "darcy-skr";
        int res = args.length > 2 ? Integer.parseInt(args[2]) : 82;
        double rtol = args.length > 3 ? Double.parseDouble(args[3]) : 1e-8;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int refreshEvery = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        String methods = args.length > 6 ? args[6] : "both";
        boolean runGmres = !methods.equals("gcrodr");
        boolean runGcroDr = !methods.equals("gmres");
        PdeFamily fam = Families.create(family, res);
        List<LinearSystem> seq = new ArrayList<>();
        for (PdeInstance p : fam.samples(2024, systems)) {
            seq.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
        }
        // R always explicit: the default of sequences is no longer 1
        SequenceOptions base = SequenceOptions.defaults()
                .withSolverOptions(SolverOptions.defaults().withRtol(rtol).withMaxIterations(10_000))
                .withRefreshEvery(refreshEvery);
        for (int rep = 0; rep <= repeats; rep++) {
            SequenceResult g = runGmres
                    ? new SequenceSolver(base.withMethod(Method.GMRES).withSort(SortMode.NONE)).solve(seq)
                    : new SequenceSolver(base.withMethod(Method.GMRES).withSort(SortMode.NONE)).solve(seq.subList(0, 1));
            SequenceResult s = runGcroDr
                    ? new SequenceSolver(base.withSort(SortMode.GREEDY)).solve(seq)
                    : new SequenceSolver(base.withSort(SortMode.GREEDY)).solve(seq.subList(0, 1));
            double gIt = g.totalCpuNanos() / 1e6 / g.totalIterations();
            double sIt = s.totalCpuNanos() / 1e6 / s.totalIterations();
            System.out.printf(Locale.ROOT, "%s n=%d rtol=%.0e R=%d pass %d: GMRES %.1f it %.3f ms/it (%.1f ms) | "
                    + "GCRO-DR %.1f it %.3f ms/it (%.1f ms) conv %d/%d | per-it ratio %.2f, time speed-up %.2f, "
                    + "iteration speed-up %.2f%n", family, fam.size(), rtol, refreshEvery, rep,
                    g.totalIterations() / (double) g.systems().size(), gIt, g.totalCpuNanos() / 1e6 / g.systems().size(),
                    s.totalIterations() / (double) s.systems().size(), sIt, s.totalCpuNanos() / 1e6 / s.systems().size(),
                    g.convergedCount(), s.convergedCount(), sIt / gIt,
                    (g.totalCpuNanos() / (double) g.systems().size()) / (s.totalCpuNanos() / (double) s.systems().size()),
                    (g.totalIterations() / (double) g.systems().size()) / (s.totalIterations() / (double) s.systems().size()));
        }
    }
}
