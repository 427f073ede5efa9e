package io.krylovforge.precond.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.precond.TestMatrices;
import org.junit.jupiter.api.Test;

class IncompleteFactorizationTest {

    @Test
    void ilu0FactorsReproduceATheOnPattern() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(9, 30.0);
        IncompleteLu0 ilu = new IncompleteLu0();
        ilu.setUp(a);
        double[][] lu = multiply(ilu.lower().toDense(), ilu.upper().toDense());
        double[][] ad = a.toDense();
        int n = a.rows();
        int checked = 0;
        boolean fillDiffers = false;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (ad[i][j] != 0.0) {
                    assertEquals(ad[i][j], lu[i][j], 1e-12, "(LU)_" + i + "," + j);
                    checked++;
                } else if (Math.abs(lu[i][j]) > 1e-12) {
                    fillDiffers = true; // dropped fill shows up off the pattern
                }
            }
        }
        assertEquals(a.nnz(), checked);
        assertTrue(fillDiffers, "ILU(0) of a 2D grid must drop fill, so LU != A off the pattern");
    }

    @Test
    void ic0FactorReproducesAOnThePattern() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(9), 3L);
        IncompleteCholesky0 ic = new IncompleteCholesky0(false);
        ic.setUp(a);
        assertEquals(0.0, ic.shift());
        double[][] l = ic.factorL().toDense();
        double[][] llt = multiply(l, transpose(l));
        double[][] ad = a.toDense();
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.rows(); j++) {
                if (ad[i][j] != 0.0) {
                    assertEquals(ad[i][j], llt[i][j], 1e-10 * Math.abs(ad[i][i]), "(LL')_" + i + "," + j);
                }
                if (j > i) {
                    assertEquals(0.0, l[i][j], "L must be lower triangular");
                }
            }
        }
    }

    @Test
    void ic0PcgBeatsCgOnTheLaplacian() {
        CsrMatrix a = TestMatrices.laplace2d(64);
        double[] b = a.multiply(TestMatrices.random(a.rows(), 21L));
        double[] x = new double[a.rows()];
        SolveResult cg = TestMatrices.pcg(a, b, x, null, 1e-8);
        double[] y = new double[a.rows()];
        SolveResult pcg = TestMatrices.pcg(a, b, y, new IncompleteCholesky0(), 1e-8);
        assertEquals(StopReason.CONVERGED_RTOL, cg.reason());
        assertEquals(StopReason.CONVERGED_RTOL, pcg.reason());
        assertTrue(TestMatrices.relativeResidual(a, b, y) <= 1e-8);
        // IC(0) roughly halves CG's iteration count on the model problem (Meijerink-van der Vorst)
        assertTrue(pcg.iterations() < 0.6 * cg.iterations(),
                "IC(0)-PCG " + pcg.iterations() + " vs CG " + cg.iterations());
    }

    @Test
    void ilu0AndIlutConvergeAsRichardsonOnConvectionDiffusion() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(30, 50.0);
        double[] xs = TestMatrices.random(a.rows(), 8L);
        double[] b = a.multiply(xs);
        double[] x = new double[a.rows()];
        int ilu0 = TestMatrices.richardson(a, b, x, new IncompleteLu0(), 1e-8, 2000);
        assertTrue(ilu0 > 0, "ILU(0)-Richardson did not converge");
        assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8);
        IncompleteLuThreshold ilut = new IncompleteLuThreshold(1e-4, 10);
        int iters = TestMatrices.richardson(a, b, x, ilut, 1e-8, 2000);
        assertTrue(iters > 0, "ILUT-Richardson did not converge");
        assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8);
        assertTrue(iters < ilu0, "ILUT(1e-4, 10) " + iters + " should beat ILU(0) " + ilu0);
        assertTrue(ilut.factorNonzeros() > a.nnz(), "ILUT keeps fill");
        // unpreconditioned Jacobi-free Richardson would diverge (rho(I - A) > 1): M does the work
    }

    @Test
    void ilutWithHugeFillAndNoDroppingIsExactLu() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(7, 10.0);
        IncompleteLuThreshold ilut = new IncompleteLuThreshold(0.0, a.rows());
        ilut.setUp(a);
        double[] b = TestMatrices.random(a.rows(), 2L);
        double[] x = TestMatrices.apply(ilut, b);
        assertTrue(TestMatrices.relativeResidual(a, b, x) < 1e-12);
    }

    @Test
    void zeroPivotInIlu0NamesTheRow() {
        // [[1 1],[1 1]]: u_11 = 1 - 1*1 = 0
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 2, 4}, new int[] {0, 1, 0, 1},
                new double[] {1, 1, 1, 1});
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> new IncompleteLu0().setUp(a));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(PreconditionerFailedException.class,
                () -> new IncompleteLuThreshold(0.0, 5).setUp(a));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        // a missing diagonal entry is a breakdown too
        CsrMatrix noDiag = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {1, 1});
        e = assertThrows(PreconditionerFailedException.class, () -> new IncompleteLu0().setUp(noDiag));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    }

    /** Kershaw's SPD matrix, on which IC(0) meets a negative pivot. */
    private static CsrMatrix kershaw() {
        double[][] d = {{3, -2, 0, 2}, {-2, 3, -2, 0}, {0, -2, 3, -2}, {2, 0, -2, 3}};
        io.krylovforge.core.linalg.CooBuilder coo = new io.krylovforge.core.linalg.CooBuilder(4, 4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (d[i][j] != 0) {
                    coo.add(i, j, d[i][j]);
                }
            }
        }
        return coo.build();
    }

    @Test
    void ic0BreakdownThrowsWithoutShiftAndShiftsByDefault() {
        CsrMatrix a = kershaw();
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> new IncompleteCholesky0(false).setUp(a));
        assertTrue(e.getMessage().contains("row 3"), e.getMessage());
        IncompleteCholesky0 ic = new IncompleteCholesky0();
        ic.setUp(a);
        assertTrue(ic.shift() >= IncompleteCholesky0.FIRST_SHIFT, "shift " + ic.shift());
        double[] b = {1, 2, 3, 4};
        double[] x = new double[4];
        SolveResult res = TestMatrices.pcg(a, b, x, ic, 1e-10);
        assertEquals(StopReason.CONVERGED_RTOL, res.reason());
        assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-10);
        // an indefinite matrix exhausts the shifts and fails clearly rather than making NaN
        CsrMatrix indefinite = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 1},
                new double[] {1.0, -1.0});
        e = assertThrows(PreconditionerFailedException.class, () -> new IncompleteCholesky0().setUp(indefinite));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void updateOnTheSamePatternMatchesAFreshSetUp() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(8, 5.0);
        CsrMatrix a2 = TestMatrices.convectionDiffusion2d(8, 40.0);
        assertTrue(a.samePattern(a2));
        double[] r = TestMatrices.random(a.rows(), 6L);
        IncompleteLu0 updated = new IncompleteLu0();
        updated.setUp(a);
        updated.update(a2);
        IncompleteLu0 fresh = new IncompleteLu0();
        fresh.setUp(a2);
        assertArrayEquals(TestMatrices.apply(fresh, r), TestMatrices.apply(updated, r));

        CsrMatrix s = TestMatrices.laplace2d(8);
        CsrMatrix s2 = TestMatrices.badlyScaled(s, 4L);
        IncompleteCholesky0 ic = new IncompleteCholesky0();
        ic.setUp(s);
        ic.update(s2);
        IncompleteCholesky0 icFresh = new IncompleteCholesky0();
        icFresh.setUp(s2);
        assertArrayEquals(TestMatrices.apply(icFresh, r), TestMatrices.apply(ic, r));
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.0, "entry " + i);
        }
    }

    static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] z = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                if (x[i][k] != 0.0) {
                    for (int j = 0; j < n; j++) {
                        z[i][j] += x[i][k] * y[k][j];
                    }
                }
            }
        }
        return z;
    }

    static double[][] transpose(double[][] x) {
        int n = x.length;
        double[][] t = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = x[i][j];
            }
        }
        return t;
    }
}
