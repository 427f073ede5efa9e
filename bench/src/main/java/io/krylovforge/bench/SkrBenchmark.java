package io.krylovforge.bench;

import io.krylovforge.bench.harness.LinePlot;
import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceOptions.Method;
import io.krylovforge.solvers.recycle.SequenceOptions.SortMode;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * SKR benchmark: our reproduction of Table 1 of the SKR paper (Wang et al., ICLR 2024) —
 * GMRES(40) against SKR = greedy sort + GCRO-DR(40, 20), per-system averages over one sequence of
 * systems per dataset, for four preconditioners and three tolerances per dataset:
 * <ul>
 *   <li>Darcy, family {@code darcy-skr} (s = 82, n = 6400; the paper's nonsymmetric rows), rtol
 *       1e-2, 1e-5, 1e-8;</li>
 *   <li>Helmholtz, family {@code helmholtz-skr} (s = 102, n = 10⁴), rtol 1e-2, 1e-5, 1e-7;</li>
 *   <li>Thermal, family {@code thermal} (fixed FEM matrix, only the right-hand side varies; mesh
 *       size 1/53 gives n = 10884, the resolution nearest the paper's n = 11063), rtol 1e-5, 1e-8,
 *       1e-11;</li>
 *   <li>the paper's regime: Darcy (n = 6400) and Helmholtz (n = 10⁴) built by
 *       {@link SkrPaperMatrices}, i.e. the SKR code's generator with its assembly quirk, where
 *       GMRES(40) often stalls at the iteration cap (fewer systems, see the usage line; a GMRES
 *       run that hits the cap is reported as not converged and the speed-up as "≥").</li>
 * </ul>
 * Preconditioners: none, Jacobi, SOR (PETSc's {@code -pc_type sor} default is symmetric SOR with
 * ω = 1, so we use {@code ssor}), ILU(0); all on the LEFT, as PETSc's (and so the paper's) default,
 * testing ‖M⁻¹r‖ ≤ rtol·‖M⁻¹b‖; the true relative residual of every system is reported too.
 * x₀ = 0, at most 10 000 iterations, one preconditioner object per sequence updated per system.
 * Also the sorting ablation (greedy order vs a seeded shuffle) and a PNG of the iterations per system
 * along the sorted sequence. With an export folder it writes each sequence in solve order
 * (Matrix Market) for {@code bench/scripts/gcrotmk_sequence.py} (SciPy's gcrotmk).
 *
 * <p>Times are CPU time of the solving thread per system (the machine is shared), wall time in
 * brackets.
 *
 * <p>SKR runs GCRO-DR(40, 20) with {@code refreshEvery} = {@link #REFRESH} (the recycle space is
 * refreshed every third cycle and on the last one; see the notes in skr.md) and, in its own columns,
 * with refreshEvery = 1 (Parks et al.'s method, as the paper runs it).
 *
 * <p>Usage: {@code SkrBenchmark [systems=100] [out=bench/results/skr.md] [exportDir|-] [subset=full|core]
 * [paperSystems=50]}; {@code core} runs None and ILU(0) for Darcy and Helmholtz, None for Thermal,
 * and None and ILU(0) in the paper's regime (about a third of the full run's time).
 */
public final class SkrBenchmark {
    private static final String[] PRECS = {"none", "jacobi", "ssor", "ilu0"};
    private static final String[] PREC_LABELS = {"None", "Jacobi", "SOR (SSOR, w=1)", "ILU(0)"};
    /** refreshEvery of the "SKR" columns (R = 1 is shown next to it). */
    static final int REFRESH = 3;
    private static final int MAX_ITS = 10_000;

    /** One dataset: family, resolution, tolerances, the paper's Table 1 cells (time/its per prec x tol). */
    private record Case(String title, String family, int resolution, double[] tols, String[][] paper,
            String paperSize) {
    }

    private static final Case[] CASES = {
        new Case("Darcy", "darcy-skr", 82, new double[] {1e-2, 1e-5, 1e-8},
                new String[][] {{"2.62/19.2", "2.92/21.1", "2.70/19.1"}, {"2.88/22.6", "3.42/24.5", "3.09/22.9"},
                    {"2.69/23.3", "3.45/27.9", "3.54/27.5"}, {"1.93/9.44", "3.08/14.4", "3.70/17.2"}}, "6400"),
        new Case("Helmholtz", "helmholtz-skr", 102, new double[] {1e-2, 1e-5, 1e-7},
                new String[][] {{"7.74/17.3", "7.61/16.5", "6.47/13.68"}, {"8.44/20.3", "8.62/20.0", "7.96/18.1"},
                    {"8.37/22.3", "10.5/26.2", "10.6/25.9"}, {"3.88/17.6", "6.13/27.2", "6.34/28.0"}}, "10000"),
        new Case("Thermal", "thermal", 53, new double[] {1e-5, 1e-8, 1e-11},
                new String[][] {{"4.53/20.8", "5.35/23.6", "5.47/24.9"}, {"3.32/15.0", "3.06/13.5", "2.93/12.8"},
                    {"1.96/8.76", "2.34/9.30", "2.62/10.2"}, {"2.35/10.3", "2.69/11.1", "3.01/11.7"}}, "11063"),
    };

    private SkrBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int systems = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/skr.md");
        Path export = args.length > 2 && !args[2].equals("-") ? Path.of(args[2]) : null;
        boolean core = args.length > 3 && args[3].equals("core");
        if (args.length > 3 && !core && !args[3].equals("full")) {
            throw new IllegalArgumentException("subset must be full or core, got " + args[3]);
        }
        int paperSystems = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        long seed = 2024;
        long wall0 = System.nanoTime();
        long cpu0 = processCpu();
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        warmUp(seed);
        StringBuilder md = new StringBuilder();
        md.append("# SKR benchmark: Table 1 of the SKR paper on KrylovForge\n\n");
        md.append(String.format(Locale.ROOT, "Generated by `bench/scripts/run.sh io.krylovforge.bench.SkrBenchmark %s` "
                + "(%d cores visible, shared with other jobs). %d systems per sequence, seed %d, x0 = 0, "
                + "max 10000 iterations.%s%n%n"
                + "- **GMRES** = GMRES(40) (GcroDr(40, 0)) in input order; **SKR** = greedy sort (Frobenius "
                + "distance of the parameter arrays, start at system 0) + GCRO-DR(40, 20) refreshing the recycle "
                + "space every %d cycles (and on the last cycle of each solve); **SKR R=1** = the same, refreshed "
                + "after every cycle (Parks et al.'s method, as in the paper). Both Krylov methods use classical "
                + "Gram-Schmidt with re-orthogonalization if needed (PETSc's GMRES default is classical Gram-Schmidt).%n"
                + "- Preconditioners on the LEFT (PETSc's default, as in the paper), one object per sequence "
                + "updated per system; convergence test ||M^-1 r|| <= rtol ||M^-1 b|| (true residual without "
                + "preconditioner). SOR = SSOR with omega = 1 (PETSc's -pc_type sor default is symmetric "
                + "SOR, omega = 1; KrylovForge has no one-sided SOR preconditioner).%n"
                + "- Times: per-system average CPU ms of the solving thread, wall ms in brackets (the two "
                + "cores were shared with other engineers' jobs, so wall time is noisy). "
                + "Speed-ups are GMRES / SKR on CPU time and on iterations (products with A inside cycles).%n"
                + "- **paper** = the paper's Table 1 cell, time / iteration speed-up (PETSc 3.19 KSPHPDDM, "
                + "72 MPI ranks for None/Jacobi/SOR, sequential for ILU; sizes in the section titles).%n%n",
                String.join(" ", args), Runtime.getRuntime().availableProcessors(), systems, seed,
                core ? " Subset `core`: None and ILU(0) for Darcy and Helmholtz, None for Thermal and None and "
                        + "ILU(0) in the paper's regime (Helmholtz there at its tightest tolerance)." : "", REFRESH));
        StringBuilder ablation = new StringBuilder();
        ablation.append("| dataset | precond | rtol | SKR sorted its | ms | SKR shuffled its | ms | "
                + "sorting saves its | time |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Case c : CASES) {
            long t0 = System.nanoTime();
            PdeFamily fam = Families.create(c.family(), c.resolution());
            List<LinearSystem> seq = new ArrayList<>();
            for (PdeInstance p : fam.samples(seed, systems)) {
                seq.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
            }
            double genS = (System.nanoTime() - t0) / 1e9;
            md.append(String.format(Locale.ROOT, "## %s, n = %d (family `%s`, resolution %d; paper: n = %s)%n%n",
                    c.title(), fam.size(), c.family(), c.resolution(), c.paperSize()));
            md.append(String.format(Locale.ROOT, "Matrix %s; %d systems generated in %.1f s.%n%n",
                    fam.fixedMatrix() ? "fixed (only b varies)" : "changes with every system", systems, genS));
            md.append("| precond | rtol | GMRES ms | GMRES its | SKR ms | SKR its | time speed-up | "
                    + "iteration speed-up | SKR R=1 ms | its | time / its speed-up | paper (time/its) "
                    + "| converged G/S/S1 | max true rel. res. G/S | sort ms |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            LinePlot plot = new LinePlot(c.title() + " n=" + fam.size() + ", rtol " + fmt(c.tols()[2])
                    + ": iterations per system along the sorted sequence", "position in the sorted sequence",
                    "iterations", true);
            int[] sortedOrder = null;
            for (int p = 0; p < PRECS.length; p++) {
                String prec = PRECS[p];
                if (!runs(core, c.title(), prec)) {
                    continue;
                }
                for (int ti = 0; ti < c.tols().length; ti++) {
                    double tol = c.tols()[ti];
                    SequenceOptions base = options(prec, tol);
                    SequenceResult g = new SequenceSolver(base.withMethod(Method.GMRES).withSort(SortMode.NONE))
                            .solve(seq);
                    SequenceResult s = new SequenceSolver(base.withSort(SortMode.GREEDY)).solve(seq);
                    SequenceResult s1 = new SequenceSolver(base.withSort(SortMode.GREEDY).withRefreshEvery(1))
                            .solve(seq);
                    sortedOrder = s.order();
                    double gms = cpuMs(g) / systems;
                    double sms = cpuMs(s) / systems;
                    double s1ms = cpuMs(s1) / systems;
                    double git = (double) g.totalIterations() / systems;
                    double sit = (double) s.totalIterations() / systems;
                    double s1it = (double) s1.totalIterations() / systems;
                    String row = String.format(Locale.ROOT,
                            "| %s | %s | %.2f [%.2f] | %.1f | %.2f [%.2f] | %.1f | %.2f | %.2f | %.2f | %.1f "
                                    + "| %.2f / %.2f | %s | %d/%d/%d | %.1e / %.1e | %.1f |%n",
                            PREC_LABELS[p], fmt(tol), gms, g.totalSolveNanos() / 1e6 / systems, git, sms,
                            s.totalSolveNanos() / 1e6 / systems, sit, gms / sms, git / sit, s1ms, s1it,
                            gms / s1ms, git / s1it, c.paper()[p][ti],
                            g.convergedCount(), s.convergedCount(), s1.convergedCount(), worst(seq, g),
                            worst(seq, s), s.sortNanos() / 1e6);
                    md.append(row);
                    System.out.print(c.title() + " " + row);
                    if (ti == c.tols().length - 1 && (prec.equals("none") || prec.equals(core ? "ilu0" : "ssor"))) {
                        int[] ord = s.order();
                        double[] xs = new double[systems];
                        double[] yg = new double[systems];
                        double[] ys = new double[systems];
                        for (int i = 0; i < systems; i++) {
                            xs[i] = i + 1;
                            yg[i] = Math.max(1, g.systems().get(ord[i]).iterations());
                            ys[i] = Math.max(1, s.systems().get(ord[i]).iterations());
                        }
                        plot.add("GMRES(40), " + PREC_LABELS[p], xs, yg);
                        plot.add("SKR, " + PREC_LABELS[p], xs, ys);
                    }
                    boolean ablate = c.title().equals("Darcy") ? prec.equals(core ? "ilu0" : "ssor") && tol == 1e-8
                            : prec.equals("none") && ti == c.tols().length - 1;
                    if (ablate) {
                        List<LinearSystem> shuffled = new ArrayList<>(seq);
                        Collections.shuffle(shuffled, new Random(seed + 7));
                        SequenceResult u = new SequenceSolver(base.withSort(SortMode.NONE)).solve(shuffled);
                        double uit = (double) u.totalIterations() / systems;
                        double ums = cpuMs(u) / systems;
                        ablation.append(String.format(Locale.ROOT,
                                "| %s n=%d | %s | %s | %.1f | %.2f | %.1f | %.2f | %.1f %% | %.1f %% |%n",
                                c.title(), fam.size(), PREC_LABELS[p], fmt(tol), sit, sms, uit, ums,
                                100 * (1 - sit / uit), 100 * (1 - sms / ums)));
                    }
                }
            }
            String png = "skr_iterations_" + c.title().toLowerCase(Locale.ROOT) + ".png";
            plot.write(dir.resolve(png), 900, 500);
            md.append(String.format(Locale.ROOT, "%n![%s iterations per system](%s)%n%n", c.title(), png));
            if (export != null) {
                exportSequence(export.resolve(c.family()), seq, sortedOrder, fam.fixedMatrix());
            }
        }
        paperRegime(md, paperSystems, seed, core);
        md.append("## Sorting ablation (greedy sort vs a seeded shuffle, same GCRO-DR(40, 20))\n\n");
        md.append("The paper's Table 2 (Darcy, SOR, n = 10^4, rtol 1e-8): sorting saves 9.2 % iterations and "
                + "13 % time.\n\n");
        md.append(ablation);
        md.append(String.format(Locale.ROOT, "%nTotal benchmark wall time %.0f s, process CPU time %.0f s.%n",
                (System.nanoTime() - wall0) / 1e9, (processCpu() - cpu0) / 1e9));
        // hand-written notes (per-iteration cost, SciPy reference, comparison with the paper) are
        // kept in their own file so that a re-run keeps them; their figures come from the commands
        // they name
        Path notes = dir.resolve("skr_notes.md");
        if (Files.exists(notes)) {
            md.append('\n').append(Files.readString(notes));
        }
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    /** Whether the subset runs this preconditioner on this dataset. */
    private static boolean runs(boolean core, String title, String prec) {
        if (!core) {
            return true;
        }
        return prec.equals("none") || prec.equals("ilu0") && !title.equals("Thermal");
    }

    /**
     * The paper's regime: the SKR code's Darcy and Helmholtz matrices ({@link SkrPaperMatrices},
     * assembly quirk included), GMRES(40) in input order against SKR. GMRES systems that hit the
     * iteration cap count with the cap, so their averages and the speed-ups are lower bounds ("≥").
     */
    private static void paperRegime(StringBuilder md, int systems, long seed, boolean core) {
        if (systems <= 0) {
            return;
        }
        md.append("## The paper's regime: its matrices as its code builds them, quirk included\n\n");
        md.append(String.format(Locale.ROOT, "`SkrPaperMatrices` (bench only): FNO's periodic GRF sampler and the SKR "
                + "repository's assembly, whose upper-neighbour entry holds K of the node two places earlier in "
                + "row-major order (see the notes below and `bench/scripts/skr_darcy_assembly_check.py`); Helmholtz "
                + "adds -h^2 k^2 to the diagonal, k ~ U(0, 1). %d systems per sequence, seed %d, max %d "
                + "iterations; a GMRES system at the cap counts as not converged with %d iterations, so the "
                + "speed-ups marked >= are lower bounds. Columns as above.%n%n", systems, seed, MAX_ITS, MAX_ITS));
        String[][] darcyPaper = CASES[0].paper();
        String[][] helmPaper = CASES[1].paper();
        Object[][] sets = {
            {"Darcy", 82, new double[] {1e-2, 1e-5, 1e-8}, darcyPaper},
            {"Helmholtz", 102, new double[] {1e-2, 1e-5, 1e-7}, helmPaper},
        };
        for (Object[] set : sets) {
            String title = (String) set[0];
            int s = (Integer) set[1];
            double[] tols = (double[]) set[2];
            String[][] paper = (String[][]) set[3];
            long t0 = System.nanoTime();
            List<LinearSystem> seq = title.equals("Darcy") ? SkrPaperMatrices.darcy(s, seed, systems)
                    : SkrPaperMatrices.helmholtz(s, seed, systems);
            md.append(String.format(Locale.ROOT, "### %s (SKR code), n = %d%n%n%d systems generated in %.1f s.%n%n",
                    title, seq.get(0).a().rows(), systems, (System.nanoTime() - t0) / 1e9));
            md.append("| precond | rtol | GMRES ms | GMRES its | SKR ms | SKR its | time speed-up | iteration speed-up "
                    + "| SKR R=1 ms | its | time / its speed-up | paper (time/its) | converged G/S/S1 "
                    + "| max true rel. res. G/S |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int p = 0; p < PRECS.length; p++) {
                String prec = PRECS[p];
                if (core && !(prec.equals("none") || prec.equals("ilu0"))) {
                    continue;
                }
                for (int ti = 0; ti < tols.length; ti++) {
                    if (core && title.equals("Helmholtz") && ti != tols.length - 1) {
                        continue; // core: Helmholtz at its tightest tolerance only
                    }
                    double tol = tols[ti];
                    SequenceOptions base = options(prec, tol);
                    SequenceResult g = new SequenceSolver(base.withMethod(Method.GMRES).withSort(SortMode.NONE))
                            .solve(seq);
                    SequenceResult sk = new SequenceSolver(base.withSort(SortMode.GREEDY)).solve(seq);
                    SequenceResult s1 = new SequenceSolver(base.withSort(SortMode.GREEDY).withRefreshEvery(1))
                            .solve(seq);
                    double gms = cpuMs(g) / systems;
                    double sms = cpuMs(sk) / systems;
                    double s1ms = cpuMs(s1) / systems;
                    double git = (double) g.totalIterations() / systems;
                    double sit = (double) sk.totalIterations() / systems;
                    double s1it = (double) s1.totalIterations() / systems;
                    String ge = g.convergedCount() < systems ? ">= " : "";
                    String row = String.format(Locale.ROOT,
                            "| %s | %s | %s%.2f | %s%.1f | %.2f | %.1f | %s%.2f | %s%.2f | %.2f | %.1f | %s%.2f / %s%.2f "
                                    + "| %s | %d/%d/%d | %.1e / %.1e |%n",
                            PREC_LABELS[p], fmt(tol), ge, gms, ge, git, sms, sit, ge, gms / sms, ge, git / sit,
                            s1ms, s1it, ge, gms / s1ms, ge, git / s1it, paper[p][ti], g.convergedCount(),
                            sk.convergedCount(), s1.convergedCount(), worst(seq, g), worst(seq, sk));
                    md.append(row);
                    System.out.print("paper " + title + " " + row);
                }
            }
            md.append('\n');
        }
    }

    private static SequenceOptions options(String prec, double tol) {
        SequenceOptions base = SequenceOptions.defaults()
                .withSolverOptions(SolverOptions.defaults().withRtol(tol).withMaxIterations(MAX_ITS))
                .withSide(PreconditionerSide.LEFT).withRefreshEvery(REFRESH);
        if (!prec.equals("none")) {
            Supplier<Preconditioner> factory = () -> Preconditioners.create(prec);
            base = base.withPreconditioner(factory, SequenceOptions.PreconditionerReuse.UPDATE_PER_CHAIN);
        }
        return base;
    }

    /** JIT warm-up on a few small systems of every kind (not timed). */
    private static void warmUp(long seed) {
        List<LinearSystem> few = new ArrayList<>();
        for (PdeInstance p : Families.create("darcy-skr", 42).samples(seed + 99, 6)) {
            few.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
        }
        for (String prec : PRECS) {
            SequenceOptions o = options(prec, 1e-6);
            new SequenceSolver(o).solve(few);
            new SequenceSolver(o.withMethod(Method.GMRES)).solve(few.subList(0, 2));
        }
    }

    /** Writes the systems in solve order: A_iii.mtx (once if fixed), b_iii.mtx, order.txt. */
    private static void exportSequence(Path dir, List<LinearSystem> seq, int[] order, boolean fixed)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder idx = new StringBuilder();
        for (int p = 0; p < order.length; p++) {
            LinearSystem s = seq.get(order[p]);
            if (!fixed || p == 0) {
                MatrixMarket.write(dir.resolve(String.format(Locale.ROOT, "A_%03d.mtx", p)), (CsrMatrix) s.a(),
                        "system " + order[p] + " of the sequence, solve position " + p);
            }
            MatrixMarket.writeVector(dir.resolve(String.format(Locale.ROOT, "b_%03d.mtx", p)),
                    DenseVector.array(s.b()));
            idx.append(order[p]).append('\n');
        }
        Files.writeString(dir.resolve("order.txt"), idx.toString());
        Files.writeString(dir.resolve("fixed.txt"), fixed ? "1\n" : "0\n");
    }

    private static double worst(List<LinearSystem> seq, SequenceResult r) {
        double w = 0.0;
        for (int i = 0; i < seq.size(); i++) {
            w = Math.max(w, relres(seq.get(i).a(), seq.get(i).b(), r.systems().get(i).x()));
        }
        return w;
    }

    private static String fmt(double tol) {
        return String.format(Locale.ROOT, "%.0e", tol);
    }

    /** CPU ms when measured, else wall ms. */
    private static double cpuMs(SequenceResult r) {
        long cpu = r.totalCpuNanos();
        return (cpu >= 0 ? cpu : r.totalSolveNanos()) / 1e6;
    }

    private static long processCpu() {
        OperatingSystemMXBean os = ManagementFactory
                .getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    static double relres(LinearOperator a, Vector b, Vector x) {
        Vector r = b.zerosLike();
        a.apply(x, r);
        r.axpby(1.0, b, -1.0);
        return r.norm2() / b.norm2();
    }
}
