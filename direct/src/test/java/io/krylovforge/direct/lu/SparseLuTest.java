package io.krylovforge.direct.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SparseLuTest {

    static Path shared() {
        String p = System.getProperty("krylovforge.shared", "../../shared");
        return Path.of(p).resolve("matrices");
    }

    /** ‖b − A x‖ / ‖b‖. */
    static double relativeResidual(CsrMatrix a, double[] x, double[] b) {
        double[] ax = a.multiply(x);
        double r = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            r += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(r / bb);
    }

    /** A random sparse nonsymmetric matrix with a zero diagonal and a permuted strong entry per row. */
    static CsrMatrix randomZeroDiagonal(int n, long seed) {
        Random rnd = new Random(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        CooBuilder c = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            if (perm[i] != i) {
                c.add(i, perm[i], 4.0 + rnd.nextDouble());
            } else {
                c.add(i, (i + 1) % n, 4.0 + rnd.nextDouble());
            }
            for (int t = 0; t < 3; t++) {
                int j = rnd.nextInt(n);
                if (j != i && j != perm[i]) {
                    c.add(i, j, rnd.nextGaussian());
                }
            }
        }
        return c.build();
    }

    static double[] timesOnes(CsrMatrix a) {
        double[] ones = new double[a.cols()];
        java.util.Arrays.fill(ones, 1.0);
        return a.multiply(ones);
    }

    @Test
    void solvesZeroDiagonalWest0479ToXEqualsOnes() throws Exception {
        CsrMatrix a = MatrixMarket.read(shared().resolve("west0479.mtx"));
        SparseLu lu = SparseLu.analyze(a);
        assertFalse(lu.symmetricStrategy(), "west0479 has zero diagonals: AᵀA column ordering");
        FactorStatus status = lu.factor(a);
        assertTrue(status.ok(), status.message());
        double[] b = timesOnes(a);
        double[] x = new double[a.rows()];
        lu.solve(b, x);
        assertTrue(relativeResidual(a, x, b) < 1e-12, "residual " + relativeResidual(a, x, b));
        for (double v : x) {
            assertEquals(1.0, v, 1e-6);
        }
    }

    @Test
    void solvesSymmetricPatternMatrixWithDiagonalPivotsAndExactFillEstimate() throws Exception {
        CsrMatrix a = MatrixMarket.read(shared().resolve("494_bus.mtx"));
        SparseLu lu = SparseLu.analyze(a);
        assertTrue(lu.symmetricStrategy());
        assertTrue(lu.factor(a).ok());
        double[] b = timesOnes(a);
        double[] x = new double[a.rows()];
        lu.solve(b, x);
        assertTrue(relativeResidual(a, x, b) < 1e-12);
        // SPD: the diagonal pivot always passes the threshold test, so the estimate is exact.
        assertEquals(lu.factorNonzeros(), lu.actualFactorNonzeros());
    }

    @Test
    void randomNonsymmetricMatricesSolveToRoundoff() {
        for (int seed = 1; seed <= 5; seed++) {
            CsrMatrix a = randomZeroDiagonal(300 * seed, seed);
            SparseLu lu = SparseLu.analyze(a);
            FactorStatus s = lu.factor(a);
            assertTrue(s.ok(), s.message());
            double[] b = timesOnes(a);
            double[] x = new double[a.rows()];
            lu.solve(b, x);
            assertTrue(relativeResidual(a, x, b) < 1e-10, "seed " + seed + ": " + relativeResidual(a, x, b));
        }
    }

    @Test
    void newValuesOnTheSamePatternReuseThePivotsOrRepivot() {
        CsrMatrix a = randomZeroDiagonal(400, 7);
        SparseLu lu = SparseLu.analyze(a);
        assertTrue(lu.factor(a).ok());
        double[] v = a.values();
        for (int k = 0; k < v.length; k++) {
            v[k] *= 1.0 + 0.01 * Math.sin(k); // small change: pivots stay acceptable
        }
        CsrMatrix a2 = a.withValues(v);
        assertTrue(lu.factor(a2).ok());
        assertEquals(1, lu.refactorizations());
        double[] b = timesOnes(a2);
        double[] x = new double[a2.rows()];
        lu.solve(b, x);
        assertTrue(relativeResidual(a2, x, b) < 1e-10);

        double[] w = new Random(3).doubles(v.length, -1.0, 1.0).toArray(); // new values: pivots may fail
        CsrMatrix a3 = a.withValues(w);
        FactorStatus s = lu.factor(a3);
        if (s.ok()) {
            double[] b3 = timesOnes(a3);
            lu.solve(b3, x);
            assertTrue(relativeResidual(a3, x, b3) < 1e-8, "residual " + relativeResidual(a3, x, b3));
        }
        assertTrue(lu.refactorizations() + lu.pivotings() == 3);
    }

    @Test
    void zeroColumnReportsPivotFailureNamingTheColumn() {
        CooBuilder c = new CooBuilder(4, 4);
        c.add(0, 0, 2.0);
        c.add(1, 1, 3.0);
        c.add(2, 0, 1.0);
        c.add(3, 3, 1.0);
        c.add(2, 1, 1.0);
        c.add(2, 2, 0.0); // explicit zero: column 2 is zero
        CsrMatrix a = c.build();
        SparseLu lu = SparseLu.analyze(a);
        FactorStatus s = lu.factor(a);
        assertFalse(s.ok());
        assertEquals(2, s.column());
        assertThrows(IllegalStateException.class, () -> lu.solve(new double[4], new double[4]));
    }

    @Test
    void numericallySingularMatrixFailsInsteadOfReturningNaN() {
        // Rows 0 and 1 equal: singular, found as a cancelled pivot.
        CsrMatrix a = CsrMatrix.of(3, 3, new int[] {0, 2, 4, 5}, new int[] {0, 1, 0, 1, 2},
                new double[] {1.0, 2.0, 1.0, 2.0, 5.0});
        FactorStatus s = SparseLu.analyze(a).factor(a);
        assertFalse(s.ok());
        assertTrue(s.column() == 0 || s.column() == 1, "column " + s.column());
    }

    @Test
    void differentPatternIsRejected() {
        CsrMatrix a = randomZeroDiagonal(50, 1);
        SparseLu lu = SparseLu.analyze(a);
        assertThrows(IllegalArgumentException.class, () -> lu.factor(randomZeroDiagonal(50, 2)));
    }

    @Test
    void minimumDegreeBeatsNaturalOrderOnAGrid() {
        int k = 30;
        int n = k * k;
        CooBuilder c = new CooBuilder(n, n);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int r = i * k + j;
                c.add(r, r, 4.0);
                if (i > 0) {
                    c.add(r, r - k, -1.0);
                }
                if (i < k - 1) {
                    c.add(r, r + k, -1.0);
                }
                if (j > 0) {
                    c.add(r, r - 1, -1.2);
                }
                if (j < k - 1) {
                    c.add(r, r + 1, -0.8);
                }
            }
        }
        CsrMatrix a = c.build();
        SparseLu lu = SparseLu.analyze(a);
        SymmetricPattern pattern = SymmetricPattern.of(a);
        int[][] g = {pattern.pointers(), pattern.indices()};
        int[] natural = new int[n];
        for (int i = 0; i < n; i++) {
            natural[i] = i;
        }
        long bandFill = CholeskyCounts.of(n, g[0], g[1], natural)[0];
        long mdFill = CholeskyCounts.of(n, g[0], g[1], Ordering.amd().order(pattern))[0];
        assertEquals(27029, bandFill, "Cholesky fill of the 30×30 grid in natural order (brute-force symbolic count)");
        assertTrue(mdFill < bandFill / 2, "minimum degree " + mdFill + " vs band " + bandFill);
        assertTrue(lu.factor(a).ok());
        assertEquals(lu.factorNonzeros(), lu.actualFactorNonzeros());
    }
}
