package io.krylovforge.bench;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.ExecutionContext;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.datasets.SampleSeeds;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-sample solve time of the {@code darcy3d} family for the candidates of {@code --solver
 * auto} (the 3D rows of {@code DatasetAuto}'s decision table), on one thread with serial kernels,
 * in thread CPU ms: (a) Cholesky, analysed once (nested dissection on the grid, or AMD with
 * {@code m}) and factorised per sample; (b) CG + AMG set up afresh per sample; (c) CG + AMG whose
 * aggregates are kept along the samples ({@code update}, as a dataset chain does); (d) CG +
 * IC(0). CG stops at ‖b − Ax‖ ≤ 1e-8‖b‖ from a zero guess; every answer's residual is recomputed.
 *
 * <pre>
 * Darcy3dBenchmark SIZES SAMPLES ROUNDS METHODS     e.g. Darcy3dBenchmark 16,32,48,64 4 3 bcd
 * </pre>
 * SIZES are cells per side; METHODS letters a, b, c, d (and m: also AMD for a). The methods run
 * interleaved, ROUNDS times over the same SAMPLES samples; each reports its fastest round, which
 * damps the noise of a shared machine (the first round also warms the JIT).
 */
public final class Darcy3dBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private Darcy3dBenchmark() {
    }

    /**
     * Runs the comparison and prints one line per size and method.
     *
     * @param args SIZES SAMPLES ROUNDS METHODS
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: Darcy3dBenchmark SIZES SAMPLES ROUNDS METHODS   (e.g. 16,32,48 4 3 abcd)");
            System.exit(2);
        }
        int samples = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        String methods = args[3];
        ExecutionContext.serial().run(() -> {
            for (String size : args[0].split(",")) {
                run(Integer.parseInt(size), samples, rounds, methods);
            }
        });
    }

    private static double cpuMs() {
        return CPU.getCurrentThreadCpuTime() / 1e6;
    }

    private static void run(int n, int samples, int rounds, String methods) {
        PdeFamily fam = Families.create("darcy3d", n);
        List<PdeInstance> sys = new ArrayList<>();
        double gen = Double.MAX_VALUE;
        for (int round = 0; round < 2; round++) {
            sys.clear();
            double t0 = cpuMs();
            for (int j = 0; j < samples; j++) {
                sys.add(fam.sample(SampleSeeds.of(7L, j)));
            }
            gen = Math.min(gen, (cpuMs() - t0) / samples);
        }
        System.out.printf(Locale.ROOT, "darcy3d %d^3: n=%d nnz=%d, %d samples, best of %d rounds; field+assembly %.1f ms/sample%n",
                n, fam.size(), sys.get(0).a().nnz(), samples, rounds, gen);
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(5000);
        Map<String, double[]> best = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            if (methods.contains("a")) {
                cholesky(best, notes, "(a) cholesky nd-grid", sys, Ordering.nestedDissection(GridShape.of(n, n, n)));
                if (methods.contains("m")) {
                    cholesky(best, notes, "(a) cholesky amd", sys, Ordering.amd());
                }
            }
            if (methods.contains("b")) {
                iterative(best, notes, "(b) cg+amg fresh", sys, opts, SmoothedAggregationAmg::new, false);
            }
            if (methods.contains("c")) {
                iterative(best, notes, "(c) cg+amg reuse", sys, opts, SmoothedAggregationAmg::new, true);
            }
            if (methods.contains("d")) {
                iterative(best, notes, "(d) cg+ic0", sys, opts, IncompleteCholesky0::new, false);
            }
        }
        for (Map.Entry<String, double[]> e : best.entrySet()) {
            System.out.printf(Locale.ROOT, "  %-22s %9.1f ms/sample (set-up or analysis %.1f)  %s%n", e.getKey(),
                    e.getValue()[0], e.getValue()[1], notes.get(e.getKey()));
        }
    }

    private static void keep(Map<String, double[]> best, String key, double perSample, double setUp) {
        double[] b = best.get(key);
        if (b == null || perSample < b[0]) {
            best.put(key, new double[] {perSample, setUp});
        }
    }

    private static void cholesky(Map<String, double[]> best, Map<String, String> notes, String name,
            List<PdeInstance> sys, Ordering ordering) {
        double ta = cpuMs();
        Cholesky c = Cholesky.analyze(sys.get(0).a(), ordering);
        double analysis = cpuMs() - ta;
        double t = cpuMs();
        double worst = 0.0;
        for (PdeInstance p : sys) {
            if (!c.factor(p.a()).ok()) {
                throw new IllegalStateException("Cholesky failed on an SPD darcy3d sample");
            }
            double[] x = new double[p.size()];
            c.solve(p.b(), x);
            worst = Math.max(worst, p.a().relativeResidual(DenseVector.wrap(p.b()), DenseVector.wrap(x)));
        }
        keep(best, name, (cpuMs() - t) / sys.size(), analysis);
        notes.put(name, String.format(Locale.ROOT, "worst residual %.1e (analysis once, not in the per-sample time)", worst));
    }

    private static void iterative(Map<String, double[]> best, Map<String, String> notes, String name,
            List<PdeInstance> sys, SolverOptions opts, Supplier<Preconditioner> make, boolean reuse) {
        ConjugateGradient cg = new ConjugateGradient();
        Preconditioner kept = make.get();
        double t = cpuMs();
        double setUp = 0.0;
        long iterations = 0;
        double worst = 0.0;
        for (PdeInstance p : sys) {
            Preconditioner m = reuse ? kept : make.get();
            double ts = cpuMs();
            if (reuse) {
                m.update(p.a()); // aggregates of the first sample kept
            } else {
                m.setUp(p.a());
            }
            setUp += cpuMs() - ts;
            DenseVector x = DenseVector.zeros(p.size());
            SolveResult r = cg.solve(p.a(), DenseVector.wrap(p.b()), x, opts.withPreconditioner(m));
            if (!r.converged()) {
                throw new IllegalStateException(name + " did not converge: " + r.reason());
            }
            iterations += r.iterations();
            worst = Math.max(worst, p.a().relativeResidual(DenseVector.wrap(p.b()), x));
        }
        int s = sys.size();
        keep(best, name, (cpuMs() - t) / s, setUp / s);
        notes.put(name, String.format(Locale.ROOT, "iterations %.1f, worst residual %.1e", (double) iterations / s, worst));
    }
}
