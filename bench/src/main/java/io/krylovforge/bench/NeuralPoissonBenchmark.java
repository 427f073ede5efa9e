package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import io.krylovforge.learned.poisson.PoissonSamples;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The neural Poisson step on held-out problems: N random corner-removed squares with random mixed
 * Dirichlet/Neumann segments and random smooth sources, drawn from a seed the training never used.
 * Per network variant (trained weights; the same architecture at the trainer's seeded start and
 * with fully random weights; the classical skeleton = two-grid V(2,2) damped-Jacobi cycles):
 * <ul>
 *   <li>one-shot relative L2 error ‖û − u‖₂/‖u‖₂ over the unknowns, u the converged solution
 *       (Jacobi-PCG to rtol 1e-12);</li>
 *   <li>Jacobi-PCG ({@link ConjugateGradient} + {@link PointJacobi}) iterations and
 *       seconds to rtol 1e-8 on ‖b − Ax‖/‖b‖ from x₀ = 0 and from x₀ = û; the warm-start time
 *       includes the coarse-space set-up and the network (reported separately too). SA-AMG-PCG
 *       from zero is printed for context: the network contains a Galerkin coarse solve, so AMG is
 *       the fair classical peer in time.</li>
 * </ul>
 * Times are the best of three runs after a warm-up pass (the machine is shared).
 *
 * <p>Usage: {@code NeuralPoissonBenchmark [samples=20] [h=0.05] [fineSamples=5] [fineH=0.02]
 * [seed=1000] [weights=bundled]}.
 */
public final class NeuralPoissonBenchmark {
    private NeuralPoissonBenchmark() {
    }

    private static final class Acc {
        double errSum;
        double errMax;
        long its;
        double setupSeconds;
        double netSeconds;
        double pcgSeconds;
        int count;
    }

    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        double h = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        int fineSamples = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        double fineH = args.length > 3 ? Double.parseDouble(args[3]) : 0.02;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1000L;
        NeuralPoissonNet trained = args.length > 5 ? NeuralPoissonWeights.read(Path.of(args[5]))
                : NeuralPoissonWeights.bundled();
        int blocks = trained.blocks();
        int hidden = trained.hidden();
        Map<String, NeuralPoissonNet> variants = new LinkedHashMap<>();
        variants.put("trained", trained);
        variants.put("untrained (seeded training start)", NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(blocks).withHidden(hidden), 1L));
        variants.put("random weights N(0,1/fan-in)", NeuralPoissonNet.random(NeuralPoissonNet.Size.defaults().withBlocks(blocks).withHidden(hidden), 1L));
        variants.put("classical skeleton (two-grid V(2,2), MLP = 0)", NeuralPoissonNet.classical(NeuralPoissonNet.Size.defaults().withBlocks(blocks).withHidden(hidden)));
        System.out.printf(Locale.ROOT, "# Neural Poisson step: %d blocks, width %d, %d weights; held-out seed %d%n%n",
                blocks, hidden, trained.parameterCount(), seed);
        // warm-up so the JIT has compiled the kernels before anything is timed
        run(PoissonSamples.generate(2, h, seed + 7919), variants, false);
        report("mesh h = " + h + ", " + samples + " domains", run(PoissonSamples.generate(samples, h, seed), variants, true));
        if (fineSamples > 0) {
            report("finer mesh h = " + fineH + ", " + fineSamples + " domains (not seen in training)",
                    run(PoissonSamples.generate(fineSamples, fineH, seed + 1), variants, true));
        }
    }

    private record Result(int nMin, int nMax, double zeroIts, double zeroSeconds, double amgIts, double amgSeconds,
            Map<String, Acc> acc) {
    }

    private static Result run(List<PoissonSamples.Sample> data, Map<String, NeuralPoissonNet> variants, boolean print) {
        Map<String, Acc> acc = new LinkedHashMap<>();
        for (String k : variants.keySet()) {
            acc.put(k, new Acc());
        }
        long zeroIts = 0;
        double zeroSec = 0;
        long amgIts = 0;
        double amgSec = 0;
        int nMin = Integer.MAX_VALUE;
        int nMax = 0;
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(100_000);
        for (PoissonSamples.Sample s : data) {
            CsrMatrix a = s.fem().a();
            double[] b = s.fem().b();
            int n = b.length;
            nMin = Math.min(nMin, n);
            nMax = Math.max(nMax, n);
            DenseVector ref = DenseVector.zeros(n);
            SolveResult rr = new ConjugateGradient().solve(a, DenseVector.wrap(b.clone()), ref,
                    SolverOptions.defaults().withRtol(1e-12).withMaxIterations(100_000)
                            .withPreconditioner(new PointJacobi()));
            if (!rr.converged()) {
                throw new IllegalStateException("reference solve did not converge: " + rr);
            }
            double[] u = ref.toArray();
            double best = Double.MAX_VALUE;
            int its = 0;
            for (int rep = 0; rep < 3; rep++) {
                DenseVector x = DenseVector.zeros(n);
                long t0 = System.nanoTime();
                SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b), x,
                        opts.withPreconditioner(new PointJacobi()));
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                its = r.iterations();
            }
            zeroIts += its;
            zeroSec += best;
            best = Double.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) { // context: smoothed-aggregation AMG-PCG, set-up included
                DenseVector x = DenseVector.zeros(n);
                long t0 = System.nanoTime();
                SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b), x,
                        opts.withPreconditioner(new SmoothedAggregationAmg()));
                best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
                its = r.iterations();
            }
            amgIts += its;
            amgSec += best;
            for (Map.Entry<String, NeuralPoissonNet> e : variants.entrySet()) {
                Acc c = acc.get(e.getKey());
                double bestSetup = Double.MAX_VALUE;
                double bestNet = Double.MAX_VALUE;
                double bestPcg = Double.MAX_VALUE;
                double[] uh = null;
                int wits = 0;
                for (int rep = 0; rep < 3; rep++) {
                    long t0 = System.nanoTime();
                    TwoLevelSystem sys = new TwoLevelSystem(a, b);
                    long ts = System.nanoTime();
                    uh = e.getValue().predict(sys);
                    long t1 = System.nanoTime();
                    bestSetup = Math.min(bestSetup, (ts - t0) * 1e-9);
                    DenseVector x = DenseVector.wrap(uh.clone());
                    SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b), x,
                            opts.withPreconditioner(new PointJacobi()).withNonzeroGuess(true));
                    long t2 = System.nanoTime();
                    bestNet = Math.min(bestNet, (t1 - t0) * 1e-9);
                    bestPcg = Math.min(bestPcg, (t2 - t1) * 1e-9);
                    wits = r.converged() ? r.iterations() : -1;
                }
                double err = relativeError(uh, u);
                c.errSum += err;
                c.errMax = Math.max(c.errMax, err);
                c.its += wits < 0 ? 100_000 : wits;
                c.setupSeconds += bestSetup;
                c.netSeconds += bestNet;
                c.pcgSeconds += bestPcg;
                c.count++;
            }
        }
        int m = data.size();
        return new Result(nMin, nMax, zeroIts / (double) m, zeroSec / m, amgIts / (double) m, amgSec / m, acc);
    }

    private static double relativeError(double[] uh, double[] u) {
        double d = 0;
        double t = 0;
        for (int i = 0; i < u.length; i++) {
            double e = Double.isFinite(uh[i]) ? uh[i] - u[i] : Double.MAX_VALUE / 1e10;
            d += e * e;
            t += u[i] * u[i];
        }
        return Math.sqrt(d / t);
    }

    private static void report(String title, Result r) {
        System.out.printf(Locale.ROOT, "## %s (n = %d … %d unknowns)%n%n", title, r.nMin(), r.nMax());
        System.out.printf(Locale.ROOT, "Jacobi-PCG from x0 = 0: %.1f iterations, %.2f ms (mean). "
                + "For context, SA-AMG-PCG from x0 = 0: %.1f iterations, %.2f ms with set-up.%n%n", r.zeroIts(),
                1e3 * r.zeroSeconds(), r.amgIts(), 1e3 * r.amgSeconds());
        System.out.println("| variant | one-shot rel. L2 error mean | max | Jacobi-PCG its from x0 = û (mean) | iteration ratio zero/warm | coarse set-up ms | network ms | warm PCG ms | total ms |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Acc> e : r.acc().entrySet()) {
            Acc c = e.getValue();
            double its = c.its / (double) c.count;
            lines.add(String.format(Locale.ROOT, "| %s | %.3e | %.3e | %.1f | %.2f | %.2f | %.2f | %.2f | %.2f |",
                    e.getKey(), c.errSum / c.count, c.errMax, its, r.zeroIts() / its, 1e3 * c.setupSeconds / c.count,
                    1e3 * c.netSeconds / c.count, 1e3 * c.pcgSeconds / c.count,
                    1e3 * (c.setupSeconds + c.netSeconds + c.pcgSeconds) / c.count));
        }
        lines.forEach(System.out::println);
        System.out.println();
    }
}
