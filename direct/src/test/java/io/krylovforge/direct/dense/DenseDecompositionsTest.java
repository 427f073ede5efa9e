package io.krylovforge.direct.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** gesv, geev, syev and qr: residuals, and the jblas and pure-Java paths agreeing to 1e-12. */
class DenseDecompositionsTest {
    private final DenseKernels java = DenseKernels.java();

    private static double[] random(int len, long seed) {
        Random r = new Random(seed);
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextDouble() - 0.5;
        }
        return a;
    }

    private static double[] gesv(DenseKernels k, int n, int nrhs, double[] a, double[] b) {
        double[] f = a.clone();
        double[] x = b.clone();
        assertEquals(0, k.gesv(n, nrhs, f, 0, n, new int[n], x, 0, n));
        return x;
    }

    @Test
    void gesvSolvesAndPathsAgree() {
        int n = 30;
        int nrhs = 3;
        double[] a = random(n * n, 1);
        for (int i = 0; i < n; i++) {
            a[i * n + i] += 2.0; // well conditioned, so 1e-12 is a fair bar for two pivot orders' rounding
        }
        double[] b = random(n * nrhs, 2);
        double[] x = gesv(java, n, nrhs, a, b);
        for (int c = 0; c < nrhs; c++) {
            for (int i = 0; i < n; i++) {
                double s = -b[c * n + i];
                for (int j = 0; j < n; j++) {
                    s += a[j * n + i] * x[c * n + j];
                }
                assertEquals(0.0, s, 1e-12, "residual row " + i);
            }
        }
        assertArrayEquals(x, gesv(NativeKernels.orSkip(), n, nrhs, a, b), 1e-12);
    }

    @Test
    void gesvReportsExactlySingular() {
        double[] a = {1, 2, 2, 4}; // column-major [[1, 2], [2, 4]]
        assertEquals(2, java.gesv(2, 1, a, 0, 2, new int[2], new double[] {1, 1}, 0, 2));
    }

    /** Eigenpairs as rows {wr, wi, v(0), re/im interleaved...}, sorted by (wr, wi) for comparison. */
    private static double[][] eigenpairs(DenseKernels k, int n, double[] a) {
        double[] f = a.clone();
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] v = new double[n * n];
        assertEquals(0, k.geev(n, f, 0, n, wr, wi, v, 0, n));
        double[][] rows = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] row = new double[2 + 2 * n];
            row[0] = wr[j];
            row[1] = wi[j];
            for (int i = 0; i < n; i++) {
                if (wi[j] == 0.0) {
                    row[2 + 2 * i] = v[j * n + i];
                } else if (wi[j] > 0.0) {
                    row[2 + 2 * i] = v[j * n + i];
                    row[3 + 2 * i] = v[(j + 1) * n + i];
                } else { // conjugate of the previous column pair
                    row[2 + 2 * i] = v[(j - 1) * n + i];
                    row[3 + 2 * i] = -v[j * n + i];
                }
            }
            rows[j] = row;
        }
        Arrays.sort(rows, Comparator.<double[]>comparingDouble(r -> r[0]).thenComparingDouble(r -> r[1]));
        return rows;
    }

    @Test
    void geevEigenpairsSatisfyAzEqualsLambdaZAndPathsAgree() {
        for (int n : new int[] {7, 40}) {
            double[] a = random(n * n, 3 + n);
            double[][] pairs = eigenpairs(java, n, a);
            int complex = 0;
            for (double[] p : pairs) {
                double lr = p[0];
                double li = p[1];
                complex += li != 0.0 ? 1 : 0;
                double norm = 0.0;
                for (int i = 0; i < n; i++) {
                    double zr = p[2 + 2 * i];
                    double zi = p[3 + 2 * i];
                    norm += zr * zr + zi * zi;
                    double sr = -(lr * zr - li * zi);
                    double si = -(lr * zi + li * zr);
                    for (int j = 0; j < n; j++) {
                        sr += a[j * n + i] * p[2 + 2 * j];
                        si += a[j * n + i] * p[3 + 2 * j];
                    }
                    assertEquals(0.0, Math.hypot(sr, si), 1e-12, "residual, n=" + n);
                }
                assertEquals(1.0, norm, 1e-12, "unit norm");
            }
            assertTrue(complex > 0, "a random matrix has complex pairs");
            double[][] other = eigenpairs(NativeKernels.orSkip(), n, a);
            for (int j = 0; j < n; j++) {
                assertArrayEquals(pairs[j], other[j], 1e-12, "pair " + j + ", n=" + n);
            }
        }
    }

    @Test
    void syevAscendingOrthonormalAndPathsAgree() {
        int n = 9;
        double[] g = random(n * n, 5);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[j * n + i] = g[j * n + i] + g[i * n + j];
            }
        }
        double[] v = a.clone();
        double[] w = new double[n];
        assertEquals(0, java.syev(n, v, 0, n, w));
        for (int l = 0; l < n; l++) {
            if (l > 0) {
                assertTrue(w[l] >= w[l - 1], "ascending");
            }
            for (int i = 0; i < n; i++) {
                double s = -w[l] * v[l * n + i];
                for (int j = 0; j < n; j++) {
                    s += a[j * n + i] * v[l * n + j];
                }
                assertEquals(0.0, s, 1e-12, "A v = w v");
            }
            for (int m = 0; m < n; m++) {
                double d = 0.0;
                for (int i = 0; i < n; i++) {
                    d += v[l * n + i] * v[m * n + i];
                }
                assertEquals(l == m ? 1.0 : 0.0, d, 1e-12, "orthonormal");
            }
        }
        double[] v2 = a.clone();
        double[] w2 = new double[n];
        assertEquals(0, NativeKernels.orSkip().syev(n, v2, 0, n, w2));
        assertArrayEquals(w, w2, 1e-12);
        assertArrayEquals(v, v2, 1e-12);
    }

    @Test
    void qrReproducesAOrthonormalQPositiveRAndPathsAgree() {
        int rows = 41;
        int cols = 20;
        double[] a = random(rows * cols, 6);
        double[] q = a.clone();
        double[] r = new double[cols * cols];
        assertEquals(0, java.qr(rows, cols, q, 0, rows, r, 0, cols));
        for (int j = 0; j < cols; j++) {
            assertTrue(r[j * cols + j] > 0.0, "positive diagonal");
            for (int i = 0; i < rows; i++) {
                double s = -a[j * rows + i];
                for (int l = 0; l <= j; l++) {
                    s += q[l * rows + i] * r[j * cols + l];
                }
                assertEquals(0.0, s, 1e-12, "QR = A");
            }
            for (int l = 0; l < cols; l++) {
                double d = 0.0;
                for (int i = 0; i < rows; i++) {
                    d += q[j * rows + i] * q[l * rows + i];
                }
                assertEquals(j == l ? 1.0 : 0.0, d, 1e-12, "QᵀQ = I");
            }
        }
        double[] q2 = a.clone();
        double[] r2 = new double[cols * cols];
        assertEquals(0, NativeKernels.orSkip().qr(rows, cols, q2, 0, rows, r2, 0, cols));
        assertArrayEquals(q, q2, 1e-12);
        assertArrayEquals(r, r2, 1e-12);
    }

    @Test
    void qrReportsADependentColumn() {
        int rows = 6;
        double[] a = random(rows * 3, 7);
        for (int i = 0; i < rows; i++) {
            a[2 * rows + i] = a[i] - 2.0 * a[rows + i]; // column 2 = column 0 − 2·column 1
        }
        assertEquals(3, java.qr(rows, 3, a.clone(), 0, rows, new double[9], 0, 3));
        assertEquals(3, NativeKernels.orSkip().qr(rows, 3, a.clone(), 0, rows, new double[9], 0, 3));
    }
}
