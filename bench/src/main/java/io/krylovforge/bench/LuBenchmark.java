package io.krylovforge.bench;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.lu.SparseLu;
import io.krylovforge.mesh.family.ConvectionDiffusionFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.mesh.grid.ConvectionScheme;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sparse LU on 2D convection–diffusion (mesh's convdiff family, central differences, Pe ≤ 100,
 * seed 16) at k×k unknowns: first solve (analyse + factor + solve) and repeat solve (factor +
 * solve on the kept analysis), best of a few runs, wall and thread CPU time. Writes each matrix
 * to {@code outDir/convdiff_k.mtx} so bench/scripts/direct_lu.sh can time SciPy's spsolve on the
 * same file in the same run.
 *
 * <p>Usage: {@code LuBenchmark outDir k...}
 */
public final class LuBenchmark {
    private LuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "lu-bench");
        Files.createDirectories(out);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("matrix,n,nnz,nnz(L+U),first_ms,first_cpu_ms,repeat_ms,repeat_cpu_ms,rel_residual");
        for (int i = 1; i < Math.max(2, args.length); i++) {
            int k = args.length > 1 ? Integer.parseInt(args[i]) : 128;
            PdeInstance inst = new ConvectionDiffusionFamily(k + 2, 100.0, ConvectionScheme.CENTRAL)
                    .sample(new SplittableRandom(16));
            CsrMatrix a = inst.a();
            Path file = out.resolve("convdiff_" + k + ".mtx");
            MatrixMarket.write(file, a, "KrylovForge LuBenchmark: convdiff " + k + "x" + k + ", central, seed 16");
            double[] b = a.multiply(ones(a.rows()));
            double[] x = new double[a.rows()];
            double firstWall = Double.MAX_VALUE;
            double firstCpu = Double.MAX_VALUE;
            SparseLu lu = null;
            for (int rep = 0; rep < 5; rep++) {
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                lu = SparseLu.analyze(a);
                check(lu.factor(a));
                lu.solve(b, x);
                firstCpu = Math.min(firstCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e6);
                firstWall = Math.min(firstWall, (System.nanoTime() - w0) / 1e6);
            }
            double repeatWall = Double.MAX_VALUE;
            double repeatCpu = Double.MAX_VALUE;
            for (int rep = 0; rep < 5; rep++) {
                long w0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                check(lu.factor(a));
                lu.solve(b, x);
                repeatCpu = Math.min(repeatCpu, (threads.getCurrentThreadCpuTime() - c0) / 1e6);
                repeatWall = Math.min(repeatWall, (System.nanoTime() - w0) / 1e6);
            }
            double[] ax = a.multiply(x);
            double r = 0.0;
            double bb = 0.0;
            for (int j = 0; j < b.length; j++) {
                r += (b[j] - ax[j]) * (b[j] - ax[j]);
                bb += b[j] * b[j];
            }
            System.out.printf(Locale.ROOT, "convdiff_%d,%d,%d,%d,%.1f,%.1f,%.1f,%.1f,%.1e%n", k, a.rows(), a.nnz(),
                    lu.actualFactorNonzeros(), firstWall, firstCpu, repeatWall, repeatCpu, Math.sqrt(r / bb));
        }
    }

    private static void check(FactorStatus s) {
        if (!s.ok()) {
            throw new IllegalStateException("LU failed: " + s.message());
        }
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }
}
