package io.krylovforge.bench;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceOptions.SortMode;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GCRO-DR(40, 20) against the {@link Gmres} class's GMRES(40) (the GMRES users run, not
 * {@code GcroDr(40, 0)} as in {@link SkrIterationCost}) on one SKR sequence without a
 * preconditioner: CPU ms of the solving thread per iteration and per system, after the first pass.
 * Run with {@code -Dkrylovforge.threads=1} so that the Gram–Schmidt work {@code Gmres} forks stays on
 * the measured thread. A profiling aid, not a table.
 *
 * <p>Usage: {@code SkrGmresComparison [systems=20] [family=darcy] [resolution=82] [rtol=1e-8]
 * [repeats=2] [refreshEvery=4]}; the systems are those of {@link SkrIterationCost} (seed 2024),
 * GCRO-DR solves them in greedy order.
 */
public final class SkrGmresComparison {
    private SkrGmresComparison() {
    }

    /**
     * Runs the comparison and prints one line per pass.
     *
     * @param args systems, family, resolution, rtol, repeats, refresh period (all optional)
     */
    public static void main(String[] args) {
        int systems = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        String family = args.length > 1 ? args[1] : "darcy";
        int res = args.length > 2 ? Integer.parseInt(args[2]) : 82;
        double rtol = args.length > 3 ? Double.parseDouble(args[3]) : 1e-8;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int refreshEvery = args.length > 5 ? Integer.parseInt(args[5]) : 4;
        PdeFamily fam = Families.create(family, res);
        List<LinearSystem> seq = new ArrayList<>();
        for (PdeInstance p : fam.samples(2024, systems)) {
            seq.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
        }
        SolverOptions so = SolverOptions.defaults().withRtol(rtol).withMaxIterations(10_000);
        SequenceOptions recycling = SequenceOptions.defaults().withSolverOptions(so).withRefreshEvery(refreshEvery)
                .withSort(SortMode.GREEDY);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Gmres gmres = new Gmres(40);
        for (int rep = 0; rep <= repeats; rep++) {
            long gIts = 0;
            long t0 = mx.getCurrentThreadCpuTime();
            for (LinearSystem s : seq) {
                Vector x = s.b().zerosLike();
                SolveResult r = gmres.solve(s.a(), s.b(), x, so);
                gIts += r.iterations();
            }
            double gMs = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
            SequenceResult sr = new SequenceSolver(recycling).solve(seq);
            double sMs = sr.totalCpuNanos() / 1e6;
            double gPerIt = gMs / gIts;
            double sPerIt = sMs / sr.totalIterations();
            System.out.printf(Locale.ROOT, "%s n=%d rtol=%.0e R=%d pass %d: Gmres(40) %.1f it %.3f ms/it (%.1f ms) | "
                    + "GCRO-DR %.1f it %.3f ms/it (%.1f ms) conv %d/%d | per-it ratio %.2f, time speed-up %.2f, "
                    + "iteration speed-up %.2f%n", family, fam.size(), rtol, refreshEvery, rep, gIts / (double) systems,
                    gPerIt, gMs / systems, sr.totalIterations() / (double) systems, sPerIt, sMs / systems,
                    sr.convergedCount(), systems, sPerIt / gPerIt, gMs / sMs,
                    gIts / (double) sr.totalIterations());
        }
    }
}
