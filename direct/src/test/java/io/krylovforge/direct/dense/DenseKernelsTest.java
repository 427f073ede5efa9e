package io.krylovforge.direct.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseKernelsTest {
    private final DenseKernels java = new JavaDenseKernels();

    private static double[] random(int len, long seed) {
        Random r = new Random(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble() - 0.5;
        }
        return a;
    }

    /** A = G·Gᵀ + n·I, column-major n×n. */
    private static double[] spd(int n, long seed) {
        double[] g = random(n * n, seed);
        double[] a = new double[n * n];
        new JavaDenseKernels().gemmNT(n, n, n, 1.0, g, 0, n, g, 0, n, 0.0, a, 0, n);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += n;
        }
        return a;
    }

    private static void assertClose(double[] expected, double[] actual, double tol) {
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * scale, "entry " + i);
        }
    }

    @Test
    void javaCholeskyReproducesTheMatrix() {
        int n = 37;
        double[] a = spd(n, 1);
        double[] l = a.clone();
        assertEquals(0, java.potrf(n, l, 0, n));
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < j; i++) {
                l[j * n + i] = 0.0;
            }
        }
        double[] llt = new double[n * n];
        java.gemmNT(n, n, n, 1.0, l, 0, n, l, 0, n, 0.0, llt, 0, n);
        assertClose(a, llt, 1e-13);
    }

    @Test
    void javaCholeskyReportsTheFirstNonPositivePivot() {
        double[] a = {1, 2, 0, 2, 1, 0, 0, 0, 1}; // leading 2×2 minor is −3
        assertEquals(2, java.potrf(3, a, 0, 3));
    }

    @Test
    void bothPathsAgreeOnEveryKernel() {
        DenseKernels jblas = NativeKernels.orSkip();
        int n = 120;
        int m = 90;
        int k = 70;
        // potrf inside a larger array at an offset, lda > n
        int lda = n + 5;
        double[] a = new double[3 + lda * n];
        double[] s = spd(n, 2);
        for (int j = 0; j < n; j++) {
            System.arraycopy(s, j * n, a, 3 + j * lda, n);
        }
        double[] aj = a.clone();
        double[] an = a.clone();
        assertEquals(0, java.potrf(n, aj, 3, lda));
        assertEquals(0, jblas.potrf(n, an, 3, lda));
        assertLowerClose(aj, an, 3, lda, n);

        // trsm: B·L⁻ᵀ with L from the factor above
        double[] b = random(m * n, 3);
        double[] bj = b.clone();
        double[] bn = b.clone();
        java.trsmRightLowerTranspose(m, n, aj, 3, lda, bj, 0, m);
        jblas.trsmRightLowerTranspose(m, n, aj, 3, lda, bn, 0, m);
        assertClose(bj, bn, 1e-12);

        // gemm NT / NN, syrk
        double[] x = random(m * k, 4);
        double[] y = random(n * k, 5);
        double[] c0 = random(m * n, 6);
        double[] cj = c0.clone();
        double[] cn = c0.clone();
        java.gemmNT(m, n, k, -1.5, x, 0, m, y, 0, n, 0.5, cj, 0, m);
        jblas.gemmNT(m, n, k, -1.5, x, 0, m, y, 0, n, 0.5, cn, 0, m);
        assertClose(cj, cn, 1e-12);
        double[] z = random(k * n, 7);
        cj = c0.clone();
        cn = c0.clone();
        java.gemmNN(m, n, k, 2.0, x, 0, m, z, 0, k, 1.0, cj, 0, m);
        jblas.gemmNN(m, n, k, 2.0, x, 0, m, z, 0, k, 1.0, cn, 0, m);
        assertClose(cj, cn, 1e-12);
        double[] sj = random(m * m, 8);
        double[] sn = sj.clone();
        java.syrkLower(m, k, -1.0, x, 0, m, 1.0, sj, 0, m);
        jblas.syrkLower(m, k, -1.0, x, 0, m, 1.0, sn, 0, m);
        assertLowerClose(sj, sn, 0, m, m);

        // getrf with pivoting on a nonsymmetric matrix
        double[] g = random(n * n, 9);
        double[] gj = g.clone();
        double[] gn = g.clone();
        int[] pj = new int[n];
        int[] pn = new int[n];
        assertEquals(0, java.getrf(n, gj, 0, n, pj));
        assertEquals(0, jblas.getrf(n, gn, 0, n, pn));
        assertArrayEquals(pj, pn);
        assertClose(gj, gn, 1e-11);
    }

    @Test
    void bestHonoursTheProperty() {
        DenseKernels best = DenseKernels.best();
        if ("java".equals(System.getProperty(DenseKernels.PROPERTY))) {
            assertEquals("java", best.name());
        }
        double[] a = {4.0, 2.0, 0.0, 5.0};
        assertEquals(0, best.potrf(2, a, 0, 2));
        assertEquals(2.0, a[0], 1e-15);
        assertEquals(1.0, a[1], 1e-15);
        assertTrue(Math.abs(a[3] - 2.0) < 1e-15);
    }

    private static void assertLowerClose(double[] e, double[] a, int off, int ld, int n) {
        double scale = 0;
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                scale = Math.max(scale, Math.abs(e[off + j * ld + i]));
            }
        }
        for (int j = 0; j < n; j++) {
            for (int i = j; i < n; i++) {
                assertEquals(e[off + j * ld + i], a[off + j * ld + i], 1e-12 * scale,
                        "(" + i + "," + j + ")");
            }
        }
    }
}
