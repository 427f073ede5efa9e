package io.krylovforge.solvers.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.SolverOptions;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The "Learning to Relax" SOR setting, shortened: A_t = A + c_t I on the 10×10 Laplacian. */
class TunedSequenceSolverTest {
    private static final CsrMatrix LAPLACIAN = Stencils.laplacian2d(10, 10);

    private static CsrMatrix shifted(double c) {
        CooBuilder coo = new CooBuilder(100, 100);
        LAPLACIAN.forEach((i, j, v) -> coo.add(i, j, i == j ? v + c : v));
        return coo.build();
    }

    private static DenseVector rhs(SplittableRandom rnd) {
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) {
            b[i] = rnd.nextGaussian();
        }
        return DenseVector.wrap(b);
    }

    @Test
    void youngsFormulaMatchesTheLaplacianTheory() {
        // 5-point Laplacian on an N×N grid: Jacobi radius β = cos(π/(N+1)).
        InstanceOptimalOmega opt = new InstanceOptimalOmega(60, 1);
        double beta = Math.cos(Math.PI / 11);
        assertEquals(beta, opt.jacobiSpectralRadius(LAPLACIAN), 1e-6);
        double expected = 2.0 / (1.0 + Math.sin(Math.PI / 11));
        assertEquals(expected, opt.optimalOmega(LAPLACIAN), 1e-5);
    }

    @Test
    void tsallisInfOnSorLearnsAGoodFixedOmega() {
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(10_000);
        TunedSequenceSolver learner = new TunedSequenceSolver(new TsallisInf(OmegaGrid.standard(), 3),
                TunedSequenceSolver.sor(), o);
        TunedSequenceSolver unit = new TunedSequenceSolver(new FixedOmega(1.0), TunedSequenceSolver.sor(), o);
        SplittableRandom rnd = new SplittableRandom(17);
        long learned = 0;
        long gaussSeidel = 0;
        int steps = 600;
        for (int t = 0; t < steps; t++) {
            double c = -0.15 + 0.6 * beta26(rnd);
            CsrMatrix a = shifted(c);
            DenseVector b = rhs(rnd);
            TunedSequenceSolver.Step s = learner.solveNext(a, b, DenseVector.zeros(100), c);
            assertTrue(s.result().converged(), s.result().summary());
            TunedSequenceSolver.Step g = unit.solveNext(a, b, DenseVector.zeros(100), c);
            if (t >= steps - 200) {
                learned += s.iterations();
                gaussSeidel += g.iterations();
            }
        }
        // Paper setting: ω = 1 costs about 4.6x the best fixed ω; a learner must be far below ω = 1.
        assertTrue(learned < 0.5 * gaussSeidel, "learned " + learned + " vs omega=1 " + gaussSeidel);
    }

    /** Beta(2, 6) by the order-statistics construction (2nd smallest of 7 uniforms). */
    static double beta26(SplittableRandom rnd) {
        double[] u = new double[7];
        for (int i = 0; i < 7; i++) {
            u[i] = rnd.nextDouble();
        }
        java.util.Arrays.sort(u);
        return u[1];
    }
}
