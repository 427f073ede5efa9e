package io.krylovforge.learned.poisson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.DimensionMismatchException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host evaluator and the hooks a device evaluator uses (operators, coarseSolve). */
class CpuNeuralPoissonNetTest {

    @Test
    void evaluatorGivesTheForwardBitForBitAcrossSystemSizes() {
        NeuralPoissonNet net = NeuralPoissonNet.random(NeuralPoissonNet.Size.defaults().withBlocks(3).withHidden(6), 11L);
        List<PoissonSamples.Sample> data = List.of(PoissonSamples.sample(0, 0.1, 5L), PoissonSamples.sample(1, 0.06, 5L),
                PoissonSamples.sample(2, 0.12, 5L));
        CpuNeuralPoissonNet eval = new CpuNeuralPoissonNet(net);
        for (PoissonSamples.Sample s : data) { // the workspace grows for the second, is reused for the third
            assertArrayEquals(net.predict(s.system()), eval.predict(s.system()), 0.0);
        }
        assertSame(net, eval.net());
        assertEquals("cpu", eval.device());
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> eval.predict(data.get(0).system(), new double[3]));
        assertTrue(e.getMessage().contains("3 entries"), e.getMessage());
    }

    @Test
    void stepWithAnEvaluatorEqualsTheStepWithTheNet() {
        PoissonSamples.Sample s = PoissonSamples.sample(0, 0.1, 6L);
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        double[] a = new NeuralPoissonStep(net).oneShot(s.fem().a(), s.fem().b());
        NeuralPoissonStep viaEvaluator = new NeuralPoissonStep(new CpuNeuralPoissonNet(net));
        assertArrayEquals(a, viaEvaluator.oneShot(s.fem().a(), s.fem().b()), 0.0);
        assertSame(net, viaEvaluator.net());
    }

    @Test
    void coarseSolveAndOperatorsRebuildTheCoarseCorrection() {
        TwoLevelSystem sys = PoissonSamples.sample(0, 0.1, 7L).system();
        TwoLevelSystem.Operators o = sys.operators();
        int n = o.n();
        assertEquals(sys.size(), n);
        assertEquals(sys.coarseSize(), o.coarseSize());
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.sin(0.3 * i);
        }
        double[] expected = new double[n];
        sys.coarseCorrection(r, expected);
        double[] y = new double[o.coarseSize()];
        for (int i = 0; i < n; i++) { // y = Pᵀ r in the host's scatter order
            for (int q = o.pPtr()[i]; q < o.pPtr()[i + 1]; q++) {
                y[o.pCol()[q]] += o.pVal()[q] * r[i];
            }
        }
        sys.coarseSolve(y);
        double[] got = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int q = o.pPtr()[i]; q < o.pPtr()[i + 1]; q++) {
                s += o.pVal()[q] * y[o.pCol()[q]];
            }
            got[i] = s;
        }
        assertArrayEquals(expected, got, 0.0);
        assertThrows(DimensionMismatchException.class, () -> sys.coarseSolve(new double[o.coarseSize() + 1]));
        o.b()[0] += 1.0; // a copy: the system is unchanged
        assertEquals(sys.rhs()[0] + 1.0, o.b()[0]);
    }
}
