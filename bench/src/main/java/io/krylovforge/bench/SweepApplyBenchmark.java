package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.precond.Preconditioners;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * One application of the triangular-sweep preconditioners (IC(0) and SSOR ω = 1 through the
 * fused {@code applyDot} PCG calls, ILU(0) through {@code apply}) on 2D 5-point and 3D 7-point
 * Laplacians ({@code Stencils}): thread CPU nanoseconds per apply, the best of several trials after
 * a warm-up long enough for the JIT to settle. {@code bench/scripts/sweep_apply_petsc.py} times
 * PETSc's {@code PCApply} (icc, ilu, sor) on the same matrices for the ratio.
 *
 * <p>Usage: {@code bench/scripts/run.sh io.krylovforge.bench.SweepApplyBenchmark [grid ...]} with
 * grids such as {@code 2d-64 3d-16} (default: 2D 32²–1024², 3D 16³–48³).
 */
public final class SweepApplyBenchmark {
    private static final String[] DEFAULT_GRIDS = {"2d-32", "2d-64", "2d-128", "2d-256", "2d-512", "2d-1024",
        "3d-16", "3d-24", "3d-32", "3d-48"};
    private static final String[] METHODS = {"ic0", "ilu0", "ssor"};
    private static final int TRIALS = 10;
    private static final long WARM_UP_NANOS = 600_000_000L;

    private SweepApplyBenchmark() {
    }

    /**
     * Prints one line per grid: nanoseconds per apply of each method.
     *
     * @param args grids ({@code 2d-M} or {@code 3d-M}); none for the default list
     */
    public static void main(String[] args) {
        String[] grids = args.length > 0 ? args : DEFAULT_GRIDS;
        for (String grid : grids) {
            if (!grid.matches("[23]d-[1-9][0-9]*")) {
                System.err.println("SweepApplyBenchmark: grid '" + grid + "': expected 2d-M or 3d-M, e.g. 2d-64");
                System.exit(2);
            }
        }
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        double sink = 0.0;
        for (String grid : grids) {
            CsrMatrix a = matrix(grid);
            double[] r = new double[a.rows()];
            Random random = new Random(1);
            for (int i = 0; i < r.length; i++) {
                r[i] = random.nextDouble();
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-8s n=%-8d", grid, a.rows()));
            for (String method : METHODS) {
                Preconditioner m = Preconditioners.create(method);
                m.setUp(a);
                boolean dot = !method.equals("ilu0");
                int reps = Math.max(10, (int) (1e7 / a.nnz()));
                long until = System.nanoTime() + WARM_UP_NANOS;
                while (System.nanoTime() < until) {
                    sink += time(clock, m, r, reps, dot);
                }
                double best = Double.MAX_VALUE;
                for (int t = 0; t < TRIALS; t++) {
                    best = Math.min(best, time(clock, m, r, reps, dot));
                }
                line.append(String.format(Locale.ROOT, "  %s %.0f ns", method, best));
            }
            System.out.println(line);
        }
        if (sink == 42.0) {
            System.out.println(); // keeps the timed results alive for the JIT
        }
    }

    private static CsrMatrix matrix(String grid) {
        int size = Integer.parseInt(grid.substring(3));
        return grid.startsWith("2d-") ? Stencils.laplacian2d(size, size) : Stencils.laplacian3d(size, size, size);
    }

    /** Thread CPU nanoseconds per apply over {@code reps} applies. */
    private static double time(ThreadMXBean clock, Preconditioner m, double[] r, int reps, boolean dot) {
        DenseVector rv = DenseVector.wrap(r);
        DenseVector zv = DenseVector.wrap(new double[r.length]);
        double sum = 0.0;
        long t0 = clock.getCurrentThreadCpuTime();
        for (int i = 0; i < reps; i++) {
            if (dot) {
                sum += m.applyDot(rv, zv);
            } else {
                m.apply(rv, zv);
            }
        }
        double ns = (clock.getCurrentThreadCpuTime() - t0) / (double) reps;
        return sum == Double.NEGATIVE_INFINITY ? -ns : ns;
    }
}
