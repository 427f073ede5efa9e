package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.dense.NativeKernels;
import io.krylovforge.direct.dense.JblasDenseKernels;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CholeskyTest {

    private static double solveResidual(SparseFactorization f, CsrMatrix a, long seed) {
        double[] b = TestMatrices.randomVector(a.rows(), seed);
        double[] x = new double[a.rows()];
        f.solve(b, x);
        return TestMatrices.relativeResidual(a, x, b);
    }

    @Test
    void laplacian2dWithNestedDissection() {
        CsrMatrix a = Stencils.laplacian2d(47, 39);
        Cholesky c = Cholesky.analyze(a, Ordering.nestedDissection(GridShape.of(47, 39)));
        assertTrue(c.factor(a).ok());
        assertTrue(solveResidual(c, a, 1) < 1e-13);
    }

    @Test
    void laplacian2dWithAmdAndRcmAndNatural() {
        CsrMatrix a = Stencils.laplacian2d(30, 30);
        for (Ordering o : new Ordering[] {Ordering.amd(), Ordering.reverseCuthillMcKee(),
                Ordering.natural(), Ordering.nestedDissection()}) {
            Cholesky c = Cholesky.analyze(a, o);
            assertTrue(c.factor(a).ok(), o.name());
            assertTrue(solveResidual(c, a, 2) < 1e-13, o.name());
        }
    }

    @Test
    void laplacian3dWithNestedDissectionAndAmd() {
        CsrMatrix a = Stencils.laplacian3d(14, 12, 10);
        for (Ordering o : new Ordering[] {Ordering.nestedDissection(GridShape.of(14, 12, 10)),
                Ordering.amd(), Ordering.nestedDissection()}) {
            Cholesky c = Cholesky.analyze(a, o);
            assertTrue(c.factor(a).ok(), o.name());
            assertTrue(solveResidual(c, a, 3) < 1e-13, o.name());
        }
    }

    @Test
    void darcyVariableCoefficients() {
        CsrMatrix a = TestMatrices.darcy(60, 50, 2.0, 7);
        Cholesky c = Cholesky.analyze(a, Ordering.nestedDissection(GridShape.of(60, 50)));
        assertTrue(c.factor(a).ok());
        assertTrue(solveResidual(c, a, 4) < 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"494_bus.mtx", "gr_30_30.mtx", "Laplace3D10.mtx", "testmat0.mtx"})
    void sharedSpdMatrices(String file) throws IOException {
        CsrMatrix a = TestMatrices.shared(file);
        Cholesky c = Cholesky.analyze(a);
        FactorStatus st = c.factor(a);
        assertTrue(st.ok(), st.message());
        // x = ones recovered, as SciPy does (README of ../shared/matrices)
        double[] ones = new double[a.rows()];
        java.util.Arrays.fill(ones, 1.0);
        double[] b = a.multiply(ones);
        double[] x = new double[a.rows()];
        c.solve(b, x);
        assertTrue(TestMatrices.relativeResidual(a, x, b) < 1e-12, file);
        for (double v : x) {
            assertEquals(1.0, v, 1e-7, file);
        }
    }

    @Test
    void patternReuseRefactorsWithoutOrderingAgain() {
        AtomicInteger orderings = new AtomicInteger();
        Ordering counting = new Ordering() {
            @Override
            public int[] order(SymmetricPattern p) {
                orderings.incrementAndGet();
                return Ordering.amd().order(p);
            }
        };
        CsrMatrix a1 = TestMatrices.darcy(40, 40, 1.0, 1);
        CsrMatrix a2 = TestMatrices.darcy(40, 40, 3.0, 2);
        assertTrue(a1.samePattern(a2));
        Cholesky c = Cholesky.analyze(a1, counting);
        var analysis = c.analysis();
        assertTrue(c.factor(a1).ok());
        assertTrue(solveResidual(c, a1, 5) < 1e-12);
        assertTrue(c.factor(a2).ok());
        assertTrue(solveResidual(c, a2, 6) < 1e-12);
        assertTrue(c.factor(a1).ok());
        assertTrue(solveResidual(c, a1, 7) < 1e-12);
        assertEquals(1, orderings.get());
        assertTrue(analysis == c.analysis());
    }

    @Test
    void severalRightHandSides() {
        CsrMatrix a = Stencils.laplacian2d(25, 25);
        Cholesky c = Cholesky.analyze(a);
        assertTrue(c.factor(a).ok());
        int n = a.rows();
        int k = 3;
        double[] b = TestMatrices.randomVector(n * k, 9);
        double[] x = new double[n * k];
        c.solve(b, x, k);
        for (int r = 0; r < k; r++) {
            double[] br = java.util.Arrays.copyOfRange(b, r * n, (r + 1) * n);
            double[] xr = java.util.Arrays.copyOfRange(x, r * n, (r + 1) * n);
            assertTrue(TestMatrices.relativeResidual(a, xr, br) < 1e-13, "rhs " + r);
        }
    }

    @Test
    void pivotFailureNamesTheOriginalColumn() {
        CsrMatrix lap = Stencils.laplacian2d(20, 20);
        for (int bad : new int[] {0, 137, 399}) {
            double[] v = lap.values();
            int[] rp = lap.rowPtr();
            int[] ci = lap.colIdx();
            for (int p = rp[bad]; p < rp[bad + 1]; p++) {
                if (ci[p] == bad) {
                    v[p] = -1.0;
                }
            }
            CsrMatrix a = lap.withValues(v);
            Cholesky c = Cholesky.analyze(a);
            FactorStatus st = c.factor(a);
            assertFalse(st.ok());
            assertEquals(bad, st.column());
            assertTrue(st.message().contains("column " + bad), st.message());
            assertThrows(IllegalStateException.class, () -> c.solve(new double[400], new double[400]));
        }
    }

    @Test
    void nanValuesFailInsteadOfPoisoning() {
        CsrMatrix lap = Stencils.laplacian2d(10, 10);
        double[] v = lap.values();
        v[0] = Double.NaN;
        FactorStatus st = Cholesky.analyze(lap).factor(lap.withValues(v));
        assertFalse(st.ok());
        assertEquals(0, st.column());
    }

    @Test
    void tinyAndDegenerateMatrices() {
        CsrMatrix one = CsrMatrix.of(1, 1, new int[] {0, 1}, new int[] {0}, new double[] {4.0});
        Cholesky c1 = Cholesky.analyze(one);
        assertTrue(c1.factor(one).ok());
        double[] x = new double[1];
        c1.solve(new double[] {2.0}, x);
        assertEquals(0.5, x[0], 1e-15);
        CsrMatrix empty = CsrMatrix.identity(0);
        assertTrue(Cholesky.analyze(empty).factor(empty).ok());
        // row 2 has no diagonal entry stored: a zero pivot, reported at that column
        io.krylovforge.core.linalg.CooBuilder coo = new io.krylovforge.core.linalg.CooBuilder(4, 4);
        coo.add(0, 0, 2).add(1, 1, 2).add(3, 3, 2).add(2, 3, 1).add(3, 2, 1);
        CsrMatrix missing = coo.build();
        FactorStatus st = Cholesky.analyze(missing).factor(missing);
        assertFalse(st.ok());
        assertTrue(st.column() == 2 || st.column() == 3, "column " + st.column());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Cholesky.analyze(CsrMatrix.of(2, 3, new int[] {0, 0, 0}, new int[0], new double[0])));
        assertTrue(e.getMessage().contains("square"));
    }

    @Test
    void anotherPatternIsRejected() {
        Cholesky c = Cholesky.analyze(Stencils.laplacian2d(10, 10));
        var e = assertThrows(IllegalArgumentException.class,
                () -> c.factor(Stencils.laplacian2d(10, 11)));
        assertTrue(e.getMessage().contains("pattern"));
    }

    @Test
    void lowerTriangleOnlyStorageIsMirrored() {
        CsrMatrix full = Stencils.laplacian2d(12, 9);
        io.krylovforge.core.linalg.CooBuilder coo = new io.krylovforge.core.linalg.CooBuilder(108, 108);
        full.forEach((i, j, v) -> {
            if (j <= i) {
                coo.add(i, j, v);
            }
        });
        CsrMatrix lower = coo.build();
        Cholesky c = Cholesky.analyze(lower);
        assertTrue(c.factor(lower).ok());
        assertTrue(solveResidual(c, full, 11) < 1e-13);
    }

    @Test
    void tooLargeFactorIsRefusedWithBothFigures() {
        CsrMatrix a = Stencils.laplacian2d(50, 50);
        FactorTooLargeException e = assertThrows(FactorTooLargeException.class,
                () -> new Cholesky(a, Ordering.amd(), DenseKernels.java(), 10_000L));
        assertTrue(e.bytesNeeded() > e.bytesAvailable());
        assertTrue(e.getMessage().contains("MiB"), e.getMessage());
    }

    @Test
    void javaAndJblasKernelsGiveTheSameSolution() {
        DenseKernels jblas = NativeKernels.orSkip();
        CsrMatrix a = Stencils.laplacian3d(12, 12, 12);
        Ordering nd = Ordering.nestedDissection(GridShape.of(12, 12, 12));
        Cholesky cj = Cholesky.analyze(a, nd, DenseKernels.java());
        Cholesky cn = Cholesky.analyze(a, nd, jblas);
        assertTrue(cj.factor(a).ok());
        assertTrue(cn.factor(a).ok());
        double[] b = TestMatrices.randomVector(a.rows(), 12);
        double[] xj = new double[a.rows()];
        double[] xn = new double[a.rows()];
        cj.solve(b, xj);
        cn.solve(b, xn);
        double scale = 0;
        for (double v : xj) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < xj.length; i++) {
            assertEquals(xj[i], xn[i], 1e-12 * scale);
        }
        assertTrue(TestMatrices.relativeResidual(a, xn, b) < 1e-13);
    }

    /**
     * The registry's Cholesky keeps whichever of AMD and graph nested dissection needs fewer
     * flops: on a 2D grid of 120² unknowns that is nested dissection, clearly below AMD (PETSc's
     * nd choice), and the factor it gives solves to 1e-12.
     */
    @Test
    void registryOrderingPicksNestedDissectionOnALarge2dGrid() {
        CsrMatrix a = TestMatrices.darcy(120, 120, 1.0, 3);
        SymmetricPattern g = SymmetricPattern.of(a);
        double amd = io.krylovforge.direct.symbolic.SymbolicAnalysis.estimate(g, Ordering.amd().order(g))[1];
        double nd = io.krylovforge.direct.symbolic.SymbolicAnalysis.estimate(g,
                Ordering.nestedDissection().order(g))[1];
        Cholesky c = (Cholesky) Factorizations.analyze("cholesky", a);
        assertEquals(Math.min(amd, nd), c.factorFlops(), 1e-9 * nd);
        assertTrue(nd < 0.95 * amd, "nested dissection " + nd + " flops, AMD " + amd);
        assertTrue(c.orderingName().startsWith("fewest-flops"), c.orderingName());
        assertTrue(c.factor(a).ok());
        assertTrue(solveResidual(c, a, 9) <= 1e-12);
    }
}
