package io.krylovforge.direct.dense;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kernels of the supernodal LU: getrf with block pivoting and perturbation, and the two right-side solves. */
class BlockLuKernelsTest {
    private final DenseKernels java = new JavaDenseKernels();

    private static double[] random(int len, long seed) {
        Random r = new Random(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble() - 0.5;
        }
        return a;
    }

    private static double maxDiff(double[] x, double[] y) {
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    /** ‖P·A − L·U‖_max for the factors in f (n×n inside an lda-high block) with the pivots. */
    private static double factorError(int n, double[] a, int lda, double[] f, int[] piv, int pivOff) {
        double[] pa = new double[n * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                pa[j * n + i] = a[j * lda + i];
            }
        }
        for (int k = 0; k < n; k++) { // apply the interchanges in order
            int p = piv[pivOff + k];
            for (int j = 0; j < n; j++) {
                double t = pa[j * n + k];
                pa[j * n + k] = pa[j * n + p];
                pa[j * n + p] = t;
            }
        }
        double err = 0;
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    double l = k == i ? 1.0 : f[k * lda + i];
                    s += l * f[j * lda + k];
                }
                err = Math.max(err, Math.abs(s - pa[j * n + i]));
            }
        }
        return err;
    }

    @Test
    void blockPivotedLuReproducesThePermutedBlockInsideALargerPanel() {
        int n = 23;
        int lda = 31; // the block sits on top of a panel, as a supernode's diagonal block does
        double[] a = random(lda * n, 3);
        for (int i = 0; i < n; i++) {
            a[i * lda + i] = 0.0; // every diagonal entry needs a row interchange
        }
        double[] f = a.clone();
        int[] piv = new int[n + 5];
        assertEquals(0, java.getrfPerturbed(n, f, 0, lda, piv, 5, 1e-8));
        assertTrue(factorError(n, a, lda, f, piv, 5) <= 1e-14, "‖PA − LU‖");
        for (int i = n; i < lda; i++) {
            assertEquals(a[i], f[i], 0.0, "rows below the block are not touched");
        }
    }

    @Test
    void tinyPivotsArePerturbedAndCounted() {
        // rank-deficient 6×6 (two equal columns and a zero one): two pivots come out zero
        int n = 6;
        double[] a = random(n * n, 8);
        System.arraycopy(a, 0, a, n, n);
        Arrays.fill(a, 3 * n, 4 * n, 0.0);
        double tiny = 1e-6;
        for (DenseKernels k : new DenseKernels[] {java, NativeKernels.orSkip()}) {
            double[] f = a.clone();
            int[] piv = new int[n];
            assertEquals(2, k.getrfPerturbed(n, f, 0, n, piv, 0, tiny), k.name());
            int atTiny = 0;
            for (int j = 0; j < n; j++) {
                assertTrue(Math.abs(f[j * n + j]) >= tiny, k.name() + " pivot " + j);
                atTiny += Math.abs(f[j * n + j]) == tiny ? 1 : 0;
            }
            assertEquals(2, atTiny, k.name());
        }
        double[] nan = a.clone();
        nan[0] = Double.NaN;
        assertEquals(-1, java.getrfPerturbed(n, nan, 0, n, new int[n], 0, tiny));
    }

    @Test
    void rightSideTriangularSolvesInvertTheirProducts() {
        int m = 13;
        int n = 9;
        double[] t = random(n * n, 4);
        for (int j = 0; j < n; j++) {
            t[j * n + j] += 3.0; // well-conditioned U; the strict lower part doubles as the unit L
        }
        double[] x = random(m * n, 5);
        // B = X·U, then B·U⁻¹ must give X back
        double[] b = new double[m * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k <= j; k++) {
                for (int i = 0; i < m; i++) {
                    b[j * m + i] += x[k * m + i] * t[j * n + k];
                }
            }
        }
        double[] y = b.clone();
        java.trsmRightUpper(m, n, t, 0, n, y, 0, m);
        assertTrue(maxDiff(x, y) <= 1e-13, "B·U⁻¹");
        // B = X·Lᵀ with L unit lower, then B·L⁻ᵀ must give X back
        double[] c = new double[m * n];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k <= j; k++) {
                double ljk = k == j ? 1.0 : t[k * n + j];
                for (int i = 0; i < m; i++) {
                    c[j * m + i] += x[k * m + i] * ljk;
                }
            }
        }
        double[] z = c.clone();
        java.trsmRightUnitLowerTranspose(m, n, t, 0, n, z, 0, m);
        assertTrue(maxDiff(x, z) <= 1e-13, "B·L⁻ᵀ");
    }

    @Test
    void jblasAndJavaAgree() {
        DenseKernels nat = NativeKernels.orSkip();
        int n = 40;
        int lda = 57;
        double[] a = random(lda * n, 11);
        double[] fj = a.clone();
        double[] fn = a.clone();
        int[] pj = new int[n];
        int[] pn = new int[n];
        assertEquals(0, java.getrfPerturbed(n, fj, 0, lda, pj, 0, 1e-10));
        assertEquals(0, nat.getrfPerturbed(n, fn, 0, lda, pn, 0, 1e-10));
        assertTrue(Arrays.equals(pj, pn), "same pivot rows");
        assertTrue(maxDiff(fj, fn) <= 1e-12, "same factors");
        // the rows below the block as L₂₁ ← A₂₁·U⁻¹, and a U₁₂ᵀ ← U₁₂ᵀ·L⁻ᵀ
        int m = lda - n;
        java.trsmRightUpper(m, n, fj, 0, lda, fj, n, lda);
        nat.trsmRightUpper(m, n, fn, 0, lda, fn, n, lda);
        assertTrue(maxDiff(fj, fn) <= 1e-12, "trsmRightUpper");
        double[] uj = random(m * n, 12);
        double[] un = uj.clone();
        java.trsmRightUnitLowerTranspose(m, n, fj, 0, lda, uj, 0, m);
        nat.trsmRightUnitLowerTranspose(m, n, fn, 0, lda, un, 0, m);
        assertTrue(maxDiff(uj, un) <= 1e-12, "trsmRightUnitLowerTranspose");
    }
}
