package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.dense.NativeKernels;
import io.krylovforge.direct.dense.JblasDenseKernels;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import org.junit.jupiter.api.Test;

class LdltTest {

    private static double residual(SparseFactorization f, CsrMatrix a, long seed) {
        double[] b = TestMatrices.randomVector(a.rows(), seed);
        double[] x = new double[a.rows()];
        f.solve(b, x);
        return TestMatrices.relativeResidual(a, x, b);
    }

    /** 2D Laplacian shifted by −σ·I: symmetric indefinite (a Helmholtz-like operator). */
    private static CsrMatrix shiftedLaplacian(int m, double sigma) {
        CsrMatrix a = Stencils.laplacian2d(m, m);
        double[] v = a.values();
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        for (int i = 0; i < a.rows(); i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                if (ci[p] == i) {
                    v[p] -= sigma;
                }
            }
        }
        return a.withValues(v);
    }

    @Test
    void kktSaddlePointWithZeroDiagonalBlock() {
        CsrMatrix a = TestMatrices.kkt(20, 60, 3);
        Ldlt f = Ldlt.analyze(a);
        FactorStatus st = f.factor(a);
        assertTrue(st.ok(), st.message());
        assertTrue(residual(f, a, 1) < 1e-10);
        // Cholesky must refuse it (it is indefinite) and name a column
        FactorStatus chol = Cholesky.analyze(a).factor(a);
        assertFalse(chol.ok());
        assertTrue(chol.column() >= 0 && chol.column() < a.rows());
    }

    @Test
    void kktWithConstraintsOrderedFirstNeedsStaticPivots() {
        // natural order of [0 B; Bᵀ H] eliminates the zero-diagonal constraint rows first
        CsrMatrix kkt = TestMatrices.kkt(12, 30, 4);
        int nh = 144;
        int n = kkt.rows();
        int[] order = new int[n];
        for (int c = 0; c < 30; c++) {
            order[c] = nh + c;
        }
        for (int i = 0; i < nh; i++) {
            order[30 + i] = i;
        }
        Ldlt f = Ldlt.analyze(kkt, Ordering.given(order));
        FactorStatus st = f.factor(kkt);
        assertTrue(st.ok());
        assertTrue(f.perturbedPivots() > 0, "zero pivots are perturbed");
        assertTrue(st.message().contains("perturbed"));
        assertTrue(residual(f, kkt, 2) < 1e-10, "refinement recovers the accuracy");
    }

    @Test
    void shiftedLaplacianIsIndefiniteButSolved() {
        CsrMatrix a = shiftedLaplacian(40, 1.3);
        Ldlt f = Ldlt.analyze(a, Ordering.nestedDissection(GridShape.of(40, 40)));
        assertTrue(f.factor(a).ok());
        assertTrue(residual(f, a, 3) < 1e-12);
        assertFalse(Cholesky.analyze(a).factor(a).ok());
    }

    @Test
    void agreesWithCholeskyOnSpdMatrices() {
        CsrMatrix a = TestMatrices.darcy(30, 30, 1.5, 5);
        Ldlt l = Ldlt.analyze(a);
        Cholesky c = Cholesky.analyze(a);
        assertTrue(l.factor(a).ok());
        assertTrue(c.factor(a).ok());
        assertEquals(0, l.perturbedPivots());
        double[] b = TestMatrices.randomVector(a.rows(), 6);
        double[] xl = new double[b.length];
        double[] xc = new double[b.length];
        l.solve(b, xl);
        c.solve(b, xc);
        for (int i = 0; i < b.length; i++) {
            assertEquals(xc[i], xl[i], 1e-10 * (1 + Math.abs(xc[i])));
        }
    }

    @Test
    void patternReuseAndSeveralRightHandSides() {
        CsrMatrix a1 = shiftedLaplacian(25, 0.7);
        CsrMatrix a2 = shiftedLaplacian(25, 2.1);
        Ldlt f = Ldlt.analyze(a1);
        assertTrue(f.factor(a1).ok());
        assertTrue(residual(f, a1, 7) < 1e-12);
        assertTrue(f.factor(a2).ok());
        int n = a2.rows();
        double[] b = TestMatrices.randomVector(2 * n, 8);
        double[] x = new double[2 * n];
        f.solve(b, x, 2);
        for (int r = 0; r < 2; r++) {
            double[] br = java.util.Arrays.copyOfRange(b, r * n, (r + 1) * n);
            double[] xr = java.util.Arrays.copyOfRange(x, r * n, (r + 1) * n);
            assertTrue(TestMatrices.relativeResidual(a2, xr, br) < 1e-12);
        }
    }

    @Test
    void threeByThreeIndefinite() {
        CooBuilder coo = new CooBuilder(3, 3);
        coo.add(0, 0, 1).add(0, 1, 2).add(1, 0, 2).add(1, 1, 1).add(2, 2, -3).add(0, 2, 1).add(2, 0, 1);
        CsrMatrix a = coo.build();
        Ldlt f = Ldlt.analyze(a);
        assertTrue(f.factor(a).ok());
        assertTrue(residual(f, a, 9) < 1e-14);
    }

    @Test
    void nanFailsWithTheColumn() {
        CsrMatrix a = shiftedLaplacian(6, 0.5);
        double[] v = a.values();
        v[0] = Double.NaN;
        FactorStatus st = Ldlt.analyze(a).factor(a.withValues(v));
        assertFalse(st.ok());
        assertEquals(0, st.column());
    }

    @Test
    void javaAndJblasKernelsAgree() {
        DenseKernels jblas = NativeKernels.orSkip();
        CsrMatrix a = TestMatrices.kkt(16, 40, 10);
        Ldlt fj = Ldlt.analyze(a, Ordering.amd(), DenseKernels.java());
        Ldlt fn = Ldlt.analyze(a, Ordering.amd(), jblas);
        assertTrue(fj.factor(a).ok());
        assertTrue(fn.factor(a).ok());
        double[] b = TestMatrices.randomVector(a.rows(), 11);
        double[] xj = new double[b.length];
        double[] xn = new double[b.length];
        fj.solve(b, xj);
        fn.solve(b, xn);
        double scale = 0;
        for (double v : xj) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < b.length; i++) {
            assertEquals(xj[i], xn[i], 1e-12 * scale);
        }
    }
}
