package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CsrMatrixTest {
    private static CsrMatrix random(int rows, int cols, int perRow, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CooBuilder coo = new CooBuilder(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int t = 0; t < perRow; t++) {
                coo.add(i, rnd.nextInt(cols), rnd.nextDouble(-1, 1));
            }
        }
        return coo.build();
    }

    @Test
    void cooBuilderSumsDuplicatesAndSortsColumns() {
        CsrMatrix a = new CooBuilder(2, 3).add(0, 2, 1.0).add(0, 0, 2.0).add(0, 2, 0.5)
                .add(1, 1, -1.0).build();
        assertEquals(3, a.nnz());
        assertArrayEquals(new int[] {0, 2, 3}, a.rowPtr());
        assertArrayEquals(new int[] {0, 2, 1}, a.colIdx());
        assertArrayEquals(new double[] {2.0, 1.5, -1.0}, a.values());
        assertEquals(1.5, a.get(0, 2));
        assertEquals(0.0, a.get(1, 0));
    }

    @Test
    void longRowsAreSortedAndMerged() {
        CooBuilder coo = new CooBuilder(1, 100);
        for (int j = 99; j >= 0; j--) {
            coo.add(0, j, j);
            coo.add(0, j, 1.0);
        }
        CsrMatrix a = coo.build();
        assertEquals(100, a.nnz());
        for (int j = 0; j < 100; j++) {
            assertEquals(j + 1.0, a.get(0, j));
        }
    }

    @Test
    void multiplyMatchesDense() {
        CsrMatrix a = random(300, 200, 7, 11);
        double[][] d = a.toDense();
        double[] x = new double[200];
        for (int j = 0; j < x.length; j++) {
            x[j] = Math.sin(j);
        }
        double[] y = a.multiply(x);
        for (int i = 0; i < 300; i++) {
            double s = 0;
            for (int j = 0; j < 200; j++) {
                s += d[i][j] * x[j];
            }
            assertEquals(s, y[i], 1e-13);
        }
    }

    @Test
    void parallelMultiplyMatchesSerialRows() {
        CsrMatrix a = Stencils.laplacian2d(400, 400); // nnz above the fork threshold
        double[] x = new double[a.cols()];
        for (int j = 0; j < x.length; j++) {
            x[j] = j % 7 - 3;
        }
        double[] y = a.multiply(x);
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        for (int i = 0; i < a.rows(); i++) {
            double s = 0;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                s += val[k] * x[col[k]];
            }
            assertEquals(s, y[i], 0.0);
        }
    }

    @Test
    void transposeAndCscRoundTrip() {
        CsrMatrix a = random(50, 30, 4, 12);
        CsrMatrix t = a.transpose();
        assertEquals(30, t.rows());
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 30; j++) {
                assertEquals(a.get(i, j), t.get(j, i));
            }
        }
        CsrMatrix back = a.toCsc().toCsr();
        assertArrayEquals(a.rowPtr(), back.rowPtr());
        assertArrayEquals(a.colIdx(), back.colIdx());
        assertArrayEquals(a.values(), back.values());
        assertEquals(a.nnz(), a.toCsc().nnz());
    }

    @Test
    void diagonalAndSymmetry() {
        CsrMatrix lap = Stencils.laplacian2d(5, 4);
        assertTrue(lap.isSymmetric(0.0));
        for (double d : lap.diagonal()) {
            assertEquals(4.0, d);
        }
        CsrMatrix nearly = new CooBuilder(2, 2).add(0, 1, 1.0).add(1, 0, 1.0 + 1e-13).build();
        assertFalse(nearly.isSymmetric(0.0));
        assertTrue(nearly.isSymmetric(1e-12));
        CsrMatrix oneSided = new CooBuilder(2, 2).add(0, 1, 1.0).build();
        assertFalse(oneSided.isSymmetric(1e-8));
        assertArrayEquals(new double[] {0, 0}, oneSided.diagonal());
        assertFalse(Stencils.convectionDiffusion2d(4, 4, 1.0).isSymmetric(1e-8));
        assertFalse(random(3, 4, 2, 1).isSymmetric(1.0));
    }

    @Test
    void ofValidatesItsArrays() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {1, 1})
                        .get(0, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.of(1, 3, new int[] {0, 2}, new int[] {2, 1}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.of(1, 3, new int[] {0, 1}, new int[] {3}, new double[] {1}));
        assertThrows(DimensionMismatchException.class,
                () -> CsrMatrix.of(2, 2, new int[] {0, 1}, new int[] {0}, new double[] {1}));
        CsrMatrix ok = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {1, 2});
        assertEquals(2.0, ok.get(1, 0));
    }

    @Test
    void applyChecksShapes() {
        CsrMatrix a = CsrMatrix.identity(3);
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> a.apply(DenseVector.zeros(2), DenseVector.zeros(3)));
        assertTrue(e.getMessage().contains("3x3"), e.getMessage());
    }

    @Test
    void withValuesKeepsThePattern() {
        CsrMatrix a = Stencils.laplacian2d(3, 3);
        CsrMatrix b = a.scale(2.0);
        assertTrue(a.samePattern(b));
        assertEquals(8.0, b.get(4, 4));
        assertThrows(DimensionMismatchException.class, () -> a.withValues(new double[3]));
    }

    @Test
    void multiplyDotIsBitIdenticalToProductThenDot() {
        for (int side : new int[] {1, 7, 90, 400}) { // 400² rows take the forked path
            CsrMatrix a = Stencils.convectionDiffusion2d(side, side, 0.7);
            double[] x = new double[a.cols()];
            for (int j = 0; j < x.length; j++) {
                x[j] = Math.sin(0.37 * j) + 0.1;
            }
            double[] y1 = a.multiply(x);
            double expected = VectorKernels.dot(x, y1);
            double[] y2 = new double[a.rows()];
            double got = a.multiplyDot(x, y2);
            assertArrayEquals(y1, y2, 0.0);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), "side " + side);
        }
        assertThrows(DimensionMismatchException.class,
                () -> new CooBuilder(2, 3).build().multiplyDot(new double[3], new double[2]));
    }

    @Test
    void residualAndMultiplyAddMatchMultiply() {
        // rectangular 2x3: [[1, 0, 2], [0, 3, 0]]
        CsrMatrix a = CsrMatrix.of(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 1}, new double[] {1, 2, 3});
        double[] x = {1, -1, 2};
        double[] r = new double[2];
        a.residual(new double[] {10, 10}, x, r);
        assertArrayEquals(new double[] {10 - 5, 10 + 3}, r, 0.0); // b - A x, A x = (5, -3)
        double[] y = {1, 1};
        a.multiplyAdd(x, y);
        assertArrayEquals(new double[] {6, -2}, y, 0.0);
        assertThrows(DimensionMismatchException.class, () -> a.multiplyAdd(new double[2], y));
        assertThrows(DimensionMismatchException.class, () -> a.residual(new double[2], x, new double[3]));
    }

    @Test
    void copyValuesFillsTheCallersBufferAndRejectsAShortOne() {
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 2, 3}, new int[] {0, 1, 1}, new double[] {4, -1, 3});
        double[] buffer = {9, 9, 9, 9};
        a.copyValues(buffer);
        assertArrayEquals(new double[] {4, -1, 3, 9}, buffer);
        buffer[0] = 7; // a copy: the matrix keeps its value
        assertEquals(4.0, a.get(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> a.copyValues(new double[2]));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
    }
}
