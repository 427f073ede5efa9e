package io.krylovforge.learned.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.PoissonSamples;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The device-neutral plan on the host: the coarse correction rebuilt from its arrays
 * (e = Pᵀr by rows of Pᵀ, the host coarse solve, P e) equals {@link TwoLevelSystem#coarseCorrection}
 * bit for bit, which is what lets the device kernels follow the host's summation order.
 */
class NeuralPoissonPlanTest {

    private static void csr(int rows, int[] ptr, int[] col, double[] val, double[] x, double[] y) {
        for (int i = 0; i < rows; i++) {
            double s = 0.0;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                s += val[k] * x[col[k]];
            }
            y[i] = s;
        }
    }

    @Test
    void coarseCorrectionFromThePlanEqualsTheHostBitForBit() {
        TwoLevelSystem sys = PoissonSamples.sample(0, 0.08, 1000L).system();
        NeuralPoissonPlan plan = new NeuralPoissonPlan(NeuralPoissonNet.classical(8, 16), sys);
        int n = plan.size();
        int nc = plan.coarseSize();
        assertEquals(sys.size(), n);
        assertEquals(sys.coarseSize(), nc);
        assertEquals(plan.pPtr()[n], plan.rPtr()[nc]);
        SplittableRandom rnd = new SplittableRandom(3);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rnd.nextDouble(-1, 1);
        }
        double[] expected = new double[n];
        sys.coarseCorrection(r, expected);
        double[] e = new double[nc];
        csr(nc, plan.rPtr(), plan.rCol(), plan.rVal(), r, e); // e = Pᵀ r
        sys.coarseSolve(e);
        double[] got = new double[n];
        csr(n, plan.pPtr(), plan.pCol(), plan.pVal(), e, got); // P e
        assertArrayEquals(expected, got, 0.0);
        for (int c = 0; c < nc; c++) {
            for (int k = plan.rPtr()[c] + 1; k < plan.rPtr()[c + 1]; k++) {
                assertTrue(plan.rCol()[k - 1] < plan.rCol()[k], "row " + c + " of Pᵀ is not in ascending order");
            }
        }
    }

    @Test
    void stageOffsetsFollowTheParameterLayout() {
        TwoLevelSystem sys = PoissonSamples.sample(0, 0.1, 1000L).system();
        NeuralPoissonPlan plan = new NeuralPoissonPlan(NeuralPoissonNet.classical(3, 5), sys);
        assertEquals(6, plan.stages());
        assertEquals(0, plan.stageOffset(0));
        assertEquals(5 * (2 + 2 * 5 + 5), plan.stageOffset(5));
        assertEquals(NeuralPoissonNet.parameterCount(3, 5), plan.stageOffset(5) + 2 + 3 * 5);
        assertThrows(IndexOutOfBoundsException.class, () -> plan.stageOffset(6));
        assertTrue(plan.flops() > 0);
    }
}
