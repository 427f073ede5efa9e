package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bunch–Kaufman pivoting inside supernodes, with weak-diagonal pairing and symmetric scaling: the
 * public KKT matrices (which static pivoting alone left at 3–6·10⁻⁷) and 2D saddle-point and
 * Helmholtz-like matrices are solved to 1e-10, with the right inertia.
 */
class LdltPivotingTest {

    static CsrMatrix corpus(String file) throws IOException {
        return MatrixMarket.read(Path.of("..", "cli", "src", "test", "resources", "public-matrices", file));
    }

    private static double solveResidual(Ldlt f, CsrMatrix a, double[] b) {
        double[] x = new double[a.rows()];
        f.solve(b, x);
        return TestMatrices.relativeResidual(a, x, b);
    }

    private static double[] timesOnes(CsrMatrix a) {
        double[] ones = new double[a.cols()];
        java.util.Arrays.fill(ones, 1.0);
        return a.multiply(ones);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hangGlider_2.mtx", "tumorAntiAngiogenesis_2.mtx"})
    void publicKktMatricesAreSolvedTo1e10(String file) throws IOException {
        CsrMatrix a = corpus(file);
        Ldlt f = Ldlt.analyze(a);
        FactorStatus st = f.factor(a);
        assertTrue(st.ok(), st.message());
        assertEquals(0, f.perturbedPivots(), "every pivot found inside its supernode");
        assertTrue(f.twoByTwoPivots() > 0, "KKT matrices need 2×2 pivots");
        // b = A·1, as kforge solve uses by default
        double res = solveResidual(f, a, timesOnes(a));
        assertTrue(res <= 1e-10, file + ": residual " + res);
        // a random b: within 2× of SciPy spsolve's own residual (6.7e-11 on hangGlider_2, the
        // rounding floor ε·‖|A||x|‖/‖b‖ of this cond ≈ 1e11 matrix)
        double random = solveResidual(f, a, TestMatrices.randomVector(a.rows(), 5));
        assertTrue(random <= 2e-10, file + ": residual for a random b " + random);
    }

    @Test
    void saddlePoint2dIsSolvedWithoutPerturbation() {
        CsrMatrix a = TestMatrices.kkt(40, 400, 7);
        Ldlt f = Ldlt.analyze(a);
        assertTrue(f.factor(a).ok());
        assertEquals(0, f.perturbedPivots());
        assertEquals(400, f.pivotPairs(), "each zero-diagonal constraint paired with a neighbour");
        assertTrue(solveResidual(f, a, TestMatrices.randomVector(a.rows(), 1)) <= 1e-10);
        int[] inertia = f.inertia();
        assertEquals(1600, inertia[0], "positive eigenvalues: the SPD block's");
        assertEquals(400, inertia[1], "negative eigenvalues: one per independent constraint");
    }

    @Test
    void helmholtzLikeShiftedLaplacianIsSolved() {
        CsrMatrix a = Stencils.laplacian2d(48, 48);
        double[] v = a.values();
        for (int i = 0; i < a.rows(); i++) {
            for (int p = a.rowPtr()[i]; p < a.rowPtr()[i + 1]; p++) {
                if (a.colIdx()[p] == i) {
                    v[p] -= 2.5; // k² h² between eigenvalues: indefinite, many tiny Schur pivots
                }
            }
        }
        CsrMatrix h = a.withValues(v);
        Ldlt f = Ldlt.analyze(h);
        assertTrue(f.factor(h).ok());
        assertTrue(solveResidual(f, h, TestMatrices.randomVector(h.rows(), 2)) <= 1e-10);
        assertTrue(f.inertia()[1] > 0, "shift 2.5 leaves negative eigenvalues");
    }

    @Test
    void inertiaMatchesTheEigenvalues() {
        for (long seed = 1; seed <= 4; seed++) {
            CsrMatrix a = TestMatrices.kkt(6, 10, seed);
            Random r = new Random(seed);
            double[] v = a.values().clone();
            // random symmetric perturbation of the stored values keeps the pattern; diagonal
            // shifts of both signs make the H block indefinite too
            int n = a.rows();
            double[][] dense = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int p = a.rowPtr()[i]; p < a.rowPtr()[i + 1]; p++) {
                    int j = a.colIdx()[p];
                    if (j == i && i < 36) {
                        v[p] += 4.0 * (r.nextDouble() - 0.5) * 4.0;
                    }
                    dense[i][j] = v[p];
                }
            }
            CsrMatrix b = a.withValues(v);
            Ldlt f = Ldlt.analyze(b);
            assertTrue(f.factor(b).ok());
            assertEquals(0, f.perturbedPivots());
            double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(dense)).getRealEigenvalues();
            int negative = 0;
            for (double e : eig) {
                if (e < 0) {
                    negative++;
                }
            }
            int[] inertia = f.inertia();
            assertEquals(negative, inertia[1], "seed " + seed + ": negative eigenvalues");
            assertEquals(n - negative, inertia[0], "seed " + seed + ": positive eigenvalues");
        }
    }

    @Test
    void patternReuseKeepsTheAnalysisAndRepivots() {
        CsrMatrix a = TestMatrices.kkt(20, 80, 3);
        Ldlt f = Ldlt.analyze(a);
        Object analysis = f.analysis();
        assertTrue(f.factor(a).ok());
        Random r = new Random(9);
        for (int k = 0; k < 3; k++) {
            double[] v = a.values().clone();
            for (int p = 0; p < v.length; p++) {
                v[p] *= 0.5 + r.nextDouble(); // not symmetric per entry: symmetrise below
            }
            CsrMatrix ak = symmetrise(a.withValues(v));
            assertTrue(f.factor(ak).ok());
            assertSame(analysis, f.analysis());
            assertTrue(solveResidual(f, ak, TestMatrices.randomVector(ak.rows(), k)) <= 1e-10, "sample " + k);
        }
    }

    /** (A + Aᵀ)/2 on A's (symmetric) pattern. */
    private static CsrMatrix symmetrise(CsrMatrix a) {
        double[] v = a.values().clone();
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        for (int i = 0; i < a.rows(); i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                if (j > i) {
                    int q = java.util.Arrays.binarySearch(ci, rp[j], rp[j + 1], i);
                    double m = 0.5 * (v[p] + v[q]);
                    v[p] = m;
                    v[q] = m;
                }
            }
        }
        return a.withValues(v);
    }

    @Test
    void severalRightHandSidesAgreeWithSingleSolves() {
        CsrMatrix a = TestMatrices.kkt(12, 40, 5);
        Ldlt f = Ldlt.analyze(a);
        assertTrue(f.factor(a).ok());
        int n = a.rows();
        double[] b = TestMatrices.randomVector(3 * n, 4);
        double[] x = new double[3 * n];
        f.solve(b, x, 3);
        for (int r = 0; r < 3; r++) {
            double[] br = java.util.Arrays.copyOfRange(b, r * n, (r + 1) * n);
            double[] xr = new double[n];
            f.solve(br, xr);
            assertArrayEquals(xr, java.util.Arrays.copyOfRange(x, r * n, (r + 1) * n), 0.0);
        }
    }

    @Test
    void aGridHintThatNoLongerFitsThePairedGraphFallsBackToAmd() {
        // the 20×20 Laplacian block of a KKT matrix with a (wrong for the whole) grid hint
        CsrMatrix a = TestMatrices.kkt(20, 40, 8);
        Ldlt f = Ldlt.analyze(a, io.krylovforge.direct.ordering.Ordering.nestedDissection(
                io.krylovforge.direct.ordering.GridShape.of(20, 22)));
        assertTrue(f.factor(a).ok());
        assertTrue(solveResidual(f, a, TestMatrices.randomVector(a.rows(), 3)) <= 1e-10);
    }
}
