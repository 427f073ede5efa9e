package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.dense.NativeKernels;
import io.krylovforge.direct.lu.SupernodalLu;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SupernodalLuTest {

    /**
     * Convection–diffusion −Δu + Pe·(v·∇u) on an n×n interior grid, central differences (scaled by
     * h²), with a seeded random velocity per node: non-symmetric values, symmetric 5-point pattern;
     * above cell Péclet number 2 the matrix is not diagonally dominant and pivoting matters.
     */
    static CsrMatrix convdiff(int n, double peclet, long seed) {
        Random r = new Random(seed);
        double h = 1.0 / (n + 1);
        CooBuilder coo = new CooBuilder(n * n, n * n, 5 * n * n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int row = j * n + i;
                double vx = Math.cos(3 * i * h) + 0.5 * r.nextGaussian();
                double vy = Math.sin(2 * j * h) + 0.5 * r.nextGaussian();
                double cx = 0.5 * peclet * h * vx;
                double cy = 0.5 * peclet * h * vy;
                coo.add(row, row, 4.0);
                if (i > 0) {
                    coo.add(row, row - 1, -1.0 - cx);
                }
                if (i < n - 1) {
                    coo.add(row, row + 1, -1.0 + cx);
                }
                if (j > 0) {
                    coo.add(row, row - n, -1.0 - cy);
                }
                if (j < n - 1) {
                    coo.add(row, row + n, -1.0 + cy);
                }
            }
        }
        return coo.build();
    }

    private static double solveResidual(SupernodalLu lu, CsrMatrix a, long seed) {
        double[] b = TestMatrices.randomVector(a.rows(), seed);
        double[] x = new double[a.rows()];
        lu.solve(b, x);
        return TestMatrices.relativeResidual(a, x, b);
    }

    @Test
    void convectionDiffusionIsSolvedToRoundoffAtSeveralSizesAndPecletNumbers() {
        for (int n : new int[] {7, 20, 45}) {
            for (double pe : new double[] {1.0, 100.0, 1e4}) {
                CsrMatrix a = convdiff(n, pe, 11);
                for (Ordering o : new Ordering[] {Ordering.amd(), Ordering.nestedDissection(GridShape.of(n, n))}) {
                    SupernodalLu lu = SupernodalLu.analyze(a, o, DenseKernels.java());
                    FactorStatus st = lu.factor(a);
                    assertTrue(st.ok(), st.message());
                    String where = "n=" + n + " Pe=" + pe + " " + o.name();
                    // the factor alone: static pivoting loses a few digits at cell Péclet ≫ 2
                    double res = solveResidual(lu, a, 3);
                    assertTrue(res <= (pe <= 100 ? 1e-13 : 1e-10), where + ": residual " + res);
                    // with the direct solver's refinement: roundoff
                    double[] b = TestMatrices.randomVector(a.rows(), 3);
                    DenseVector x = DenseVector.zeros(a.rows());
                    DirectSolver solver = new DirectSolver("supernodal-lu", m -> lu, null);
                    SolveResult r = solver.solve(a, DenseVector.wrap(b), x, SolverOptions.defaults().withRtol(1e-12));
                    assertTrue(r.converged(), where + ": " + r.summary());
                    assertTrue(TestMatrices.relativeResidual(a, x.toArray(), b) <= 1e-12, where);
                }
            }
        }
    }

    @Test
    void pivotsInsideASupernodeWhenTheDiagonalIsZero() {
        // A dense 9×9 block with a zero diagonal is one supernode: Gaussian elimination without row
        // interchanges breaks down at once, supernode pivoting must not perturb anything.
        int n = 9;
        Random r = new Random(5);
        CooBuilder coo = new CooBuilder(n, n, n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                coo.add(i, j, i == j ? 0.0 : r.nextDouble() - 0.5);
            }
        }
        CsrMatrix a = coo.build();
        for (DenseKernels k : new DenseKernels[] {DenseKernels.java(), DenseKernels.best()}) {
            SupernodalLu lu = SupernodalLu.analyze(a, Ordering.natural(), k);
            assertEquals(1, lu.analysis().supernodes());
            assertTrue(lu.factor(a).ok());
            assertEquals(0, lu.perturbedPivots());
            double res = solveResidual(lu, a, 8);
            assertTrue(res <= 1e-13, k.name() + ": residual " + res);
        }
    }

    @Test
    void zeroDiagonalSaddlePointIsSolvedThroughTheDirectSolver() {
        CsrMatrix a = TestMatrices.kkt(12, 30, 4);
        double[] b = TestMatrices.randomVector(a.rows(), 9);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult res = Factorizations.solver("supernodal-lu").solve(a, DenseVector.wrap(b), x,
                SolverOptions.defaults().withRtol(1e-12));
        assertTrue(res.converged(), res.summary());
        assertTrue(TestMatrices.relativeResidual(a, x.toArray(), b) <= 1e-12);
    }

    @Test
    void zeroDiagonalChainNeedsTheFallbackAndSaysSo() {
        // Tridiagonal with a zero diagonal (even order: nonsingular, condition ≈ 2.5^20 from the
        // alternating couplings 0.4 and 1). Ordered even nodes first, each even node is a one-column
        // supernode whose pivot is zero and has nothing to swap with, so it is perturbed; with this
        // conditioning two refinement steps do not remove the perturbation, and the solver must
        // fall back to SparseLu (whose residual for b = A·1 is at roundoff) and say so.
        int n = 40;
        int[] evensFirst = new int[n];
        for (int i = 0; i < n / 2; i++) {
            evensFirst[i] = 2 * i;
            evensFirst[n / 2 + i] = 2 * i + 1;
        }
        CooBuilder coo = new CooBuilder(n, n, 3 * n);
        for (int i = 0; i < n; i++) {
            coo.add(i, i, 0.0);
            if (i < n - 1) {
                double v = i % 2 == 0 ? 0.4 : 1.0;
                coo.add(i, i + 1, v);
                coo.add(i + 1, i, 1.1 * v);
            }
        }
        CsrMatrix a = coo.build();
        SupernodalLu lu = SupernodalLu.analyze(a, Ordering.given(evensFirst), DenseKernels.java());
        assertTrue(lu.factor(a).ok());
        assertTrue(lu.perturbedPivots() >= n / 4, "perturbed " + lu.perturbedPivots());
        double[] b = a.applyToOnes().toArray();
        DenseVector x = DenseVector.zeros(n);
        DirectSolver solver = new DirectSolver("supernodal-lu",
                m -> SupernodalLu.analyze(m, Ordering.given(evensFirst), DenseKernels.java()),
                io.krylovforge.direct.lu.SparseLu::analyze);
        SolveResult res = solver.solve(a, DenseVector.wrap(b), x, SolverOptions.defaults().withRtol(1e-12));
        assertTrue(res.converged(), res.summary());
        assertTrue(res.summary().contains("instead"), res.summary());
        assertTrue(TestMatrices.relativeResidual(a, x.toArray(), b) <= 1e-12);
    }

    @Test
    void west0479FallsBackToSparseLuAndSaysSo() throws java.io.IOException {
        // Unsymmetric pattern, 471 zero diagonals, entries over 10 orders of magnitude: the
        // pivots outside supernodes' reach are perturbed and refinement cannot recover.
        CsrMatrix a = TestMatrices.shared("west0479.mtx");
        assertFalse(SupernodalLu.structurallySymmetric(a));
        double[] b = a.applyToOnes().toArray();
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult res = Factorizations.solver("supernodal-lu").solve(a, DenseVector.wrap(b), x,
                SolverOptions.defaults().withRtol(1e-10));
        assertTrue(res.converged(), res.summary());
        assertTrue(res.summary().contains("solved by lu instead"), res.summary());
        assertTrue(TestMatrices.relativeResidual(a, x.toArray(), b) <= 1e-10);
    }

    @Test
    void singularMatrixEndsInADivergedReport() {
        // Row and column 5 of a convection–diffusion matrix hold stored zeros: structurally fine,
        // numerically singular; b has a component there, so no x solves it.
        CsrMatrix c = convdiff(6, 10.0, 1);
        double[] v = c.values().clone();
        int[] rp = c.rowPtr();
        int[] ci = c.colIdx();
        for (int i = 0; i < c.rows(); i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                if (i == 5 || ci[p] == 5) {
                    v[p] = 0.0;
                }
            }
        }
        CsrMatrix a = CsrMatrix.of(c.rows(), c.cols(), rp.clone(), ci.clone(), v);
        double[] b = new double[a.rows()];
        java.util.Arrays.fill(b, 1.0);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult res = Factorizations.solver("supernodal-lu").solve(a, DenseVector.wrap(b), x,
                SolverOptions.defaults());
        assertFalse(res.converged(), res.summary());
        assertTrue(res.reason().name().startsWith("DIVERGED"), res.summary());
        assertTrue(res.summary().contains("supernodal-lu"), res.summary());
    }

    @Test
    void jblasAndJavaKernelsGiveTheSameSolution() {
        DenseKernels nativeKernels = NativeKernels.orSkip();
        int n = 40;
        CsrMatrix a = convdiff(n, 300.0, 21);
        Ordering nd = Ordering.nestedDissection(GridShape.of(n, n));
        SupernodalLu java = SupernodalLu.analyze(a, nd, DenseKernels.java());
        SupernodalLu jblas = SupernodalLu.analyze(a, nd, nativeKernels);
        assertTrue(java.factor(a).ok());
        assertTrue(jblas.factor(a).ok());
        double[] b = TestMatrices.randomVector(a.rows(), 6);
        double[] xj = new double[a.rows()];
        double[] xn = new double[a.rows()];
        java.solve(b, xj);
        jblas.solve(b, xn);
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < xj.length; i++) {
            diff = Math.max(diff, Math.abs(xj[i] - xn[i]));
            scale = Math.max(scale, Math.abs(xj[i]));
        }
        assertTrue(diff <= 1e-12 * scale, "max difference " + diff + " of " + scale);
        assertTrue(TestMatrices.relativeResidual(a, xn, b) <= 1e-12);
    }

    @Test
    void analysisIsReusedAcrossValuesOfOnePattern() {
        int n = 30;
        CsrMatrix first = convdiff(n, 50.0, 1);
        CsrMatrix second = convdiff(n, 2000.0, 2);
        assertTrue(first.samePattern(second));
        SupernodalLu lu = SupernodalLu.analyze(first);
        Object analysis = lu.analysis();
        assertTrue(lu.factor(first).ok());
        double r1 = solveResidual(lu, first, 1);
        assertTrue(lu.factor(second).ok());
        assertSame(analysis, lu.analysis());
        double r2 = solveResidual(lu, second, 1);
        assertTrue(r1 <= 1e-13 && r2 <= 1e-10, r1 + " " + r2); // the second at cell Péclet ≈ 32
        // refactorising the first values reproduces a fresh analysis's answer exactly
        assertTrue(lu.factor(first).ok());
        double[] b = TestMatrices.randomVector(first.rows(), 4);
        double[] x = new double[b.length];
        double[] y = new double[b.length];
        lu.solve(b, x);
        SupernodalLu fresh = SupernodalLu.analyze(first);
        fresh.factor(first);
        fresh.solve(b, y);
        assertTrue(java.util.Arrays.equals(x, y));
        CsrMatrix other = convdiff(n + 1, 50.0, 1);
        assertThrows(IllegalArgumentException.class, () -> lu.factor(other));
    }

    @Test
    void structuralSymmetryIsDetected() {
        assertTrue(SupernodalLu.structurallySymmetric(convdiff(5, 10.0, 1)));
        CsrMatrix upper = CsrMatrix.of(2, 2, new int[] {0, 2, 3}, new int[] {0, 1, 1}, new double[] {1, 2, 3});
        assertFalse(SupernodalLu.structurallySymmetric(upper));
        // a one-sided pattern is analysed as A+Aᵀ and still solved
        SupernodalLu lu = SupernodalLu.analyze(upper);
        assertTrue(lu.factor(upper).ok());
        assertTrue(solveResidual(lu, upper, 1) <= 1e-15);
    }
}
