package io.krylovforge.precond.amg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.precond.TestMatrices;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SmoothedAggregationAmgTest {

    @Test
    void tentativeProlongatorPatternIsTheAggregates() {
        CsrMatrix a = TestMatrices.laplace2d(20);
        CsrMatrix s = StrengthOfConnection.symmetric(a, 0.0);
        int[] sPtr = s.rowPtr();
        int[] sCol = s.colIdx();
        Aggregation agg = Aggregation.standard(s);
        int n = a.rows();
        assertTrue(agg.count() > n / 10 && agg.count() < n / 3, "aggregates " + agg.count());
        for (int j = 0; j < agg.count(); j++) {
            assertEquals(j, agg.index()[agg.roots()[j]], "root of aggregate " + j + " belongs to it");
        }
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double[] coarse = new double[agg.count()];
        CsrMatrix t = LevelSupport.tentative(agg, ones, coarse);
        int[] sizes = agg.sizes();
        int[] ptr = t.rowPtr();
        int[] col = t.colIdx();
        double[] val = t.values();
        double[] colNorm2 = new double[agg.count()];
        for (int i = 0; i < n; i++) {
            assertEquals(1, ptr[i + 1] - ptr[i], "row " + i + " of T has one entry (no isolated nodes)");
            assertEquals(agg.index()[i], col[ptr[i]], "row " + i + " sits in its aggregate's column");
            assertEquals(1.0 / Math.sqrt(sizes[agg.index()[i]]), val[ptr[i]], 1e-15);
            colNorm2[col[ptr[i]]] += val[ptr[i]] * val[ptr[i]];
        }
        for (int j = 0; j < agg.count(); j++) {
            assertEquals(1.0, colNorm2[j], 1e-14, "column " + j + " normalised");
            assertEquals(Math.sqrt(sizes[j]), coarse[j], 1e-14, "coarse candidate");
            // every member of an aggregate is its root or a strong neighbour of another member
        }
        // aggregates are connected in the strength graph: each non-root member neighbours a member
        for (int i = 0; i < n; i++) {
            int g = agg.index()[i];
            if (agg.roots()[g] == i) {
                continue;
            }
            boolean linked = false;
            for (int k = sPtr[i]; k < sPtr[i + 1]; k++) {
                linked |= agg.index()[sCol[k]] == g;
            }
            assertTrue(linked, "node " + i + " is cut off from aggregate " + g);
        }
    }

    @Test
    void standardAggregationOnAPathMatchesPyAmg() {
        // 1D Laplacian on 7 nodes: pass 1 makes {0,1}, {2,3,4}? No: root 0 takes {0,1}; node 2
        // has aggregated neighbour 1 -> skipped; root 3 takes {2,3,4}; root 6 takes {5,6}.
        CooBuilder coo = new CooBuilder(7, 7);
        for (int i = 0; i < 7; i++) {
            coo.add(i, i, 2.0);
            if (i > 0) {
                coo.add(i, i - 1, -1.0);
            }
            if (i < 6) {
                coo.add(i, i + 1, -1.0);
            }
        }
        Aggregation agg = Aggregation.standard(StrengthOfConnection.symmetric(coo.build(), 0.0));
        assertEquals(3, agg.count());
        assertTrue(java.util.Arrays.equals(new int[] {0, 0, 1, 1, 1, 2, 2}, agg.index()),
                java.util.Arrays.toString(agg.index()));
        assertTrue(java.util.Arrays.equals(new int[] {0, 3, 6}, agg.roots()));
    }

    @Test
    void strengthThresholdDropsWeakConnections() {
        // anisotropic: x couplings -1, y couplings -0.01
        int m = 6;
        CooBuilder coo = new CooBuilder(m * m, m * m);
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                int i = y * m + x;
                coo.add(i, i, 2.02);
                if (x > 0) {
                    coo.add(i, i - 1, -1.0);
                }
                if (x < m - 1) {
                    coo.add(i, i + 1, -1.0);
                }
                if (y > 0) {
                    coo.add(i, i - m, -0.01);
                }
                if (y < m - 1) {
                    coo.add(i, i + m, -0.01);
                }
            }
        }
        CsrMatrix a = coo.build();
        CsrMatrix all = StrengthOfConnection.symmetric(a, 0.0);
        CsrMatrix strong = StrengthOfConnection.symmetric(a, 0.25);
        assertEquals(a.nnz() - a.rows(), all.nnz());
        assertEquals(2 * m * (m - 1), strong.nnz()); // only x-neighbours survive
        assertThrows(IllegalArgumentException.class, () -> StrengthOfConnection.symmetric(a, 1.5));
    }

    @Test
    void sparseProductsMatchDenseProducts() {
        CsrMatrix x = randomSparse(13, 9, 0.3, 1L);
        CsrMatrix y = randomSparse(9, 11, 0.3, 2L);
        double[][] expect = dense(x.toDense(), y.toDense());
        double[][] got = SparseMatrixProduct.multiply(x, y).toDense();
        for (int i = 0; i < 13; i++) {
            for (int j = 0; j < 11; j++) {
                assertEquals(expect[i][j], got[i][j], 1e-14);
            }
        }
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(4), 5L);
        CsrMatrix p = randomSparse(16, 5, 0.4, 3L);
        double[][] ptap = dense(dense(transpose(p.toDense()), a.toDense()), p.toDense());
        CsrMatrix g = SparseMatrixProduct.galerkin(p, a);
        assertTrue(g.isSymmetric(1e-14));
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(ptap[i][j], g.get(i, j), 1e-10);
            }
        }
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> SparseMatrixProduct.multiply(x, x));
        assertTrue(e.getMessage().contains("13x9"), e.getMessage());
    }

    @Test
    void amgPcgIterationsStayFlatAsTheGridIsRefined() {
        int[] sizes = {64, 128, 256, 512};
        int[] iterations = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            CsrMatrix a = TestMatrices.laplace2d(sizes[s]);
            double[] b = new double[a.rows()];
            java.util.Arrays.fill(b, 1.0);
            double[] x = new double[a.rows()];
            SmoothedAggregationAmg amg = SmoothedAggregationAmg.builder().build();
            SolveResult res = TestMatrices.pcg(a, b, x, amg, 1e-8);
            assertEquals(StopReason.CONVERGED_RTOL, res.reason(), res.summary());
            assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8);
            iterations[s] = res.iterations();
            assertTrue(amg.hierarchy().operatorComplexity() < 1.6, amg.hierarchy().toString());
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int it : iterations) {
            min = Math.min(min, it);
            max = Math.max(max, it);
        }
        String msg = "iterations " + java.util.Arrays.toString(iterations);
        assertTrue(max - min <= 3 && max <= 20, msg); // flat: spread at most 3 iterations, <= 20
        System.out.println("SA-AMG-PCG 2D Laplacian 64^2..512^2: " + msg);
    }

    @Test
    void otherSmoothersAndTheWCycleConvergeToo() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(48), 9L);
        double[] b = a.multiply(TestMatrices.random(a.rows(), 1L));
        for (SmootherKind kind : SmootherKind.values()) {
            for (Cycle cycle : Cycle.values()) {
                SmoothedAggregationAmg amg = SmoothedAggregationAmg.builder().smoother(kind).cycle(cycle)
                        .maxCoarse(50).build();
                double[] x = new double[a.rows()];
                SolveResult res = TestMatrices.pcg(a, b, x, amg, 1e-8);
                assertEquals(StopReason.CONVERGED_RTOL, res.reason(), kind + "/" + cycle);
                assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8);
                assertTrue(res.iterations() <= 30, kind + "/" + cycle + ": " + res.iterations());
            }
        }
    }

    @Test
    void standaloneSolveConvergesAndTheTableDescribesTheHierarchy() {
        CsrMatrix a = TestMatrices.laplace2d(100);
        double[] b = a.multiply(TestMatrices.random(a.rows(), 2L));
        double[] x = new double[a.rows()];
        SmoothedAggregationAmg amg = SmoothedAggregationAmg.builder().maxCoarse(10).build();
        SolveResult res = amg.solve(a, b, x, 1e-8, 100);
        assertEquals(StopReason.CONVERGED_RTOL, res.reason(), res.summary());
        assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8);
        assertTrue(res.iterations() <= 40, "cycles " + res.iterations());
        Hierarchy h = amg.hierarchy();
        assertTrue(h.size() >= 3);
        assertTrue(h.levels().get(h.size() - 1).a().rows() <= 10);
        assertTrue(h.levels().get(h.size() - 1).isCoarsest());
        for (int l = 0; l + 1 < h.size(); l++) {
            Level level = h.levels().get(l);
            assertEquals(level.a().rows(), level.p().rows());
            assertEquals(h.levels().get(l + 1).a().rows(), level.p().cols());
            assertTrue(h.levels().get(l + 1).a().isSymmetric(1e-12), "Galerkin operator symmetric");
        }
        String table = h.toString();
        assertTrue(table.contains("Operator Complexity") && table.contains("Grid Complexity"), table);
        assertTrue(table.contains(String.valueOf(a.rows())) && table.contains(String.valueOf(a.nnz())), table);
        // same operator again: set-up is skipped, the hierarchy object is kept
        amg.setUp(a);
        assertSame(h, amg.hierarchy());
        // max cycles reached gives an honest reason
        double[] y = new double[a.rows()];
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, amg.solve(a, b, y, 1e-14, 2).reason());
    }

    @Test
    void updateOnTheSamePatternKeepsTheAggregatesAndMatchesAFreshSetUp() {
        CsrMatrix a = TestMatrices.laplace2d(40);
        CsrMatrix a2 = TestMatrices.badlyScaled(a, 12L);
        SmoothedAggregationAmg amg = SmoothedAggregationAmg.builder().build();
        amg.setUp(a);
        amg.update(a2);
        SmoothedAggregationAmg fresh = SmoothedAggregationAmg.builder().build();
        fresh.setUp(a2);
        // scaling keeps every connection strong at theta = 0, so the aggregates agree and the
        // two hierarchies are the same operator
        assertEquals(fresh.hierarchy().toString(), amg.hierarchy().toString());
        double[] r = TestMatrices.random(a.rows(), 3L);
        double[] z1 = TestMatrices.apply(amg, r);
        double[] z2 = TestMatrices.apply(fresh, r);
        for (int i = 0; i < r.length; i++) {
            assertEquals(z2[i], z1[i], 1e-12 * (1 + Math.abs(z2[i])));
        }
        double[] b = a2.multiply(TestMatrices.random(a.rows(), 4L));
        double[] x = new double[a.rows()];
        assertEquals(StopReason.CONVERGED_RTOL, TestMatrices.pcg(a2, b, x, amg, 1e-8).reason());
    }

    @Test
    void tinyMatricesAreSolvedDirectlyAndBadDiagonalsFailClearly() {
        CsrMatrix small = TestMatrices.laplace2d(3); // 9 unknowns <= maxCoarse 10: one level
        SmoothedAggregationAmg amg = SmoothedAggregationAmg.builder().build();
        amg.setUp(small);
        assertEquals(1, amg.hierarchy().size());
        double[] r = TestMatrices.random(9, 1L);
        assertTrue(TestMatrices.relativeResidual(small, r, TestMatrices.apply(amg, r)) < 1e-14);

        CsrMatrix a = TestMatrices.laplace2d(6);
        double[] val = a.values();
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        for (int k = ptr[7]; k < ptr[8]; k++) {
            if (col[k] == 7) {
                val[k] = -4.0; // row 7 indefinite
            }
        }
        CsrMatrix bad = a.withValues(val);
        io.krylovforge.core.solve.PreconditionerFailedException e = assertThrows(
                io.krylovforge.core.solve.PreconditionerFailedException.class,
                () -> SmoothedAggregationAmg.builder().build().setUp(bad));
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
        double[] x = new double[a.rows()];
        SolveResult res = TestMatrices.pcg(bad, TestMatrices.random(a.rows(), 2L), x,
                SmoothedAggregationAmg.builder().build(), 1e-8);
        assertEquals(StopReason.DIVERGED_PRECONDITIONER_FAILED, res.reason());
    }

    @Test
    void builderRejectsBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> SmoothedAggregationAmg.builder().theta(-0.1));
        assertThrows(IllegalArgumentException.class, () -> SmoothedAggregationAmg.builder().maxLevels(0));
        assertThrows(IllegalArgumentException.class, () -> SmoothedAggregationAmg.builder().maxCoarse(0));
        assertThrows(IllegalArgumentException.class, () -> SmoothedAggregationAmg.builder().cycle(null));
    }

    private static CsrMatrix randomSparse(int rows, int cols, double density, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CooBuilder coo = new CooBuilder(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (rnd.nextDouble() < density) {
                    coo.add(i, j, rnd.nextDouble() - 0.5);
                }
            }
        }
        return coo.build();
    }

    private static double[][] dense(double[][] x, double[][] y) {
        double[][] z = new double[x.length][y[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < y.length; k++) {
                for (int j = 0; j < y[0].length; j++) {
                    z[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return z;
    }

    private static double[][] transpose(double[][] x) {
        double[][] t = new double[x[0].length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }
}
