package io.krylovforge.solvers.recycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The blocked multi-vector kernels against plain loops, on sizes that exercise every remainder path. */
class BlockOpsTest {

    private static Vector[] random(int count, int n, long seed) {
        Random rnd = new Random(seed);
        Vector[] out = new Vector[count];
        for (int i = 0; i < count; i++) {
            double[] a = new double[n];
            for (int t = 0; t < n; t++) {
                a[t] = rnd.nextGaussian();
            }
            out[i] = DenseVector.wrap(a);
        }
        return out;
    }

    @Test
    void gramMatchesPlainDots() {
        int n = 1100; // not a multiple of the row block
        for (int np : new int[] {1, 3, 4, 7, 9}) {
            for (int nq : new int[] {1, 2, 5, 6}) {
                Vector[] p = random(np, n, 10 + np);
                Vector[] q = random(nq, n, 20 + nq);
                double[][] g = new double[np + 1][nq + 2];
                BlockOps.gram(p, np, q, nq, g, 1);
                for (int i = 0; i < np; i++) {
                    for (int l = 0; l < nq; l++) {
                        double ref = 0.0;
                        double[] a = DenseVector.array(p[i]);
                        double[] b = DenseVector.array(q[l]);
                        for (int t = 0; t < n; t++) {
                            ref += a[t] * b[t];
                        }
                        assertEquals(ref, g[i + 1][l], 1e-11 * n, "np=" + np + " nq=" + nq + " (" + i + "," + l + ")");
                    }
                }
            }
        }
    }

    @Test
    void combineManyMatchesPlainSums() {
        int n = 700;
        for (int count : new int[] {1, 4, 6, 9}) {
            for (int outs : new int[] {1, 3, 5}) {
                Vector[] q = random(count, n, 30 + count);
                Vector[] out = random(outs, n, 40 + outs); // old contents must be overwritten
                Random rnd = new Random(count * 7L + outs);
                double[][] coef = new double[count][outs];
                for (double[] row : coef) {
                    for (int l = 0; l < outs; l++) {
                        row[l] = rnd.nextGaussian();
                    }
                }
                BlockOps.combineMany(q, count, coef, out, outs);
                for (int l = 0; l < outs; l++) {
                    double[] o = DenseVector.array(out[l]);
                    for (int t = 0; t < n; t++) {
                        double ref = 0.0;
                        for (int i = 0; i < count; i++) {
                            ref += coef[i][l] * DenseVector.array(q[i])[t];
                        }
                        assertEquals(ref, o[t], 1e-12 * count, "count=" + count + " outs=" + outs);
                    }
                }
            }
        }
    }

    @Test
    void dotsHaveTheBitsOfPlainDotsForEveryCount() {
        int n = 9000; // more than two of the kernels' row blocks, not a multiple of one
        Vector w = random(1, n, 5)[0];
        for (int count = 1; count <= 15; count++) { // pairs, and an odd one out
            Vector[] q = random(count, n, 50 + count);
            double[] out = new double[count + 2];
            out[0] = 42.0; // before the offset: untouched
            out[count + 1] = 43.0; // after the block: untouched
            BlockOps.dots(q, count, w, out, 1);
            assertEquals(42.0, out[0]);
            assertEquals(43.0, out[count + 1]);
            for (int i = 0; i < count; i++) {
                assertEquals(Double.doubleToLongBits(q[i].dot(w)), Double.doubleToLongBits(out[1 + i]),
                        "count=" + count + " i=" + i);
            }
        }
    }

    @Test
    void combineNormUpdatesAndReturnsTheNewSquaredNorm() {
        int n = 1300;
        for (int count : new int[] {0, 1, 3, 4, 7, 9}) {
            Vector[] q = random(Math.max(count, 1), n, 60 + count);
            Vector out = random(1, n, 70 + count)[0];
            double[] before = DenseVector.array(out).clone();
            double[] coef = new double[count + 1];
            Random rnd = new Random(count);
            for (int i = 0; i <= count; i++) {
                coef[i] = rnd.nextGaussian();
            }
            double ww = BlockOps.combineNorm(q, 0, count, coef, 1, out);
            double[] o = DenseVector.array(out);
            double refNorm = 0.0;
            for (int t = 0; t < n; t++) {
                double ref = before[t];
                for (int i = 0; i < count; i++) {
                    ref += coef[1 + i] * DenseVector.array(q[i])[t];
                }
                assertEquals(ref, o[t], 1e-12 * (count + 1), "count=" + count + " row " + t);
                refNorm += o[t] * o[t];
            }
            assertEquals(refNorm, ww, 1e-12 * refNorm, "count=" + count);
        }
    }

    @Test
    void combineNormFromASourceLeavesTheSourceAndMatchesCopyUpdateNorm() {
        int n = 1300; // two full row blocks and a partial one
        for (int count : new int[] {0, 1, 3, 4, 7, 9}) {
            Vector[] q = random(Math.max(count, 1), n, 90 + count);
            Vector src = random(1, n, 100 + count)[0];
            Vector out = random(1, n, 110 + count)[0]; // old contents must be overwritten
            double[] before = DenseVector.array(src).clone();
            double[] coef = new double[count + 2];
            Random rnd = new Random(200 + count);
            for (int i = 0; i < coef.length; i++) {
                coef[i] = rnd.nextGaussian();
            }
            double ww = BlockOps.combineNorm(q, 0, count, coef, 2, src, out);
            double[] o = DenseVector.array(out);
            double refNorm = 0.0;
            for (int t = 0; t < n; t++) {
                assertEquals(before[t], DenseVector.array(src)[t], 0.0, "source changed at row " + t);
                double ref = before[t];
                for (int i = 0; i < count; i++) {
                    ref += coef[2 + i] * DenseVector.array(q[i])[t];
                }
                assertEquals(ref, o[t], 1e-12 * (count + 1), "count=" + count + " row " + t);
                refNorm += ref * ref;
            }
            assertEquals(refNorm, ww, 1e-12 * refNorm, "count=" + count);
        }
    }

    @Test
    void combineManySquaresAreTheSquaredNormsOfTheOutputs() {
        int n = 700; // two blocks of combineMany's 256 rows and a partial one
        for (int count : new int[] {1, 4, 6, 9}) {
            for (int outs : new int[] {1, 2, 3, 5}) {
                Vector[] q = random(count, n, 120 + count);
                Vector[] out = random(outs, n, 130 + outs);
                Vector[] plain = random(outs, n, 140 + outs);
                Random rnd = new Random(count * 11L + outs);
                double[][] coef = new double[count][outs];
                for (double[] row : coef) {
                    for (int l = 0; l < outs; l++) {
                        row[l] = rnd.nextGaussian();
                    }
                }
                double[] squares = new double[outs + 1];
                java.util.Arrays.fill(squares, 7.0); // stale values must be replaced
                BlockOps.combineMany(q, count, coef, out, outs, squares);
                BlockOps.combineMany(q, count, coef, plain, outs);
                for (int l = 0; l < outs; l++) {
                    double[] o = DenseVector.array(out[l]);
                    double ref = 0.0;
                    for (int t = 0; t < n; t++) {
                        assertEquals(DenseVector.array(plain[l])[t], o[t], 0.0, "same outputs with and without squares");
                        ref += o[t] * o[t];
                    }
                    assertEquals(ref, squares[l], 1e-12 * ref, "count=" + count + " outs=" + outs + " l=" + l);
                }
                assertEquals(7.0, squares[outs], 0.0, "entries past outs untouched");
            }
        }
    }

    @Test
    void scaleMultipliesInPlace() {
        Vector v = random(1, 37, 80)[0];
        double[] before = DenseVector.array(v).clone();
        BlockOps.scale(v, -0.25);
        for (int t = 0; t < before.length; t++) {
            assertEquals(-0.25 * before[t], DenseVector.array(v)[t], 0.0);
        }
    }
}
