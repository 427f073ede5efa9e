package io.krylovforge.core.linalg;

import java.util.Arrays;

/**
 * Small Gram blocks PᵀQ of tall-skinny host vectors (GCRO-DR's V_{j+1}ᵀU and CᵀU at a refresh),
 * by row blocks so that the block of every vector stays in cache while all its products are
 * formed. Each product is summed in four lanes (element i into lane i mod 4 of the block's vector
 * part, the tail into lane 0, then (l₀+l₁)+(l₂+l₃)): with {@link Simd#enabled()} four p by two q at
 * a time on Vector API lanes, otherwise one product at a time in scalar code, with the same bits.
 * Block sums are added in row order, so a result does not depend on SIMD.
 */
public final class GramKernels {
    /** Rows per block: the blocks of 41 vectors (328 KB) stay in L2 while all products are formed. */
    static final int ROWS = 1024;

    private GramKernels() {
    }

    /**
     * out[row + i][col + l] ← p[i]ᵀq[l] for i &lt; np, l &lt; nq.
     *
     * @param p   host vectors ({@link DenseVector}), first np read
     * @param np  rows of the block
     * @param q   host vectors of the same length, first nq read
     * @param nq  columns of the block
     * @param out receives the products from row {@code row}, column {@code col}
     * @param row first row of out written
     * @param col first column of out written
     */
    public static void gram(Vector[] p, int np, Vector[] q, int nq, double[][] out, int row, int col) {
        if (np == 0 || nq == 0) {
            return;
        }
        int n = p[0].size();
        for (int i = 0; i < np; i++) {
            VectorKernels.requireSameLength(n, p[i].size());
            Arrays.fill(out[row + i], col, col + nq, 0.0);
        }
        for (int l = 0; l < nq; l++) {
            VectorKernels.requireSameLength(n, q[l].size());
        }
        boolean simd = Simd.enabled();
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            int i = 0;
            if (simd) {
                for (; i + 3 < np; i += 4) {
                    double[] p0 = DenseVector.array(p[i]);
                    double[] p1 = DenseVector.array(p[i + 1]);
                    double[] p2 = DenseVector.array(p[i + 2]);
                    double[] p3 = DenseVector.array(p[i + 3]);
                    int l = 0;
                    for (; l + 1 < nq; l += 2) {
                        SimdGram.block4x2(p0, p1, p2, p3, DenseVector.array(q[l]), DenseVector.array(q[l + 1]), s,
                                e, out, row + i, col + l);
                    }
                    if (l < nq) {
                        double[] q0 = DenseVector.array(q[l]);
                        out[row + i][col + l] += laneDot(p0, q0, s, e);
                        out[row + i + 1][col + l] += laneDot(p1, q0, s, e);
                        out[row + i + 2][col + l] += laneDot(p2, q0, s, e);
                        out[row + i + 3][col + l] += laneDot(p3, q0, s, e);
                    }
                }
            }
            for (; i < np; i++) {
                double[] pi = DenseVector.array(p[i]);
                double[] oi = out[row + i];
                for (int l = 0; l < nq; l++) {
                    oi[col + l] += laneDot(pi, DenseVector.array(q[l]), s, e);
                }
            }
        }
    }

    /** xᵀy over [from, to) in the four-lane order (also the reference the SIMD block reproduces). */
    static double laneDot(double[] x, double[] y, int from, int to) {
        double l0 = 0.0;
        double l1 = 0.0;
        double l2 = 0.0;
        double l3 = 0.0;
        int t = from;
        for (; t + 3 < to; t += 4) {
            l0 += x[t] * y[t];
            l1 += x[t + 1] * y[t + 1];
            l2 += x[t + 2] * y[t + 2];
            l3 += x[t + 3] * y[t + 3];
        }
        for (; t < to; t++) {
            l0 += x[t] * y[t];
        }
        return (l0 + l1) + (l2 + l3);
    }
}
