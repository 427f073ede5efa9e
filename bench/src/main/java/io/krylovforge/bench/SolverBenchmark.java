package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Parallel;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.BiCgStab;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.PipelinedConjugateGradient;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Per-iteration cost of CG, GMRES(40) and BiCGStab on two N² problems (default N = 1024, about
 * a million unknowns), next to the memory-bandwidth floor of a CG iteration, for comparison
 * with {@code bench/scripts/solvers_vs_scipy.py} (SciPy and PETSc on the same matrices).
 *
 * <p>Problems, identical to the Python script: the 5-point Laplacian (diagonal 4, neighbours −1,
 * unknown (i, j) → i·N + j) and the upwind convection–diffusion matrix (diagonal 4 + 2ch,
 * west/south −1 − ch, east/north −1, ch = 0.5); b = A·ones, x0 = 0, no preconditioner, exactly
 * {@code maxIt} iterations (default 120 = three full GMRES(40) cycles; rtol 1e-30 and dtol
 * 1e300 so nothing stops early: these problems need thousands of iterations, the per-iteration
 * time is what counts). Pipelined CG is timed too (PETSc has it as KSPPIPECG; SciPy does not).
 *
 * <p>Each solve runs once to warm up the JIT (at 20 iterations), then {@code reps} times; the
 * best wall time and the best process CPU time are reported (CPU time is the fairer figure on a
 * shared, loaded machine; the script reports the same pair). The floor is (bytes a CG iteration must move) / (STREAM-copy
 * bandwidth), bytes = 12·nnz + 4·(n+1) + 8n·(1 read + 1 write of SpMV vectors) + 16n (dot)
 * + 48n (fused x, r update and rᵀr) + 24n (p ← r + βp).
 *
 * <p>Usage: {@code java -cp ... io.krylovforge.bench.SolverBenchmark [N] [maxIt] [reps]}.
 * Prints a table; timings are for this machine only.
 */
public final class SolverBenchmark {
    private SolverBenchmark() {
    }

    /** Builds the N² upwind convection–diffusion matrix (ch = 0 gives the Laplacian). */
    public static CsrMatrix convDiff(int n, double ch) {
        int size = n * n;
        int[] ptr = new int[size + 1];
        int[] col = new int[5 * size];
        double[] val = new double[5 * size];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int row = i * n + j;
                // columns in increasing order: south, west, centre, east, north
                if (i > 0) {
                    col[k] = row - n;
                    val[k++] = -1.0 - ch;
                }
                if (j > 0) {
                    col[k] = row - 1;
                    val[k++] = -1.0 - ch;
                }
                col[k] = row;
                val[k++] = 4.0 + 2.0 * ch;
                if (j < n - 1) {
                    col[k] = row + 1;
                    val[k++] = -1.0;
                }
                if (i < n - 1) {
                    col[k] = row + n;
                    val[k++] = -1.0;
                }
                ptr[row + 1] = k;
            }
        }
        return CsrMatrix.of(size, size, ptr, col, val);
    }

    /** Best STREAM-copy bandwidth (bytes/s, counting one read and one write per element). */
    public static double streamCopyBandwidth(int elements, int reps) {
        double[] a = new double[elements];
        double[] c = new double[elements];
        Arrays.fill(a, 1.0);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            copy(a, c);
            long t1 = System.nanoTime();
            best = Math.min(best, (t1 - t0) * 1e-9);
            a[r % elements] += c[(r * 7) % elements]; // keep the copy observable
        }
        return 16.0 * elements / best;
    }

    private static void copy(double[] a, double[] c) {
        Parallel.forRange(a.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                c[i] = a[i]; // c = a
            }
        });
    }

    /** CPU time of the whole process (all threads), robust to other load on a shared machine. */
    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int maxIt = args.length > 1 ? Integer.parseInt(args[1]) : 120;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        System.out.printf(Locale.ROOT, "java %s, %d cores available, common pool parallelism %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Parallel.pool().getParallelism());
        double bw = streamCopyBandwidth(1 << 24, 10);
        System.out.printf(Locale.ROOT, "STREAM copy bandwidth: %.2f GB/s%n", bw * 1e-9);

        String[] problems = {"laplace2d", "convdiff"};
        System.out.printf(Locale.ROOT, "%-10s %-10s %9s %6s %10s %10s %10s %10s  %s%n", "problem", "solver", "n",
                "its", "total ms", "ms/it", "cpu ms/it", "floor ms", "reason");
        for (String problem : problems) {
            CsrMatrix a = convDiff(n, problem.equals("laplace2d") ? 0.0 : 0.5);
            int size = a.rows();
            double cgBytes = 12.0 * a.nnz() + 4.0 * (size + 1) + 16.0 * size + 16.0 * size + 48.0 * size
                    + 24.0 * size;
            double floorMs = cgBytes / bw * 1e3;
            DenseVector b = DenseVector.zeros(size);
            a.apply(DenseVector.ones(size), b);
            // rtol 1e-30 and a huge dtol: every solver runs exactly maxIt iterations, as in the script
            SolverOptions fixed = SolverOptions.defaults().withRtol(1e-30).withDtol(1e300).withMaxIterations(maxIt);
            IterativeSolver[] solvers = {new ConjugateGradient(), new Gmres(40), new BiCgStab(),
                new PipelinedConjugateGradient()};
            String[] names = {"cg", "gmres(40)", "bicgstab", "pipecg"};
            for (int s = 0; s < solvers.length; s++) {
                if (problem.equals("convdiff") && names[s].equals("pipecg")) {
                    continue; // CG-type on a nonsymmetric matrix: stops at p'Ap <= 0, nothing to time
                }
                DenseVector x = DenseVector.zeros(size);
                solvers[s].solve(a, b, x, SolverOptions.defaults().withRtol(1e-8).withMaxIterations(20));
                double best = Double.MAX_VALUE;
                double bestCpu = Double.MAX_VALUE;
                SolveResult res = null;
                for (int r = 0; r < reps; r++) {
                    long c0 = processCpuNanos();
                    long t0 = System.nanoTime();
                    res = solvers[s].solve(a, b, x, fixed);
                    best = Math.min(best, (System.nanoTime() - t0) * 1e-6);
                    bestCpu = Math.min(bestCpu, (processCpuNanos() - c0) * 1e-6);
                }
                int its = Math.max(1, res.iterations());
                System.out.printf(Locale.ROOT, "%-10s %-10s %9d %6d %10.1f %10.3f %10.3f %10s  %s (rel. res. %.2e)%n",
                        problem, names[s], size, res.iterations(), best, best / its, bestCpu / its,
                        s == 0 ? String.format(Locale.ROOT, "%.3f", floorMs) : "-", res.reason(),
                        res.relativeResidual());
            }
        }
    }
}
