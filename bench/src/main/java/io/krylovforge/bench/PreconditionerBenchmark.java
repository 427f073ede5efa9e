package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Preconditioned CG on the model Poisson problems, for comparison with PyAMG and PETSc
 * ({@code bench/scripts/precond_peers.py} builds the same matrices and right-hand side):
 * the 2D 5-point Laplacian on an m×m interior grid and the 3D 7-point Laplacian on m³, Dirichlet
 * boundary eliminated, lexicographic numbering, stencil (4, −1) resp. (6, −1) unscaled, b = 1,
 * x₀ = 0, rtol 1e-8 on ‖b − Ax‖/‖b‖.
 *
 * <p>Reports per preconditioner: set-up seconds, solve seconds, CG iterations and the true
 * relative residual. A small warm-up solve runs first so the JIT has compiled the kernels; the
 * AMG rows are the best (least set-up + solve) of {@value #AMG_REPEATS} runs, since the shared
 * benchmark machine is noisy; IC(0) runs once (it is slow and its time varies less).
 *
 * <p>Usage: {@code PreconditionerBenchmark [m2d=1024] [m3d=100]} (0 skips a problem), e.g.
 * {@code mvn -pl bench -am package -DskipTests} then
 * {@code java -Xmx8g -cp core/target/classes:solvers/target/classes:precond/target/classes:
 * bench/target/classes:commons-math3-3.6.1.jar io.krylovforge.bench.PreconditionerBenchmark}.
 */
public final class PreconditionerBenchmark {
    static final int AMG_REPEATS = 3;
    private PreconditionerBenchmark() {
    }

    /** One measured run. */
    record Row(String problem, String method, double setupSeconds, double solveSeconds, int iterations,
            double relativeResidual) {
    }

    public static void main(String[] args) {
        int m2 = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        int m3 = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<Row> rows = new ArrayList<>();
        // warm-up (not reported)
        CsrMatrix warm = laplace2d(200);
        run("warm-up", warm, amg(), "amg", new ArrayList<>());
        run("warm-up", warm, new IncompleteCholesky0(), "ic0", new ArrayList<>());
        if (m2 > 0) {
            CsrMatrix a = laplace2d(m2);
            String name = "2D 5-pt " + m2 + "^2";
            SmoothedAggregationAmg amg = bestAmg(name, a, rows);
            System.out.println(amg.hierarchy());
            run(name, a, new IncompleteCholesky0(), "IC(0)", rows);
        }
        if (m3 > 0) {
            CsrMatrix a = laplace3d(m3);
            String name = "3D 7-pt " + m3 + "^3";
            SmoothedAggregationAmg amg = bestAmg(name, a, rows);
            System.out.println(amg.hierarchy());
            run(name, a, new IncompleteCholesky0(), "IC(0)", rows);
        }
        System.out.printf(Locale.ROOT, "%-16s %-20s %9s %9s %9s %6s %10s%n", "problem", "pcg+", "setup s",
                "solve s", "total s", "its", "rel.res");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "%-16s %-20s %9.3f %9.3f %9.3f %6d %10.2e%n", r.problem(), r.method(),
                    r.setupSeconds(), r.solveSeconds(), r.setupSeconds() + r.solveSeconds(), r.iterations(),
                    r.relativeResidual());
        }
    }

    /** Runs a fresh AMG-PCG {@value #AMG_REPEATS} times and keeps the fastest row. */
    private static SmoothedAggregationAmg bestAmg(String name, CsrMatrix a, List<Row> rows) {
        SmoothedAggregationAmg best = null;
        Row bestRow = null;
        for (int rep = 0; rep < AMG_REPEATS; rep++) {
            SmoothedAggregationAmg amg = amg();
            List<Row> one = new ArrayList<>();
            run(name, a, amg, "SA-AMG (V, sym GS)", one);
            Row r = one.get(0);
            if (bestRow == null || r.setupSeconds() + r.solveSeconds() < bestRow.setupSeconds()
                    + bestRow.solveSeconds()) {
                bestRow = r;
                best = amg;
            }
        }
        rows.add(bestRow);
        return best;
    }

    private static SmoothedAggregationAmg amg() {
        return new SmoothedAggregationAmg(); // PyAMG defaults: theta 0, max coarse 10
    }

    private static void run(String problem, CsrMatrix a, Preconditioner m, String method, List<Row> out) {
        double[] b = new double[a.rows()];
        Arrays.fill(b, 1.0);
        double[] x = new double[a.rows()];
        long t0 = System.nanoTime();
        m.setUp(a);
        long t1 = System.nanoTime();
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(10_000)
                .withPreconditioner(m);
        SolveResult res = new ConjugateGradient().solve(a, DenseVector.wrap(b), DenseVector.wrap(x), opts);
        long t2 = System.nanoTime();
        if (!res.converged()) {
            System.out.println(problem + " " + method + ": " + res.summary());
        }
        out.add(new Row(problem, method, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, res.iterations(),
                res.relativeResidual()));
    }

    /** 2D 5-point Laplacian, m×m interior grid, lexicographic (x fastest). */
    static CsrMatrix laplace2d(int m) {
        return stencil(m, m, 1);
    }

    /** 3D 7-point Laplacian, m³ interior grid, lexicographic (x fastest, then y, then z). */
    static CsrMatrix laplace3d(int m) {
        return stencil(m, m, m);
    }

    private static CsrMatrix stencil(int mx, int my, int mz) {
        int n = mx * my * mz;
        boolean threeD = mz > 1;
        int per = threeD ? 7 : 5;
        double diag = threeD ? 6.0 : 4.0;
        int[] ptr = new int[n + 1];
        int[] col = new int[per * n];
        double[] val = new double[per * n];
        int q = 0;
        int plane = mx * my;
        for (int z = 0; z < mz; z++) {
            for (int y = 0; y < my; y++) {
                for (int x = 0; x < mx; x++) {
                    int i = (z * my + y) * mx + x;
                    // columns ascending: -z, -y, -x, diag, +x, +y, +z
                    if (z > 0) {
                        col[q] = i - plane;
                        val[q++] = -1.0;
                    }
                    if (y > 0) {
                        col[q] = i - mx;
                        val[q++] = -1.0;
                    }
                    if (x > 0) {
                        col[q] = i - 1;
                        val[q++] = -1.0;
                    }
                    col[q] = i;
                    val[q++] = diag;
                    if (x < mx - 1) {
                        col[q] = i + 1;
                        val[q++] = -1.0;
                    }
                    if (y < my - 1) {
                        col[q] = i + mx;
                        val[q++] = -1.0;
                    }
                    if (z < mz - 1) {
                        col[q] = i + plane;
                        val[q++] = -1.0;
                    }
                    ptr[i + 1] = q;
                }
            }
        }
        return CsrMatrix.of(n, n, ptr, col, val);
    }
}
