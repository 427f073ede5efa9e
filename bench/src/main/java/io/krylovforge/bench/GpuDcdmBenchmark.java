package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.Devices;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.DcdmShape;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Dcdm;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.Layer;
import io.krylovforge.learned.NetworkEvaluator;
import io.krylovforge.learned.NetworkEvaluators;
import io.krylovforge.learned.Weights;
import io.krylovforge.learned.gpu.ConvNetSchedule;
import io.krylovforge.learned.gpu.DeviceConvNet;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * DCDM network inference and DCDM solves on a device, for the 3D 7-point Poisson matrix on N³
 * grids: network forward time (ms, best of {@code reps} after one warm-up) and effective
 * GFLOP/s (2 × the multiply-adds of full 3×3×3 stencils and the 1×1 layer,
 * {@link ConvNetSchedule#flopsPerForward()}), then a DCDM solve to {@code rtol} with A, the
 * vectors and the network all on the device, against the library's CG on the same device backend
 * (the same uploaded matrix). Prints a Markdown table.
 *
 * <p>Without {@code --weights} the net is the paper's N = 64 shape ({@code dcdm(3, 16, 2, 3, 2)},
 * Kaneda et al. 2023) with seeded random weights: the forward timing does not depend on the
 * weight values, but such a net does not make good directions, so its DCDM solve is capped by
 * {@code --max-iterations} and stands for the cost per iteration only (the reason column says how
 * it ended). b is seeded standard normal noise, x0 = 0. Upload of A and the network is outside the
 * timings; the DCDM and CG times include their per-iteration reductions read back to the host.
 *
 * <p>Usage: {@code GpuDcdmBenchmark DEVICE GRIDS [--weights w.kfw] [--blocks 2,3,2] [--reps 3]
 * [--rtol 1e-4] [--max-iterations 100] [--seed 1]}, e.g. {@code opencl 16,32} or
 * {@code cuda 64,128,256}; DEVICE is any {@code kforge --device} spec (cpu too). An unavailable
 * device prints the reason and exits 2.
 */
public final class GpuDcdmBenchmark {
    private GpuDcdmBenchmark() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the benchmark, printing to {@code out}; returns 0, or 2 for bad usage or a missing device. */
    static int run(String[] args, PrintWriter out) {
        if (args.length < 2) {
            out.println("usage: GpuDcdmBenchmark DEVICE GRIDS [--weights w.kfw] [--blocks 2,3,2] [--reps 3]"
                    + " [--rtol 1e-4] [--max-iterations 100] [--seed 1]");
            return 2;
        }
        String spec = args[0];
        int[] grids = parseInts(args[1]);
        Path weights = null;
        int[] blocks = {2, 3, 2};
        int reps = 3;
        double rtol = 1e-4;
        int maxIterations = 100;
        long seed = 1;
        for (int i = 2; i < args.length; i += 2) {
            String a = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            String v = args[i + 1];
            switch (a) {
                case "--weights" -> weights = Path.of(v);
                case "--blocks" -> blocks = parseInts(v);
                case "--reps" -> reps = Integer.parseInt(v);
                case "--rtol" -> rtol = Double.parseDouble(v);
                case "--max-iterations" -> maxIterations = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException("unknown argument " + a + " (expected --weights,"
                        + " --blocks, --reps, --rtol, --max-iterations, --seed)");
            }
        }
        if (blocks.length != 3) {
            throw new IllegalArgumentException("--blocks needs three counts (pre,mid,post), got " + blocks.length);
        }
        ConvNet loaded = weights == null ? null : Weights.read(weights);
        if (loaded != null && loaded.architecture().spatialDims() != 3) {
            throw new IllegalArgumentException(weights + ": these are " + loaded.architecture().spatialDims()
                    + "D weights; the benchmark runs 3D Poisson");
        }
        Devices.Selection sel = BenchDevices.openOrReport(spec, out);
        if (sel == null) {
            return 2;
        }
        try (DeviceBackend dev = sel.backend()) {
            out.println("# DCDM on " + dev.description());
            out.println("# network: " + (loaded != null ? weights + " (" + describe(loaded.architecture()) + ")"
                    : "random weights (seed " + seed + "), dcdm(3, 16, " + blocks[0] + ", " + blocks[1] + ", "
                    + blocks[2] + "): timing only, the solve is capped"));
            out.printf(Locale.ROOT, "# 3D 7-point Poisson, b ~ N(0,1) (seed %d), x0 = 0, rtol %.0e, DCDM capped at %d"
                    + " iterations; forward: best of %d%n%n", seed, rtol, maxIterations, reps);
            out.println("| N | n | forward ms | GFLOP/s | act. MiB | DCDM it | DCDM reason | DCDM ms | DCDM ms/it"
                    + " | CG it | CG ms | CG ms/it |");
            out.println("|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
            for (int g : grids) {
                ConvNet net = loaded != null ? loaded
                        : new ConvNet(Architecture.dcdm(new Grid(g, g, g), DcdmShape.defaults().withBlocks(blocks[0], blocks[1], blocks[2])), seed);
                try {
                    runGrid(dev, net, g, reps, rtol, maxIterations, seed, out);
                } catch (DeviceOutOfMemoryException e) {
                    out.println("| " + g + " | out of device memory: " + e.getMessage() + " |");
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void runGrid(DeviceBackend dev, ConvNet net, int g, int reps, double rtol, int maxIterations,
            long seed, PrintWriter out) {
        Grid grid = Grid.cube(g);
        int n = grid.size();
        ConvNetSchedule plan = new ConvNetSchedule(net, grid); // for the FLOP count and buffer sizes
        CsrMatrix a = Stencils.laplacian3d(g, g, g);
        double[] b = new double[n];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = gaussian(rnd);
        }
        LinearOperator da = dev.upload(a);
        Vector db = dev.of(b);
        double fwdMs;
        SolveResult dcdm;
        double dcdmMs;
        try (NetworkEvaluator eval = NetworkEvaluators.convNet(dev, net, grid)) {
            Vector in = db.copy();
            in.scale(1.0 / in.norm2());
            Vector q = dev.zeros(n);
            eval.apply(in, q); // warm-up (kernel compilation, first-touch)
            finish(eval, q);
            fwdMs = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                long t0 = System.nanoTime();
                eval.apply(in, q);
                finish(eval, q);
                fwdMs = Math.min(fwdMs, (System.nanoTime() - t0) / 1e6);
            }
            Vector x = dev.zeros(n);
            SolverOptions opts = SolverOptions.defaults().withRtol(rtol).withMaxIterations(maxIterations);
            long t0 = System.nanoTime();
            dcdm = new Dcdm(eval).solve(da, db, x, opts);
            x.dot(x); // blocking read: every launch has finished
            dcdmMs = (System.nanoTime() - t0) / 1e6;
        }
        Vector x = dev.zeros(n);
        SolverOptions cgOpts = SolverOptions.defaults().withRtol(rtol).withMaxIterations(100_000);
        long t0 = System.nanoTime();
        SolveResult cg = new ConjugateGradient().solve(da, db, x, cgOpts);
        x.dot(x);
        double cgMs = (System.nanoTime() - t0) / 1e6;
        out.printf(Locale.ROOT, "| %d | %d | %.2f | %.1f | %.1f | %d | %s | %.0f | %.2f | %d | %.0f | %.3f |%n", g, n,
                fwdMs, plan.flopsPerForward() / (fwdMs * 1e6), plan.activationBytes() / 1048576.0,
                dcdm.iterations(), dcdm.reason(), dcdmMs, dcdmMs / Math.max(1, dcdm.iterations()), cg.iterations(),
                cgMs, cgMs / Math.max(1, cg.iterations()));
    }

    /** Waits for a device evaluation to finish (host evaluators are synchronous). */
    private static void finish(NetworkEvaluator eval, Vector q) {
        if (eval instanceof DeviceConvNet d) {
            d.finish();
        }
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller (SplittableRandom has no nextGaussian in Java 17)
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    private static String describe(Architecture arch) {
        long convs = arch.layers().stream().filter(l -> l.kind() == Layer.Kind.CONV).count();
        return arch.spatialDims() + "D, " + arch.channels() + " channels, " + convs + " convolutions";
    }

    private static int[] parseInts(String s) {
        String[] parts = s.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
        }
        return v;
    }
}
