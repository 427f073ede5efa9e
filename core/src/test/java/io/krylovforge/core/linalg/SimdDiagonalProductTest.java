package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The diagonal layout and its SIMD product give the CSR loop's products bit for bit. */
class SimdDiagonalProductTest {
    /** A 2D 9-point stencil (nine diagonals) with random values. */
    private static CsrMatrix ninePoint(int m) {
        CooBuilder b = new CooBuilder(m * m, m * m);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        int ii = i + di;
                        int jj = j + dj;
                        if (ii >= 0 && ii < m && jj >= 0 && jj < m) {
                            b.add(j * m + i, jj * m + ii, rnd.nextDouble(-1, 1));
                        }
                    }
                }
            }
        }
        return b.build();
    }

    private static void assertBitIdentical(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + ": row " + i + " gives " + actual[i] + ", the CSR loop " + expected[i]);
            }
        }
    }

    /** Rounds of products (the layout is built on a later one) against the CSR loop. */
    private static void assertProductsMatch(CsrMatrix a, String what) {
        for (int round = 0; round < CsrMatrix.PRODUCTS_BEFORE_LAYOUT + 2; round++) {
            double[] x = CsrReference.randomVector(a.cols(), 20 + round);
            double[] expected = CsrReference.product(a, x);
            double[] y = new double[a.rows()];
            a.multiply(x, y);
            assertBitIdentical(expected, y, what + " multiply, round " + round);
            double[] z = new double[a.rows()];
            double dot = a.multiplyDot(x, z);
            assertBitIdentical(expected, z, what + " multiplyDot, round " + round);
            assertEquals(Double.doubleToLongBits(VectorKernels.dot(x, expected)), Double.doubleToLongBits(dot),
                    what + " multiplyDot sum, round " + round);
        }
    }

    @Test
    void stencilsGetTheLayoutWithTheirOwnDiagonals() {
        CsrMatrix lap2d = Stencils.laplacian2d(20, 13);
        DiagonalStorage s2 = DiagonalStorage.of(lap2d.rows(), lap2d.cols(), lap2d.rowPtr(), lap2d.colIdx());
        assertArrayEquals(new int[] {-20, -1, 0, 1, 20}, s2.offsets());
        assertEquals(20, s2.firstRow());
        assertEquals(20 * 13 - 20, s2.endRow());

        CsrMatrix lap3d = Stencils.laplacian3d(6, 5, 6);
        DiagonalStorage s3 = DiagonalStorage.of(lap3d.rows(), lap3d.cols(), lap3d.rowPtr(), lap3d.colIdx());
        assertArrayEquals(new int[] {-30, -6, -1, 0, 1, 6, 30}, s3.offsets());

        CsrMatrix nine = ninePoint(12); // nine diagonals: no SIMD kernel of that width, the scalar loops run
        assertTrue(DiagonalStorage.of(nine.rows(), nine.cols(), nine.rowPtr(), nine.colIdx()).isEmpty());
        CsrMatrix tri = Stencils.laplacian2d(200, 1); // three diagonals
        assertTrue(DiagonalStorage.of(tri.rows(), tri.cols(), tri.rowPtr(), tri.colIdx()).isEmpty());
    }

    @Test
    void spreadPutsEachEntryOnItsDiagonalAndZerosElsewhere() {
        CsrMatrix a = Stencils.laplacian2d(9, 9).withValues(CsrReference.randomVector(Stencils.laplacian2d(9, 9).nnz(), 4));
        DiagonalStorage s = DiagonalStorage.of(a.rows(), a.cols(), a.rowPtr(), a.colIdx());
        double[] dv = s.spread(a.rowPtr(), a.colIdx(), a.values());
        double[][] dense = a.toDense();
        int[] off = s.offsets();
        for (int i = s.firstRow(); i < s.endRow(); i++) {
            for (int d = 0; d < off.length; d++) {
                assertEquals(dense[i][i + off[d]], dv[d * s.stride() + i - s.firstRow()], "row " + i + " diagonal " + d);
            }
        }
    }

    @Test
    void irregularOrWideOrTinyPatternsGetNoLayout() {
        CsrMatrix nine = ninePoint(12);
        // ten diagonals: one entry far off the band
        CooBuilder b = new CooBuilder(nine.rows(), nine.cols());
        nine.forEach(b::add);
        b.add(0, nine.cols() - 1, 1.0);
        CsrMatrix ten = b.build();
        assertTrue(DiagonalStorage.of(ten.rows(), ten.cols(), ten.rowPtr(), ten.colIdx()).isEmpty());
        // a few rows only
        CsrMatrix tiny = Stencils.laplacian2d(6, 6);
        assertTrue(DiagonalStorage.of(tiny.rows(), tiny.cols(), tiny.rowPtr(), tiny.colIdx()).isEmpty());
        // a sparse band: offsets 0 and ±40 present on one row in ten only (mostly padding)
        CooBuilder sparse = new CooBuilder(400, 400);
        for (int i = 0; i < 400; i++) {
            sparse.add(i, i, 4.0);
            if (i % 10 == 0 && i >= 40 && i < 360) {
                sparse.add(i, i - 40, -1.0);
                sparse.add(i, i + 40, -1.0);
            }
        }
        CsrMatrix padded = sparse.build();
        assertTrue(DiagonalStorage.of(padded.rows(), padded.cols(), padded.rowPtr(), padded.colIdx()).isEmpty());
        assertFalse(ten.usesSimdDiagonals());
    }

    @Test
    void productsMatchTheCsrLoopBitForBit() {
        CsrMatrix[] matrices = {
            Stencils.laplacian2d(37, 29), Stencils.laplacian3d(11, 9, 13), Stencils.convectionDiffusion2d(45, 45, 30.0),
            ninePoint(31),
        };
        for (CsrMatrix m : matrices) {
            CsrMatrix a = m.withValues(CsrReference.randomVector(m.nnz(), 7)); // every entry's rounding matters
            assertProductsMatch(a, m.toString());
        }
    }

    @Test
    void forkedProductsMatchTheCsrLoopBitForBit() {
        CsrMatrix big = Stencils.laplacian3d(52, 52, 49); // 132 496 rows: the products fork
        assertTrue(big.rows() >= Parallel.THRESHOLD);
        assertProductsMatch(big.withValues(CsrReference.randomVector(big.nnz(), 8)), "laplacian3d 52x52x49");
    }

    @Test
    void onlyOperatorProductsBuildTheLayout() {
        assumeTrue(Simd.enabled(), "the Vector API module is not enabled in this JVM: " + Simd.describe());
        CsrMatrix a = Stencils.laplacian2d(40, 40);
        double[] x = CsrReference.randomVector(a.cols(), 1);
        double[] y = new double[a.rows()];
        for (int k = 0; k < 3 * CsrMatrix.PRODUCTS_BEFORE_LAYOUT; k++) {
            a.multiply(x, y); // a direct solver's residual checks: no copy
        }
        assertFalse(a.hasDiagonalLayout());
        DenseVector xv = DenseVector.wrap(x);
        DenseVector yv = DenseVector.zeros(a.rows());
        for (int k = 0; k < CsrMatrix.PRODUCTS_BEFORE_LAYOUT; k++) {
            a.apply(xv, yv); // an iterative solver's operator
        }
        assertTrue(a.hasDiagonalLayout());
        assertBitIdentical(CsrReference.product(a, x), yv.data(), "apply with the layout");
        a.multiply(x, y);
        assertBitIdentical(CsrReference.product(a, x), y, "multiply with the layout");
    }

    @Test
    void stencilsRunTheSimdKernelWhenTheVectorApiIsEnabled() {
        assumeTrue(Simd.enabled(), "the Vector API module is not enabled in this JVM: " + Simd.describe());
        assertTrue(Stencils.laplacian2d(30, 30).usesSimdDiagonals());
        assertTrue(Stencils.laplacian3d(10, 10, 10).usesSimdDiagonals());
        assertTrue(Simd.describe().startsWith("on"), Simd.describe());
    }
}
