package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperatorConveniencesTest {
    /** [[4, -1, 0], [-1, 4, -1], [0, -1, 4]]. */
    private static CsrMatrix tridiagonal() {
        return CsrMatrix.of(3, 3, new int[] {0, 2, 5, 7}, new int[] {0, 1, 0, 1, 2, 1, 2},
                new double[] {4, -1, -1, 4, -1, -1, 4});
    }

    @Test
    void applyToOnesGivesRowSumsAndOnesIsTheExactSolution() {
        CsrMatrix a = tridiagonal();
        DenseVector b = a.applyToOnes();
        assertArrayEquals(new double[] {3, 2, 3}, b.data());
        assertEquals(0.0, a.relativeResidual(b, DenseVector.ones(3)));
    }

    @Test
    void residualMatchesBMinusAxWithAndWithoutWorkVector() {
        CsrMatrix a = tridiagonal();
        DenseVector b = DenseVector.of(1, 2, 3);
        DenseVector x = DenseVector.of(1, 0, -1);
        double[] expected = {1 - 4, 2 - (-1 + 1), 3 - (-4)}; // b - A x with A x = (4, 0, -4)
        DenseVector r = DenseVector.zeros(3);
        assertSame(r, a.residual(b, x, r));
        assertArrayEquals(expected, r.data(), 0.0);
        assertArrayEquals(expected, a.residual(b, x).toArray(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3}, b.data(), "b unchanged");
        assertArrayEquals(new double[] {1, 0, -1}, x.data(), "x unchanged");
        double rel = Math.sqrt(9 + 4 + 49) / Math.sqrt(14);
        assertEquals(rel, a.relativeResidual(b, x), 1e-15);
    }

    @Test
    void relativeResidualWithZeroRightHandSideIsTheAbsoluteOne() {
        CsrMatrix a = tridiagonal();
        assertEquals(Math.sqrt(9 + 4 + 9), a.relativeResidual(DenseVector.zeros(3), DenseVector.ones(3)), 1e-15);
    }

    @Test
    void residualRejectsWrongSizesNamingThem() {
        CsrMatrix a = tridiagonal();
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> a.residual(DenseVector.zeros(4), DenseVector.zeros(3)));
        assertTrue(e.getMessage().contains("3 rows") && e.getMessage().contains("4 entries"), e.getMessage());
    }

    @Test
    void addAndSubtractWriteIntoTheTargetIncludingAliases() {
        DenseVector u = DenseVector.of(5, 7);
        DenseVector v = DenseVector.of(1, 2);
        DenseVector t = DenseVector.zeros(2);
        assertSame(t, u.subtract(v, t));
        assertArrayEquals(new double[] {4, 5}, t.data());
        u.add(v, t);
        assertArrayEquals(new double[] {6, 9}, t.data());
        assertArrayEquals(new double[] {5, 7}, u.data(), "operands unchanged");

        DenseVector y = DenseVector.of(1, 2);
        u.subtract(y, y); // y <- u - y
        assertArrayEquals(new double[] {4, 5}, y.data());
        DenseVector w = DenseVector.of(5, 7);
        w.subtract(v, w); // w <- w - v
        assertArrayEquals(new double[] {4, 5}, w.data());
        DenseVector z = DenseVector.of(1, 1);
        u.add(z, z);
        assertArrayEquals(new double[] {6, 8}, z.data());

        assertThrows(DimensionMismatchException.class, () -> u.subtract(DenseVector.zeros(3), t));
        assertThrows(DimensionMismatchException.class, () -> u.add(v, DenseVector.zeros(1)));
    }

    @Test
    void csrErrorsSayIndicesAreZeroBased() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("row 1 (0-based)"), e.getMessage());
    }
}
