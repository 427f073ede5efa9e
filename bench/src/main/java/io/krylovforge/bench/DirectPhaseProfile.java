package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Where a sparse Cholesky's time goes, phase by phase, in this thread's CPU time (nanosecond
 * resolution, unlike process CPU time): pattern (A + Aᵀ graph), ordering, symbolic analysis,
 * setup (panels and scatter maps, measured as analyse-with-a-given-order minus the symbolic
 * analysis), numeric factorisation and solve. Minimum of {@code --repeats} runs (phase by phase) after a warm-up on
 * each case. Cases as in {@link DirectBenchmark}.
 *
 * <p>Usage: {@code bench/scripts/run.sh io.krylovforge.bench.DirectPhaseProfile
 * [--cases lap2d-64,lap2d-128,lap2d-256,lap3d-16] [--repeats 9] [--ordering nd|amd]}.
 */
public final class DirectPhaseProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DirectPhaseProfile() {
    }

    /**
     * Prints one table row per case.
     *
     * @param args options, see the class comment
     */
    public static void main(String[] args) {
        String cases = "lap2d-64,lap2d-128,lap2d-256,lap3d-16";
        int repeats = 9;
        String ord = "nd";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--cases" -> cases = args[i + 1];
                case "--repeats" -> repeats = Integer.parseInt(args[i + 1]);
                case "--ordering" -> ord = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.println("Thread CPU ms, minimum of " + repeats + " (ordering " + ord + ")");
        System.out.println("| case | pattern | ordering | symbolic | setup | factor | solve | first total | repeat |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Ordering ordering = DirectBenchmark.ordering(ord);
        for (String c : cases.split(",")) {
            CsrMatrix[] m = DirectBenchmark.matrices(c);
            long until = cpu() + 1_500_000_000L; // JIT warm-up: 1.5 s of CPU per case, all cases first
            while (cpu() < until) {
                profile(c, m, ordering, 1);
            }
        }
        for (String c : cases.split(",")) {
            CsrMatrix[] m = DirectBenchmark.matrices(c);
            double[][] t = profile(c, m, ordering, repeats);
            double[] med = new double[t[0].length];
            for (int k = 0; k < med.length; k++) {
                double[] col = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    col[r] = t[r][k];
                }
                java.util.Arrays.sort(col);
                med[k] = col[0]; // the minimum: on a shared machine the least disturbed run
            }
            double first = med[0] + med[1] + med[2] + med[3] + med[4] + med[5];
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                    c, med[0], med[1], med[2], med[3], med[4], med[5], first, med[6]);
        }
    }

    private static double[][] profile(String c, CsrMatrix[] m, Ordering ordering, int repeats) {
        double[] b = DirectBenchmark.rhs(m[0].rows());
        double[] x = new double[b.length];
        double[][] out = new double[repeats][7];
        for (int r = 0; r < repeats; r++) {
            long t0 = cpu();
            SymmetricPattern g = SymmetricPattern.of(m[0]);
            long t1 = cpu();
            int[] p = ordering.order(g);
            long t2 = cpu();
            SymbolicAnalysis.of(g, p);
            long t3 = cpu();
            Cholesky chol = Cholesky.analyze(m[0], Ordering.given(p), DenseKernels.best());
            long t4 = cpu();
            FactorStatus st = chol.factor(m[0]);
            long t5 = cpu();
            chol.solve(b, x);
            long t6 = cpu();
            st = chol.factor(m[1]);
            chol.solve(b, x);
            long t7 = cpu();
            if (!st.ok()) {
                throw new IllegalStateException(c + ": " + st.message());
            }
            // analyze(given) repeats the pattern and symbolic work: setup = the rest of it
            double setup = (t4 - t3) - (t1 - t0) - (t3 - t2);
            out[r] = new double[] {(t1 - t0) * 1e-6, (t2 - t1) * 1e-6, (t3 - t2) * 1e-6,
                Math.max(0, setup) * 1e-6, (t5 - t4) * 1e-6, (t6 - t5) * 1e-6, (t7 - t6) * 1e-6};
        }
        return out;
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
