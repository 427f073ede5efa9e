package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The stencil-run layout gives products bit-identical to the plain CSR loop. */
class DiagonalRunsTest {
    private static double[] csrResidual(CsrMatrix a, double[] b, double[] x) {
        int[] p = a.rowPtr();
        int[] c = a.colIdx();
        double[] v = a.values();
        double[] r = new double[a.rows()];
        for (int i = 0; i < a.rows(); i++) {
            double s = b[i];
            for (int k = p[i]; k < p[i + 1]; k++) {
                s -= v[k] * x[c[k]];
            }
            r[i] = s;
        }
        return r;
    }

    /** Random values on the given pattern, so that every entry's rounding matters. */
    private static CsrMatrix randomValues(CsrMatrix a, long seed) {
        return a.withValues(CsrReference.randomVector(a.nnz(), seed));
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + ": entry " + i + " is " + actual[i] + ", CSR gives " + expected[i]);
            }
        }
    }

    private static void assertSameProducts(CsrMatrix a, String what) {
        double[] x = CsrReference.randomVector(a.cols(), 11);
        double[] b = CsrReference.randomVector(a.rows(), 12);
        double[] y0 = CsrReference.randomVector(a.rows(), 13);
        double[] ax = CsrReference.product(a, x);

        assertBitIdentical(ax, a.multiply(x), what + " multiply");

        double[] sum = y0.clone();
        a.multiplyAdd(x, sum);
        double[] expectedSum = y0.clone();
        for (int i = 0; i < expectedSum.length; i++) {
            expectedSum[i] += ax[i];
        }
        assertBitIdentical(expectedSum, sum, what + " multiplyAdd");

        double[] r = new double[a.rows()];
        a.residual(b, x, r);
        assertBitIdentical(csrResidual(a, b, x), r, what + " residual");

        if (a.rows() == a.cols()) {
            double[] y = new double[a.rows()];
            double dot = a.multiplyDot(x, y);
            assertBitIdentical(ax, y, what + " multiplyDot product");
            assertEquals(Double.doubleToLongBits(VectorKernels.dot(x, ax)), Double.doubleToLongBits(dot),
                    what + " multiplyDot sum");
            double[] y2 = new double[a.rows()];
            double wDot = a.multiplyDot(x, y2, b);
            assertBitIdentical(ax, y2, what + " multiplyDot(x, y, w) product");
            assertEquals(Double.doubleToLongBits(VectorKernels.dot(b, ax)), Double.doubleToLongBits(wDot),
                    what + " multiplyDot(x, y, w) sum");
            DenseVector q = DenseVector.zeros(a.rows());
            double viaBackend = io.krylovforge.core.backend.CpuBackend.INSTANCE.applyDotWith(a, DenseVector.wrap(x), q,
                    DenseVector.wrap(b));
            assertEquals(Double.doubleToLongBits(wDot), Double.doubleToLongBits(viaBackend), what + " backend");
        }
    }

    @Test
    void meshStencilsUseRunsAndMatchCsrBitForBit() {
        CsrMatrix[] stencils = {
            Stencils.laplacian2d(33, 17), Stencils.laplacian3d(12, 9, 10),
            Stencils.convectionDiffusion2d(40, 40, 25.0),
        };
        for (CsrMatrix s : stencils) {
            CsrMatrix a = randomValues(s, 5);
            assertTrue(a.usesStencilRuns(), s + " should use stencil runs");
            assertSameProducts(a, s.toString());
        }
    }

    @Test
    void tridiagonalUsesRunsOfWidthThree() {
        int n = 300;
        CooBuilder coo = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            coo.add(i, i, 2.0);
            if (i > 0) {
                coo.add(i, i - 1, -1.0);
            }
            if (i + 1 < n) {
                coo.add(i, i + 1, -1.0);
            }
        }
        CsrMatrix a = randomValues(coo.build(), 7);
        assertTrue(a.usesStencilRuns());
        assertSameProducts(a, "tridiagonal");
    }

    @Test
    void largeStencilTakesTheParallelPathIdentically() {
        // rows above Parallel.THRESHOLD: the product forks, and chunks split runs at arbitrary rows.
        CsrMatrix a = randomValues(Stencils.laplacian2d(370, 371), 9);
        assertTrue(a.rows() >= Parallel.THRESHOLD);
        assertSameProducts(a, "laplacian 370x371");
        double[] x = CsrReference.randomVector(a.cols(), 3);
        double[] serial = ExecutionContext.serial().call(() -> a.multiply(x));
        assertBitIdentical(serial, a.multiply(x), "serial vs pool");
    }

    @Test
    void irregularRowsBetweenRunsKeepTheCsrLoop() {
        // A banded matrix whose pattern breaks every 37th row (one entry dropped, one far entry added).
        int n = 500;
        CooBuilder coo = new CooBuilder(n, n);
        SplittableRandom rnd = new SplittableRandom(4);
        for (int i = 0; i < n; i++) {
            for (int off : new int[] {-20, -1, 0, 1, 20}) {
                int j = i + off;
                if (j >= 0 && j < n && !(i % 37 == 0 && off == 1)) {
                    coo.add(i, j, rnd.nextDouble(-1, 1));
                }
            }
            if (i % 37 == 5) {
                coo.add(i, (i + 250) % n, 1.0);
            }
        }
        CsrMatrix a = coo.build();
        assertTrue(a.usesStencilRuns());
        assertSameProducts(a, "banded with broken rows");
    }

    @Test
    void nonSquareAndUnstructuredMatrices() {
        // A rectangular banded matrix: rows i store columns i, i+1, i+2.
        CooBuilder rect = new CooBuilder(100, 102);
        for (int i = 0; i < 100; i++) {
            for (int d = 0; d < 3; d++) {
                rect.add(i, i + d, 1.0 + i + 0.1 * d);
            }
        }
        CsrMatrix r = rect.build();
        assertTrue(r.usesStencilRuns());
        assertSameProducts(r, "rectangular band");

        SplittableRandom rnd = new SplittableRandom(8);
        CooBuilder coo = new CooBuilder(200, 200);
        for (int i = 0; i < 200; i++) {
            for (int t = 0; t < 5; t++) {
                coo.add(i, rnd.nextInt(200), rnd.nextDouble(-1, 1));
            }
        }
        CsrMatrix u = coo.build();
        assertFalse(u.usesStencilRuns(), "random pattern has no runs");
        assertSameProducts(u, "random");
    }

    @Test
    void runsAreFoundOnlyWhereTheyCoverEnoughRows() {
        CsrMatrix lap = Stencils.laplacian2d(20, 20);
        DiagonalRuns runs = DiagonalRuns.of(lap.rows(), lap.rowPtr(), lap.colIdx());
        // Rows 1..18 of each grid line form one run of 18 rows: width 5 inside, width 4 on the
        // first and last line; only the two end rows of each line keep the CSR loop.
        assertEquals(20, runs.runCount());
        assertEquals(20 * 18, runs.coveredRows());
        assertTrue(DiagonalRuns.of(3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}).isEmpty());
    }

    @Test
    void boundaryFacesOf3dStencilsAreRunsToo() {
        // 16^3: a third of the rows lie on the boundary; only the two end rows of each x-line
        // (widths 6, 5, 4 with different offsets from their neighbours) are left to the CSR loop.
        CsrMatrix lap = Stencils.laplacian3d(16, 16, 16);
        DiagonalRuns runs = DiagonalRuns.of(lap.rows(), lap.rowPtr(), lap.colIdx());
        assertEquals(16 * 16, runs.runCount());
        assertEquals(16 * 16 * 14, runs.coveredRows());
        for (int[] dims : new int[][] {{16, 16, 16}, {10, 8, 9}, {10, 3, 2}, {31, 4, 5}}) {
            CsrMatrix a = randomValues(Stencils.laplacian3d(dims[0], dims[1], dims[2]), 21);
            assertTrue(a.usesStencilRuns(), a + " should use stencil runs");
            assertSameProducts(a, "laplacian3d " + java.util.Arrays.toString(dims));
        }
    }

    @Test
    void runLengthsAroundTheMinimumRun() {
        // Lines of MIN_RUN - 1, MIN_RUN and MIN_RUN + 1 interior rows: the first stays CSR.
        for (int m = DiagonalRuns.MIN_RUN - 1; m <= DiagonalRuns.MIN_RUN + 1; m++) {
            CsrMatrix a = randomValues(Stencils.laplacian2d(m + 2, 30), 23);
            DiagonalRuns runs = DiagonalRuns.of(a.rows(), a.rowPtr(), a.colIdx());
            assertEquals(m >= DiagonalRuns.MIN_RUN ? 30L * m : 0L, runs.coveredRows(), "line of " + m);
            assertSameProducts(a, "laplacian2d lines of " + (m + 2));
            CsrMatrix b = randomValues(Stencils.laplacian3d(m + 2, 5, 4), 24);
            assertSameProducts(b, "laplacian3d lines of " + (m + 2));
        }
    }

    @Test
    void large3dStencilTakesTheParallelPathIdentically() {
        CsrMatrix a = randomValues(Stencils.laplacian3d(52, 52, 49), 25);
        assertTrue(a.rows() >= Parallel.THRESHOLD);
        assertTrue(a.usesStencilRuns());
        assertSameProducts(a, "laplacian3d 52x52x49");
        double[] x = CsrReference.randomVector(a.cols(), 26);
        double[] serial = ExecutionContext.serial().call(() -> a.multiply(x));
        assertBitIdentical(serial, a.multiply(x), "serial vs pool");
    }
}
