package io.krylovforge.bench;

import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.dense.JblasDenseKernels;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The supernode kernels alone, jblas against pure Java, on dense blocks of the sizes the large
 * supernodes of {@link DirectBenchmark} have: C ← C − A·Aᵀ (the update, syrk through dgemm),
 * Cholesky of the diagonal block (potrf) and the off-diagonal solve (trsm). Reports the best of
 * five wall times and the thread CPU time of that run (this thread only: jblas's bundled BLAS
 * runs in the caller's thread).
 *
 * <p>Usage: {@code bench/scripts/run.sh io.krylovforge.bench.DenseKernelsBenchmark [sizes=128,256,512]}.
 */
public final class DenseKernelsBenchmark {
    private DenseKernelsBenchmark() {
    }

    public static void main(String[] args) {
        String[] sizes = (args.length > 0 ? args[0] : "128,256,512").split(",");
        DenseKernels java = DenseKernels.java();
        DenseKernels jblas = JblasDenseKernels.load();
        System.out.println("| kernel | n | jblas s [cpu] | pure-Java s [cpu] | speed-up wall (cpu) |");
        System.out.println("|---|---|---|---|---|");
        for (String s : sizes) {
            int n = Integer.parseInt(s.trim());
            for (String kernel : new String[] {"update (syrk)", "potrf", "trsm"}) {
                double[] tj = time(jblas, kernel, n);
                double[] tp = time(java, kernel, n);
                System.out.printf(Locale.ROOT, "| %s | %d | %.4f [%.4f] | %.4f [%.4f] | %.2f (%.2f) |%n", kernel, n,
                        tj[0], tj[1], tp[0], tp[1], tp[0] / tj[0], tp[1] / tj[1]);
            }
        }
    }

    private static double[] time(DenseKernels k, String kernel, int n) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        SplittableRandom r = new SplittableRandom(1);
        double[] g = new double[2 * n * n];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextDouble() - 0.5;
        }
        double[] spd = new double[n * n];
        new io.krylovforge.direct.dense.JavaDenseKernels().gemmNT(n, n, n, 1.0, g, 0, n, g, 0, n, 0.0, spd, 0, n);
        for (int i = 0; i < n; i++) {
            spd[i * n + i] += n;
        }
        double bestWall = Double.POSITIVE_INFINITY;
        double cpuOfBest = 0;
        for (int rep = 0; rep < 5; rep++) {
            double[] a = kernel.equals("potrf") ? spd.clone() : g.clone();
            double[] c = new double[4 * n * n];
            double[] l = spd.clone();
            k.potrf(n, l, 0, n);
            long t0 = System.nanoTime();
            long c0 = bean.getCurrentThreadCpuTime();
            switch (kernel) {
                case "potrf" -> k.potrf(n, a, 0, n);
                case "trsm" -> k.trsmRightLowerTranspose(2 * n, n, l, 0, n, a, 0, 2 * n);
                default -> k.syrkLower(2 * n, n / 2, -1.0, a, 0, 2 * n, 1.0, c, 0, 2 * n);
            }
            double wall = (System.nanoTime() - t0) * 1e-9;
            double cpu = (bean.getCurrentThreadCpuTime() - c0) * 1e-9;
            if (wall < bestWall) {
                bestWall = wall;
                cpuOfBest = cpu;
            }
        }
        return new double[] {bestWall, cpuOfBest};
    }
}
