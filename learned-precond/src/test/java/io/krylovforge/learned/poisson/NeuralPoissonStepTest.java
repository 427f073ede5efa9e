package io.krylovforge.learned.poisson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped weights on held-out problems (seed 1000; training used seed 1): domains, boundary
 * conditions and sources the network never saw. Bounds are set from measured values with margin
 * (bench/results/learned-npsolver.md: mean one-shot error 5.3e-7, max 1.8e-6; 5.25× fewer
 * Jacobi-PCG iterations over 20 domains).
 */
class NeuralPoissonStepTest {
    private static final SolverOptions OPTS = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(100_000);

    private static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double r = 0;
        double bb = 0;
        for (int i = 0; i < b.length; i++) {
            r += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(r / bb);
    }

    @Test
    void oneShotIsAccurateAndWarmStartCutsJacobiPcgIterations() {
        NeuralPoissonStep step = NeuralPoissonStep.bundled();
        NeuralPoissonNet classical = NeuralPoissonNet.classical(NeuralPoissonNet.Size.defaults());
        List<PoissonSamples.Sample> data = PoissonSamples.generate(4, 0.05, 1000L);
        int zeroTotal = 0;
        int warmTotal = 0;
        for (PoissonSamples.Sample s : data) {
            CsrMatrix a = s.fem().a();
            double[] b = s.fem().b();
            int n = b.length;
            DenseVector ref = DenseVector.zeros(n);
            SolveResult rr = new ConjugateGradient().solve(a, DenseVector.wrap(b.clone()), ref,
                    OPTS.withRtol(1e-12).withPreconditioner(new PointJacobi()));
            assertTrue(rr.converged());
            double[] u = ref.toArray();
            double[] uh = step.oneShot(a, b);
            double err = relError(uh, u);
            assertTrue(err < 1e-5, "one-shot relative L2 error " + err + " (goal <= 0.10)");
            double errClassical = relError(classical.predict(new TwoLevelSystem(a, b)), u);
            assertTrue(err < errClassical / 10, "trained " + err + " vs classical skeleton " + errClassical);

            DenseVector x0 = DenseVector.zeros(n);
            SolveResult zero = new ConjugateGradient().solve(a, DenseVector.wrap(b.clone()), x0,
                    OPTS.withPreconditioner(new PointJacobi()));
            DenseVector xw = DenseVector.zeros(n);
            SolveResult warm = step.solve(a, b, xw, OPTS);
            assertEquals(StopReason.CONVERGED_RTOL, zero.reason());
            assertEquals(StopReason.CONVERGED_RTOL, warm.reason());
            assertTrue(relativeResidual(a, b, xw.toArray()) <= 1.01e-8, "warm-start true residual");
            assertTrue(2 * warm.iterations() <= zero.iterations(),
                    "warm " + warm.iterations() + " vs zero " + zero.iterations());
            zeroTotal += zero.iterations();
            warmTotal += warm.iterations();
        }
        assertTrue(4 * warmTotal <= zeroTotal, "total warm " + warmTotal + " vs zero " + zeroTotal);
    }

    @Test
    void worksOnAFinerMeshThanTraining() {
        PoissonSamples.Sample s = PoissonSamples.sample(0, 0.03, 2000L);
        TwoLevelSystem sys = s.system();
        double[] u = new double[sys.size()];
        sys.refine(u, 100_000, 1e-12);
        double err = relError(NeuralPoissonStep.bundled().oneShot(sys), u);
        assertTrue(err < 2e-5, "one-shot relative L2 error on h = 0.03: " + err);
    }

    private static double relError(double[] uh, double[] u) {
        double d = 0;
        double t = 0;
        for (int i = 0; i < u.length; i++) {
            d += (uh[i] - u[i]) * (uh[i] - u[i]);
            t += u[i] * u[i];
        }
        return Math.sqrt(d / t);
    }
}
