package io.krylovforge.bench;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.lu.LuColumnOrder;
import io.krylovforge.direct.lu.SparseLu;
import io.krylovforge.mesh.family.ConvectionDiffusionFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.mesh.grid.ConvectionScheme;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * LU column orders compared on the same matrices, same run: COLAMD (on A's pattern) against AMD
 * on an explicitly formed AᵀA graph, both with free row pivoting. Per matrix: the analysis (order)
 * thread-CPU time, the factorisation's thread-CPU time, the actual nnz(L+U) and the residual,
 * best of 3. Arguments are Matrix Market files, or {@code convdiff:k} for the convdiff family at
 * k×k (central differences, Pe ≤ 100, seed 16, as {@link LuBenchmark}).
 *
 * <p>Usage: {@code LuOrderingBenchmark file.mtx|convdiff:k ...}
 */
public final class LuOrderingBenchmark {
    private LuOrderingBenchmark() {
    }

    /**
     * Runs the comparison and prints one CSV row per matrix and order.
     *
     * @param args Matrix Market files or convdiff:k
     * @throws Exception when a file cannot be read
     */
    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("matrix,n,nnz,order,analyse_cpu_ms,factor_cpu_ms,nnz(L+U),rel_residual");
        for (String arg : args) {
            CsrMatrix a;
            String name;
            if (arg.startsWith("convdiff:")) {
                int k = Integer.parseInt(arg.substring("convdiff:".length()));
                PdeInstance inst = new ConvectionDiffusionFamily(k + 2, 100.0, ConvectionScheme.CENTRAL)
                        .sample(new SplittableRandom(16));
                a = inst.a();
                name = "convdiff_" + k;
            } else {
                a = MatrixMarket.read(Path.of(arg));
                name = Path.of(arg).getFileName().toString();
            }
            double[] b = a.multiply(ones(a.rows()));
            for (LuColumnOrder order : new LuColumnOrder[] {LuColumnOrder.COLAMD, LuColumnOrder.NORMAL_EQUATIONS_AMD}) {
                double analyse = Double.MAX_VALUE;
                double factor = Double.MAX_VALUE;
                SparseLu lu = null;
                boolean ok = true;
                double[] x = new double[a.rows()];
                for (int rep = 0; rep < 3; rep++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    lu = SparseLu.analyze(a, order);
                    long c1 = threads.getCurrentThreadCpuTime();
                    ok = lu.factor(a).ok();
                    long c2 = threads.getCurrentThreadCpuTime();
                    analyse = Math.min(analyse, (c1 - c0) / 1e6);
                    factor = Math.min(factor, (c2 - c1) / 1e6);
                }
                double res = Double.NaN;
                if (ok) {
                    lu.solve(b, x);
                    double[] ax = a.multiply(x);
                    double r = 0.0;
                    double bb = 0.0;
                    for (int j = 0; j < b.length; j++) {
                        r += (b[j] - ax[j]) * (b[j] - ax[j]);
                        bb += b[j] * b[j];
                    }
                    res = Math.sqrt(r / bb);
                }
                System.out.printf(Locale.ROOT, "%s,%d,%d,%s,%.2f,%.2f,%d,%.1e%n", name, a.rows(), a.nnz(),
                        order.name().toLowerCase(Locale.ROOT), analyse, factor, ok ? lu.actualFactorNonzeros() : -1, res);
            }
        }
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }
}
