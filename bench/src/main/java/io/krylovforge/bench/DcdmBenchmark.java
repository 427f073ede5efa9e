package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Parallel;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.DcdmShape;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Dcdm;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.Layer;
import io.krylovforge.learned.LayerKernels;
import io.krylovforge.learned.NeuralPreconditioner;
import io.krylovforge.learned.Weights;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.FlexibleConjugateGradient;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * DCDM (Kaneda et al., ICML 2023) with the bundled 3D weights against CG, IC(0)-PCG and
 * SA-AMG-PCG on the 3D 7-point Poisson problem (m³ interior grid, Dirichlet boundary eliminated,
 * stencil (6, −1), core's {@code Stencils.laplacian3d} ordering), b = N(0,1) from seed 17, x₀ = 0,
 * stop at ‖b − Ax‖/‖b‖ ≤ rtol (default 1e-4, the paper's tolerance). Set-up time (weights load,
 * factorisation, AMG hierarchy) is reported apart from solve time; iteration growth between
 * successive sizes is printed per method (the paper's claim: nearly size-independent DCDM counts).
 *
 * <p>It also times the network's forward evaluation on an f³ grid (the shipped CPU net and the
 * paper's N = 64 net, random weights): milliseconds and GFLOP/s (multiply and add counted apart),
 * and one 16→16-channel 3×3×3 convolution with {@link LayerKernels#convForward} (the figures of
 * the plain loop it replaced are kept in bench/results/learned-dcdm.md).
 *
 * <p>Usage: {@code DcdmBenchmark [--sizes 64,128] [--rtol 1e-4] [--dcdm-max 300]
 * [--methods cg,ic0,amg,dcdm,fcg-net] [--forward 64] [--backward 32] [--weights w.kfw]}
 * ({@code --forward 0} skips the forward timing; {@code --backward m} times one convolution backward
 * on m³ (default 0: skipped); {@code --weights} replaces the bundled 3D weights with a .kfw file;
 * {@code --dcdm-max} caps DCDM and FCG+net iterations per size; fcg-net = FCG(2) with the network
 * as preconditioner). The exact build-and-run lines and the figures are in
 * bench/results/learned-dcdm.md. Threads: {@link Parallel#threads()}
 * (system property {@code krylovforge.threads}).
 */
public final class DcdmBenchmark {
    private DcdmBenchmark() {
    }

    /** The bundled 3D weights, or the .kfw file weightsPath (--weights) when not null. */
    private static ConvNet weights3d(String weightsPath) {
        return weightsPath == null ? Weights.readResource(Dcdm.POISSON_3D_WEIGHTS)
                : Weights.read(Path.of(weightsPath));
    }

    /** One measured solve. */
    record Row(int m, String method, double setupSeconds, double solveSeconds, int iterations, double relativeResidual,
            String reason) {
    }

    public static void main(String[] args) {
        Map<String, String> opt = parse(args);
        int[] sizes = ints(opt.getOrDefault("--sizes", "64,128"));
        double rtol = Double.parseDouble(opt.getOrDefault("--rtol", "1e-4"));
        int[] caps = ints(opt.getOrDefault("--dcdm-max", "300"));
        List<String> methods = List.of(opt.getOrDefault("--methods", "cg,ic0,amg,dcdm").split(","));
        int forward = Integer.parseInt(opt.getOrDefault("--forward", "64"));
        int backward = Integer.parseInt(opt.getOrDefault("--backward", "0"));
        String weightsPath = opt.get("--weights");
        System.out.printf(Locale.ROOT, "# DcdmBenchmark: threads %d, %s %s, max heap %d MiB%n", Parallel.threads(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20);
        if (forward > 0) {
            forwardTiming(forward);
        }
        if (backward > 0) {
            backwardTiming(backward);
        }
        // warm-up on a small grid so the JIT has compiled every path (not reported)
        List<Row> ignore = new ArrayList<>();
        for (String method : methods) {
            solve(12, method, rtol, 300, ignore, weightsPath);
        }
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < sizes.length; s++) {
            int cap = caps[Math.min(s, caps.length - 1)];
            for (String method : methods) {
                solve(sizes[s], method, rtol, cap, rows, weightsPath);
                Row r = rows.get(rows.size() - 1);
                System.out.printf(Locale.ROOT, "%d^3 %-10s its %4d  setup %8.3f s  solve %9.3f s  rel.res %.2e  %s%n",
                        r.m(), r.method(), r.iterations(), r.setupSeconds(), r.solveSeconds(), r.relativeResidual(),
                        r.reason());
            }
        }
        System.out.println();
        System.out.println("| grid | method | iterations | setup s | solve s | total s | ms/iteration | rel. residual | stop |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %d³ | %s | %d | %.3f | %.3f | %.3f | %.1f | %.2e | %s |%n", r.m(), r.method(),
                    r.iterations(), r.setupSeconds(), r.solveSeconds(), r.setupSeconds() + r.solveSeconds(),
                    1e3 * r.solveSeconds() / Math.max(1, r.iterations()), r.relativeResidual(), r.reason());
        }
        if (sizes.length > 1) {
            System.out.println();
            System.out.println("| method | iteration growth " + sizes[0] + "³ → " + sizes[sizes.length - 1] + "³ |");
            System.out.println("|---|---|");
            for (String method : methods) {
                Row first = find(rows, sizes[0], method);
                Row last = find(rows, sizes[sizes.length - 1], method);
                boolean capped = !last.reason().startsWith("CONVERGED");
                System.out.printf(Locale.ROOT, "| %s | %d → %d%s = %s%.2f× |%n", method, first.iterations(),
                        last.iterations(), capped ? " (cap, not converged)" : "", capped ? "≥ " : "",
                        last.iterations() / (double) first.iterations());
            }
        }
    }

    private static Row find(List<Row> rows, int m, String method) {
        for (Row r : rows) {
            if (r.m() == m && r.method().equals(method)) {
                return r;
            }
        }
        throw new IllegalStateException("internal: no row " + m + " " + method);
    }

    /** b = N(0,1) entries from seed 17 (as the 2D figures in learned-precond's README). */
    static double[] rhs(int n) {
        Random rnd = new Random(17);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextGaussian();
        }
        return b;
    }

    private static void solve(int m, String method, double rtol, int cap, List<Row> out, String weightsPath) {
        CsrMatrix a = Stencils.laplacian3d(m, m, m);
        int n = a.rows();
        double[] b = rhs(n);
        double[] x = new double[n];
        SolverOptions opts = SolverOptions.defaults().withRtol(rtol).withMaxIterations(100_000);
        long t0 = System.nanoTime();
        IterativeSolver solver;
        Preconditioner m0 = null;
        switch (method) {
            case "cg" -> solver = new ConjugateGradient();
            case "ic0" -> {
                solver = new ConjugateGradient();
                m0 = new IncompleteCholesky0();
            }
            case "amg" -> {
                solver = new ConjugateGradient();
                m0 = new SmoothedAggregationAmg(); // PyAMG defaults, as PreconditionerBenchmark
            }
            case "dcdm" -> {
                solver = new Dcdm(weights3d(weightsPath), Grid.cube(m));
                opts = opts.withMaxIterations(cap);
            }
            case "fcg-net" -> {
                solver = new FlexibleConjugateGradient(2);
                m0 = new NeuralPreconditioner(weights3d(weightsPath), Grid.cube(m));
                opts = opts.withMaxIterations(cap);
            }
            default -> throw new IllegalArgumentException("unknown method '" + method
                    + "'; known: cg, ic0, amg, dcdm, fcg-net");
        }
        if (m0 != null) {
            m0.setUp(a);
            opts = opts.withPreconditioner(m0); // set up above: setUp skips an unchanged operator
        }
        long t1 = System.nanoTime();
        SolveResult res = solver.solve(a, DenseVector.wrap(b), DenseVector.wrap(x), opts);
        long t2 = System.nanoTime();
        out.add(new Row(m, method, (t1 - t0) * 1e-9, (t2 - t1) * 1e-9, res.iterations(), trueRelative(a, b, x),
                res.reason().name()));
    }

    private static double trueRelative(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double rr = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(rr / bb);
    }

    /** Floating-point operations of one forward pass on an m³ grid (a multiply-add counts 2). */
    static double forwardFlops(Architecture arch, int m) {
        List<Layer> layers = arch.layers();
        int[] ch = new int[layers.size() + 1];
        int[] level = new int[layers.size() + 1];
        ch[0] = 1;
        double flops = 0.0;
        int k = arch.spatialDims() == 3 ? 27 : 9;
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            int s = i + 1;
            level[s] = level[l.src()] + (l.kind() == Layer.Kind.POOL ? 1 : l.kind() == Layer.Kind.UPSAMPLE ? -1 : 0);
            ch[s] = l.kind() == Layer.Kind.CONV || l.kind() == Layer.Kind.DENSE ? l.outChannels() : ch[l.src()];
            double side = m;
            for (int lv = 0; lv < level[s]; lv++) {
                side = Math.ceil(side / 2);
            }
            double cells = side * side * (arch.spatialDims() == 3 ? side : 1);
            if (l.kind() == Layer.Kind.CONV) {
                flops += 2.0 * ch[s] * ch[l.src()] * k * cells;
            } else if (l.kind() == Layer.Kind.DENSE) {
                flops += 2.0 * ch[s] * ch[l.src()] * cells;
            }
        }
        return flops;
    }

    private static void forwardTiming(int m) {
        int n = m * m * m;
        double[] in = rhs(n);
        double[] outv = new double[n];
        System.out.println();
        System.out.println("| network (random weights) | kernel | grid | GFLOP/forward | ms/forward (wall) | CPU s/forward (all threads) | GFLOP/s (wall) | GFLOP per CPU-second |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        Architecture[] archs = {Architecture.cpuDefault(new Grid(m, m, m)), Architecture.dcdm(new Grid(m, m, m), DcdmShape.paper())};
        String[] names = {"cpuDefault (1,2,1), 9 conv", "paper N=64 (2,3,2), 15 conv"};
        for (int t = 0; t < archs.length; t++) {
            ConvNet net = new ConvNet(archs[t], 1);
            ConvNet.Workspace ws = net.workspace(m, m, m);
            double gf = forwardFlops(archs[t], m) * 1e-9;
            net.forward(in, outv, ws); // warm-up
            int reps = 3;
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            for (int r = 0; r < reps; r++) {
                net.forward(in, outv, ws);
            }
            double ms = (System.nanoTime() - t0) * 1e-6 / reps;
            double cpu = (cpuNanos() - c0) * 1e-9 / reps;
            System.out.printf(Locale.ROOT, "| %s | %s | %d³ | %.2f | %.0f | %.2f | %.2f | %.2f |%n", names[t],
                    "LayerKernels (" + Parallel.threads() + " threads)", m, gf, ms, cpu, gf / ms * 1e3, gf / cpu);
        }
        // one 16 -> 16 channel 3x3x3 convolution
        Random rnd = new Random(3);
        int c = 16;
        double[] x = new double[c * n];
        double[] w = new double[c * c * 27];
        double[] bias = new double[c];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() * 0.1;
        }
        double[] y = new double[c * n];
        double gf = 2.0 * c * c * 27 * n * 1e-9;
        LayerKernels.convForward(x, c, w, 0, bias, 0, y, c, m, m, m, 3);
        long t0 = System.nanoTime();
        LayerKernels.convForward(x, c, w, 0, bias, 0, y, c, m, m, m, 3);
        double fast = (System.nanoTime() - t0) * 1e-6;
        System.out.println();
        System.out.println("| one 16→16 3×3×3 conv, " + m + "³ | ms | GFLOP/s |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| LayerKernels.convForward (%d threads) | %.0f | %.2f |%n", Parallel.threads(),
                fast, gf / fast * 1e3);
        System.out.println();
    }

    /**
     * Times one 16→16-channel 3×3×3 convolution backward (input and weight gradients) on an m³ grid
     * with {@link LayerKernels#convBackward}, best of six runs.
     */
    private static void backwardTiming(int m) {
        int n = m * m * m;
        int c = 16;
        int kk = 27;
        Random rnd = new Random(5);
        double[] x = new double[c * n];
        double[] g = new double[c * n];
        double[] w = new double[c * c * kk + c];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            g[i] = rnd.nextGaussian();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = rnd.nextGaussian() * 0.1;
        }
        double gf = 4.0 * c * c * kk * n * 1e-9; // input and weight gradient, multiply and add apart
        double[] gIn = new double[c * n];
        double[] gP = new double[w.length];
        double fast = Double.MAX_VALUE;
        for (int rep = 0; rep < 6; rep++) {
            Arrays.fill(gIn, 0.0);
            Arrays.fill(gP, 0.0);
            long t0 = System.nanoTime();
            LayerKernels.convBackward(x, c, w, 0, g, c, gIn, gP, c * c * kk, m, m, m, 3);
            fast = Math.min(fast, (System.nanoTime() - t0) * 1e-6);
        }
        System.out.println();
        System.out.println("| one 16→16 3×3×3 conv backward (gIn + gW), " + m + "³ | ms | GFLOP/s |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| LayerKernels.convBackward (%d threads) | %.0f | %.2f |%n", Parallel.threads(),
                fast, gf / fast * 1e3);
        System.out.println();
    }

    /** Process CPU time in ns (all threads), or wall time where the JVM does not report it. */
    private static long cpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got '" + args[i] + "'");
            }
            m.put(args[i], args[++i]);
        }
        return m;
    }

    private static int[] ints(String list) {
        String[] parts = list.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
        }
        return v;
    }
}
