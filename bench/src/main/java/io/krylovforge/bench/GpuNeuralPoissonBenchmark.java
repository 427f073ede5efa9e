package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.Devices;
import io.krylovforge.learned.NetworkEvaluators;
import io.krylovforge.learned.gpu.NeuralPoissonPlan;
import io.krylovforge.learned.poisson.CpuNeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import io.krylovforge.learned.poisson.PoissonSamples;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The neural Poisson step's network on a device against the host: for held-out random mixed-BC
 * problems on corner-removed squares ({@link PoissonSamples}, seed 1000 by default; training used
 * seed 1) meshed with each edge length h, per h the means over the samples of
 * <ul>
 *   <li>n, coarse size n_c, and the coarse-space set-up ({@link TwoLevelSystem}, host, ms);</li>
 *   <li>the device's first prediction for a system (upload of A, P, Pᵀ, b and allocation
 *       included) and its steady forward (best of {@code reps}; both include the final copy of û
 *       to the host), the host forward ({@link CpuNeuralPoissonNet}, best of {@code reps}) and the
 *       effective GFLOP/s of both ({@link NeuralPoissonPlan#flops()});</li>
 *   <li>max |û_dev − û_cpu| / max |û_cpu| (the tests hold it to 1e-10);</li>
 *   <li>Jacobi-PCG iterations to rtol 1e-8 on the host from x₀ = 0 and from x₀ = û_dev.</li>
 * </ul>
 * Prints a Markdown table.
 *
 * <p>Usage: {@code GpuNeuralPoissonBenchmark DEVICE [--h 0.05,0.025] [--samples 3] [--reps 5]
 * [--seed 1000] [--weights w.kfw]}; DEVICE is any {@code kforge --device} spec (cpu too). The
 * coarse factor is dense (n_c ≈ n/7, set-up O(n_c³) on the host), so h below about 0.01 gets
 * slow. An unavailable device prints the reason and exits 2.
 */
public final class GpuNeuralPoissonBenchmark {
    private GpuNeuralPoissonBenchmark() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the benchmark, printing to {@code out}; returns 0, or 2 for bad usage or a missing device. */
    static int run(String[] args, PrintWriter out) {
        if (args.length < 1 || args.length % 2 != 1) {
            out.println("usage: GpuNeuralPoissonBenchmark DEVICE [--h 0.05,0.025] [--samples 3] [--reps 5]"
                    + " [--seed 1000] [--weights w.kfw]");
            return 2;
        }
        String spec = args[0];
        double[] hs = {0.05, 0.025};
        int samples = 3;
        int reps = 5;
        long seed = 1000;
        Path weights = null;
        for (int i = 1; i < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--h" -> hs = parseDoubles(v);
                case "--samples" -> samples = Integer.parseInt(v);
                case "--reps" -> reps = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--weights" -> weights = Path.of(v);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --h, --samples, --reps, --seed, --weights)");
            }
        }
        if (samples < 1 || reps < 1) {
            throw new IllegalArgumentException("--samples and --reps must be >= 1");
        }
        NeuralPoissonNet net = weights == null ? NeuralPoissonWeights.bundled() : NeuralPoissonWeights.read(weights);
        Devices.Selection sel = BenchDevices.openOrReport(spec, out);
        if (sel == null) {
            return 2;
        }
        try (DeviceBackend dev = sel.backend(); NeuralPoissonEvaluator eval = NetworkEvaluators.neuralPoisson(dev, net)) {
            out.println("# Neural Poisson step network on " + dev.description());
            out.printf(Locale.ROOT, "# weights: %s (%d blocks, width %d); held-out seed %d, %d samples per h;"
                    + " forward: best of %d; PCG: Jacobi, rtol 1e-8, on the host%n%n",
                    weights == null ? "bundled" : weights.toString(), net.blocks(), net.hidden(), seed, samples, reps);
            out.println("| h | n | n_c | set-up ms | device first ms | device ms | GFLOP/s | host ms | host GFLOP/s"
                    + " | max rel diff | PCG its x0=0 | PCG its x0=û_dev |");
            out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            CpuNeuralPoissonNet cpu = new CpuNeuralPoissonNet(net);
            // warm-up: JIT of the host code, program build and first launches on the device
            TwoLevelSystem warm = PoissonSamples.sample(0, 0.1, seed + 7919).system();
            eval.predict(warm);
            cpu.predict(warm);
            for (double h : hs) {
                try {
                    runH(eval, cpu, h, samples, reps, seed, out);
                } catch (DeviceOutOfMemoryException e) {
                    out.println("| " + h + " | out of device memory: " + e.getMessage() + " |");
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void runH(NeuralPoissonEvaluator eval, CpuNeuralPoissonNet cpu, double h, int samples, int reps,
            long seed, PrintWriter out) {
        double n = 0, nc = 0, setup = 0, first = 0, devMs = 0, hostMs = 0, gflopDev = 0, gflopHost = 0;
        double diff = 0, zeroIts = 0, warmIts = 0;
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(100_000)
                .withPreconditioner(new PointJacobi());
        for (int i = 0; i < samples; i++) {
            PoissonSamples.Sample s = PoissonSamples.sample(i, h, seed);
            CsrMatrix a = s.fem().a();
            double[] b = s.fem().b();
            long t0 = System.nanoTime();
            TwoLevelSystem sys = new TwoLevelSystem(a, b);
            setup += (System.nanoTime() - t0) / 1e6;
            long flops = new NeuralPoissonPlan(eval.net(), sys).flops();
            double[] ud = new double[b.length];
            t0 = System.nanoTime();
            eval.predict(sys, ud); // upload and allocation for this system, then the forward
            first += (System.nanoTime() - t0) / 1e6;
            double bestDev = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                t0 = System.nanoTime();
                eval.predict(sys, ud); // ends with a blocking copy to the host
                bestDev = Math.min(bestDev, (System.nanoTime() - t0) / 1e6);
            }
            double[] uc = new double[b.length];
            double bestHost = Double.MAX_VALUE;
            for (int r = 0; r < reps; r++) {
                t0 = System.nanoTime();
                cpu.predict(sys, uc);
                bestHost = Math.min(bestHost, (System.nanoTime() - t0) / 1e6);
            }
            double d = 0, m = 0;
            for (int k = 0; k < b.length; k++) {
                d = Math.max(d, Math.abs(ud[k] - uc[k]));
                m = Math.max(m, Math.abs(uc[k]));
            }
            diff = Math.max(diff, m == 0 ? d : d / m);
            SolveResult zero = new ConjugateGradient().solve(a, DenseVector.wrap(b), DenseVector.zeros(b.length), opts);
            SolveResult warmStart = new ConjugateGradient().solve(a, DenseVector.wrap(b), DenseVector.wrap(ud),
                    opts.withNonzeroGuess(true));
            n += b.length;
            nc += sys.coarseSize();
            devMs += bestDev;
            hostMs += bestHost;
            gflopDev += flops / (bestDev * 1e6);
            gflopHost += flops / (bestHost * 1e6);
            zeroIts += zero.converged() ? zero.iterations() : Double.NaN;
            warmIts += warmStart.converged() ? warmStart.iterations() : Double.NaN;
        }
        double c = samples;
        out.printf(Locale.ROOT, "| %.4g | %.0f | %.0f | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f | %.1e | %.1f | %.1f |%n",
                h, n / c, nc / c, setup / c, first / c, devMs / c, gflopDev / c, hostMs / c, gflopHost / c, diff,
                zeroIts / c, warmIts / c);
    }

    private static double[] parseDoubles(String s) {
        String[] parts = s.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].trim());
        }
        return v;
    }
}
