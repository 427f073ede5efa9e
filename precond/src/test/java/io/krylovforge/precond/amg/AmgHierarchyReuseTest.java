package io.krylovforge.precond.amg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.precond.TestMatrices;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link SmoothedAggregationAmg#update}: aggregates kept, numeric stages redone for the new values. */
class AmgHierarchyReuseTest {
    /**
     * 3D cell-centred Darcy operator on m³ cells: K log-normal per cell (σ = 1.5, seeded),
     * harmonic-mean faces, boundary faces 2K. SPD, same pattern for every seed.
     */
    static CsrMatrix darcy3d(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] k = new double[m * m * m];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.exp(1.5 * rnd.nextGaussian());
        }
        CooBuilder coo = new CooBuilder(k.length, k.length);
        int[] step = {1, m, m * m};
        for (int z = 0; z < m; z++) {
            for (int y = 0; y < m; y++) {
                for (int x = 0; x < m; x++) {
                    int c = x + m * (y + m * z);
                    int[] pos = {x, y, z};
                    double diag = 0.0;
                    for (int d = 0; d < 3; d++) {
                        for (int side = -1; side <= 1; side += 2) {
                            int q = pos[d] + side;
                            if (q < 0 || q >= m) {
                                diag += 2.0 * k[c];
                            } else {
                                int nb = c + side * step[d];
                                double w = 2.0 * k[c] * k[nb] / (k[c] + k[nb]);
                                diag += w;
                                coo.add(c, nb, -w);
                            }
                        }
                    }
                    coo.add(c, c, diag);
                }
            }
        }
        return coo.build();
    }

    @Test
    void updateKeepsTheFirstAggregatesAndRecomputesTheGalerkinProducts() {
        CsrMatrix a1 = darcy3d(12, 1L);
        CsrMatrix a2 = darcy3d(12, 2L);
        assertTrue(a1.samePattern(a2));
        // θ > 0 makes the aggregates depend on the values, so reuse is visible
        AmgOptions opts = AmgOptions.defaults().withTheta(0.25);
        SmoothedAggregationAmg reused = new SmoothedAggregationAmg(opts);
        reused.setUp(a1);
        List<Aggregation> first = List.copyOf(reused.aggregates());
        CsrMatrix coarseOfA1 = reused.hierarchy().levels().get(1).a();
        reused.update(a2);
        SmoothedAggregationAmg fresh = new SmoothedAggregationAmg(opts);
        fresh.setUp(a2);

        assertTrue(first.size() >= 2, "at least two coarsenings on 1728 unknowns");
        assertEquals(first.size(), reused.aggregates().size());
        for (int l = 0; l < first.size(); l++) {
            assertSame(first.get(l), reused.aggregates().get(l), "level " + l + " aggregates kept");
        }
        assertFalse(Arrays.equals(first.get(0).index(), fresh.aggregates().get(0).index()),
                "a fresh set-up on the new values aggregates differently (else this test shows nothing)");

        // level 1 of the update is R·A2·P with the new values: check it on a random vector
        Level fine = reused.hierarchy().levels().get(0);
        CsrMatrix coarse = reused.hierarchy().levels().get(1).a();
        assertSame(a2, fine.a());
        double[] v = TestMatrices.random(coarse.rows(), 5L);
        double[] galerkin = fine.r().multiply(a2.multiply(fine.p().multiply(v)));
        double[] direct = coarse.multiply(v);
        for (int i = 0; i < v.length; i++) {
            assertEquals(galerkin[i], direct[i], 1e-12 * (1.0 + Math.abs(galerkin[i])));
        }
        assertTrue(coarse.samePattern(coarseOfA1), "same aggregates, same coarse pattern");
        assertNotEquals(coarseOfA1.values()[0], coarse.values()[0], "coarse values recomputed");

        // PCG on the new matrix converges (true residual) within a few iterations of a fresh set-up
        double[] b = a2.multiply(TestMatrices.random(a2.rows(), 4L));
        double[] x = new double[a2.rows()];
        SolveResult withReuse = TestMatrices.pcg(a2, b, x, reused, 1e-8);
        assertEquals(StopReason.CONVERGED_RTOL, withReuse.reason());
        assertTrue(TestMatrices.relativeResidual(a2, b, x) <= 1e-8);
        double[] y = new double[a2.rows()];
        SolveResult withFresh = TestMatrices.pcg(a2, b, y, fresh, 1e-8);
        assertEquals(StopReason.CONVERGED_RTOL, withFresh.reason());
        assertTrue(withReuse.iterations() <= withFresh.iterations() + 3,
                "reuse " + withReuse.iterations() + " vs fresh " + withFresh.iterations() + " iterations");
    }

    @Test
    void updateIsDeterministicAndADifferentPatternGetsAFullSetUp() {
        CsrMatrix a1 = darcy3d(10, 11L);
        CsrMatrix a2 = darcy3d(10, 12L);
        double[] r = TestMatrices.random(a1.rows(), 9L);
        double[][] z = new double[2][];
        for (int run = 0; run < 2; run++) {
            SmoothedAggregationAmg amg = new SmoothedAggregationAmg(AmgOptions.defaults().withTheta(0.25));
            amg.setUp(a1);
            amg.update(a2);
            z[run] = TestMatrices.apply(amg, r);
        }
        assertArrayEquals(z[0], z[1], "same chain, same bits");

        SmoothedAggregationAmg amg = new SmoothedAggregationAmg(AmgOptions.defaults().withTheta(0.25));
        amg.setUp(a1);
        Aggregation kept = amg.aggregates().get(0);
        CsrMatrix other = darcy3d(9, 11L);
        amg.update(other);
        assertEquals(other.rows(), amg.aggregates().get(0).index().length, "other pattern: aggregated afresh");
        assertFalse(kept == amg.aggregates().get(0));
        double[] b = other.multiply(TestMatrices.random(other.rows(), 2L));
        double[] x = new double[other.rows()];
        assertEquals(StopReason.CONVERGED_RTOL, TestMatrices.pcg(other, b, x, amg, 1e-8).reason());
        assertTrue(TestMatrices.relativeResidual(other, b, x) <= 1e-8);
    }
}
