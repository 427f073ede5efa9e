package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;

/**
 * Multi-vector kernels of the recycling solvers: several dot products in one pass over w, and a
 * linear combination of several basis vectors in one pass over the output. Host vectors
 * ({@link DenseVector}) take a blocked primitive-array path; other backends fall back to
 * {@link Vector} operations (same values up to rounding order).
 */
final class BlockOps {
    /** Rows per block: small enough that the block of every basis vector stays in cache. */
    private static final int ROWS = 512;

    private BlockOps() {
    }

    /** out[off + i] = q[from + i]ᵀ w for i &lt; count. */
    static void dots(Vector[] q, int from, int count, Vector w, double[] out, int off) {
        if (count == 0) {
            return;
        }
        if (!(w instanceof DenseVector) || !(q[from] instanceof DenseVector)) {
            for (int i = 0; i < count; i++) {
                out[off + i] = q[from + i].dot(w);
            }
            return;
        }
        double[] wa = DenseVector.array(w);
        int n = wa.length;
        for (int i = 0; i < count; i++) {
            out[off + i] = 0.0;
        }
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            int i = 0;
            // eight basis vectors per pass: w is read once per eight dots, and the eight independent
            // accumulators hide the floating-point add latency (the JIT does not vectorize a
            // reduction; 8 measured 22 % faster than 4 per pass, 20 dots of n = 6400)
            for (; i + 7 < count; i += 8) {
                double[] q0 = DenseVector.array(q[from + i]);
                double[] q1 = DenseVector.array(q[from + i + 1]);
                double[] q2 = DenseVector.array(q[from + i + 2]);
                double[] q3 = DenseVector.array(q[from + i + 3]);
                double[] q4 = DenseVector.array(q[from + i + 4]);
                double[] q5 = DenseVector.array(q[from + i + 5]);
                double[] q6 = DenseVector.array(q[from + i + 6]);
                double[] q7 = DenseVector.array(q[from + i + 7]);
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                double s4 = 0.0;
                double s5 = 0.0;
                double s6 = 0.0;
                double s7 = 0.0;
                for (int t = s; t < e; t++) {
                    double wt = wa[t];
                    s0 += q0[t] * wt;
                    s1 += q1[t] * wt;
                    s2 += q2[t] * wt;
                    s3 += q3[t] * wt;
                    s4 += q4[t] * wt;
                    s5 += q5[t] * wt;
                    s6 += q6[t] * wt;
                    s7 += q7[t] * wt;
                }
                out[off + i] += s0;
                out[off + i + 1] += s1;
                out[off + i + 2] += s2;
                out[off + i + 3] += s3;
                out[off + i + 4] += s4;
                out[off + i + 5] += s5;
                out[off + i + 6] += s6;
                out[off + i + 7] += s7;
            }
            for (; i + 3 < count; i += 4) {
                double[] q0 = DenseVector.array(q[from + i]);
                double[] q1 = DenseVector.array(q[from + i + 1]);
                double[] q2 = DenseVector.array(q[from + i + 2]);
                double[] q3 = DenseVector.array(q[from + i + 3]);
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                for (int t = s; t < e; t++) {
                    double wt = wa[t];
                    s0 += q0[t] * wt;
                    s1 += q1[t] * wt;
                    s2 += q2[t] * wt;
                    s3 += q3[t] * wt;
                }
                out[off + i] += s0;
                out[off + i + 1] += s1;
                out[off + i + 2] += s2;
                out[off + i + 3] += s3;
            }
            for (; i < count; i++) {
                double[] qa = DenseVector.array(q[from + i]);
                double s0 = 0.0;
                double s1 = 0.0;
                int t = s;
                for (; t + 1 < e; t += 2) {
                    s0 += qa[t] * wa[t];
                    s1 += qa[t + 1] * wa[t + 1];
                }
                if (t < e) {
                    s0 += qa[t] * wa[t];
                }
                out[off + i] += s0 + s1;
            }
        }
    }

    /** out ← alpha·w in one pass (a copy and a scaling fused). */
    static void scaledCopy(Vector w, double alpha, Vector out) {
        if (!(w instanceof DenseVector) || !(out instanceof DenseVector)) {
            out.copyFrom(w);
            out.scale(alpha);
            return;
        }
        double[] wa = DenseVector.array(w);
        double[] oa = DenseVector.array(out);
        for (int t = 0; t < wa.length; t++) {
            oa[t] = alpha * wa[t];
        }
    }

    /** out ← beta·out + Σ_{i&lt;count} coef[coff + i]·q[from + i] (beta is 0 or 1). */
    static void combine(Vector[] q, int from, int count, double[] coef, int coff, Vector out, double beta) {
        if (!(out instanceof DenseVector) || count > 0 && !(q[from] instanceof DenseVector)) {
            if (beta == 0.0) {
                out.fill(0.0);
            }
            for (int i = 0; i < count; i++) {
                out.axpy(coef[coff + i], q[from + i]);
            }
            return;
        }
        double[] oa = DenseVector.array(out);
        int n = oa.length;
        if (beta == 0.0) {
            java.util.Arrays.fill(oa, 0.0);
        }
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            int i = 0;
            // four basis vectors per pass over the output block
            for (; i + 3 < count; i += 4) {
                double a0 = coef[coff + i];
                double a1 = coef[coff + i + 1];
                double a2 = coef[coff + i + 2];
                double a3 = coef[coff + i + 3];
                double[] q0 = DenseVector.array(q[from + i]);
                double[] q1 = DenseVector.array(q[from + i + 1]);
                double[] q2 = DenseVector.array(q[from + i + 2]);
                double[] q3 = DenseVector.array(q[from + i + 3]);
                for (int t = s; t < e; t++) {
                    oa[t] += a0 * q0[t] + a1 * q1[t] + a2 * q2[t] + a3 * q3[t];
                }
            }
            for (; i < count; i++) {
                double a = coef[coff + i];
                double[] qa = DenseVector.array(q[from + i]);
                for (int t = s; t < e; t++) {
                    oa[t] += a * qa[t];
                }
            }
        }
    }

    /**
     * out[l] ← Σ_{i&lt;count} coef[i][l]·q[i] for l &lt; outs (a tall-skinny product Q·Coef). Host
     * vectors go by row blocks so the block of every input stays in cache while all outputs are
     * formed. Other backends fall back to {@link #combine}. The outputs must not alias the inputs.
     */
    static void combineMany(Vector[] q, int count, double[][] coef, Vector[] out, int outs) {
        if (outs == 0) {
            return;
        }
        if (!(out[0] instanceof DenseVector) || count > 0 && !(q[0] instanceof DenseVector)) {
            double[] col = new double[count];
            for (int l = 0; l < outs; l++) {
                for (int i = 0; i < count; i++) {
                    col[i] = coef[i][l];
                }
                combine(q, 0, count, col, 0, out[l], 0.0);
            }
            return;
        }
        int n = DenseVector.array(out[0]).length;
        final int rows = 256;
        for (int s = 0; s < n; s += rows) {
            int e = Math.min(n, s + rows);
            // two outputs at a time, four inputs per pass: each loaded input element feeds both
            // outputs and the loop still vectorizes (min of 40 runs, 41 inputs x 20 outputs,
            // n = 10^4: 564 us against 874 us for one output at a time; four outputs by four
            // inputs measured 1.6x slower than one at a time)
            int l = 0;
            for (; l + 1 < outs; l += 2) {
                double[] oa = DenseVector.array(out[l]);
                double[] ob = DenseVector.array(out[l + 1]);
                int i = 0;
                if (count >= 4) {
                    // the first four inputs assign (no separate zeroing pass)
                    double a0 = coef[0][l];
                    double a1 = coef[1][l];
                    double a2 = coef[2][l];
                    double a3 = coef[3][l];
                    double b0 = coef[0][l + 1];
                    double b1 = coef[1][l + 1];
                    double b2 = coef[2][l + 1];
                    double b3 = coef[3][l + 1];
                    double[] q0 = DenseVector.array(q[0]);
                    double[] q1 = DenseVector.array(q[1]);
                    double[] q2 = DenseVector.array(q[2]);
                    double[] q3 = DenseVector.array(q[3]);
                    for (int t = s; t < e; t++) {
                        double x0 = q0[t];
                        double x1 = q1[t];
                        double x2 = q2[t];
                        double x3 = q3[t];
                        oa[t] = a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                        ob[t] = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
                    }
                    i = 4;
                } else {
                    java.util.Arrays.fill(oa, s, e, 0.0);
                    java.util.Arrays.fill(ob, s, e, 0.0);
                }
                for (; i + 3 < count; i += 4) {
                    double a0 = coef[i][l];
                    double a1 = coef[i + 1][l];
                    double a2 = coef[i + 2][l];
                    double a3 = coef[i + 3][l];
                    double b0 = coef[i][l + 1];
                    double b1 = coef[i + 1][l + 1];
                    double b2 = coef[i + 2][l + 1];
                    double b3 = coef[i + 3][l + 1];
                    double[] q0 = DenseVector.array(q[i]);
                    double[] q1 = DenseVector.array(q[i + 1]);
                    double[] q2 = DenseVector.array(q[i + 2]);
                    double[] q3 = DenseVector.array(q[i + 3]);
                    for (int t = s; t < e; t++) {
                        double x0 = q0[t];
                        double x1 = q1[t];
                        double x2 = q2[t];
                        double x3 = q3[t];
                        oa[t] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                        ob[t] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
                    }
                }
                for (; i < count; i++) {
                    double a = coef[i][l];
                    double b = coef[i][l + 1];
                    double[] q0 = DenseVector.array(q[i]);
                    for (int t = s; t < e; t++) {
                        double x = q0[t];
                        oa[t] += a * x;
                        ob[t] += b * x;
                    }
                }
            }
            for (; l < outs; l++) {
                double[] oa = DenseVector.array(out[l]);
                java.util.Arrays.fill(oa, s, e, 0.0);
                int i = 0;
                for (; i + 3 < count; i += 4) {
                    double a0 = coef[i][l];
                    double a1 = coef[i + 1][l];
                    double a2 = coef[i + 2][l];
                    double a3 = coef[i + 3][l];
                    double[] q0 = DenseVector.array(q[i]);
                    double[] q1 = DenseVector.array(q[i + 1]);
                    double[] q2 = DenseVector.array(q[i + 2]);
                    double[] q3 = DenseVector.array(q[i + 3]);
                    for (int t = s; t < e; t++) {
                        oa[t] += a0 * q0[t] + a1 * q1[t] + a2 * q2[t] + a3 * q3[t];
                    }
                }
                for (; i < count; i++) {
                    double a = coef[i][l];
                    double[] q0 = DenseVector.array(q[i]);
                    for (int t = s; t < e; t++) {
                        oa[t] += a * q0[t];
                    }
                }
            }
        }
    }

    /**
     * out[row + i][l] ← p[i]ᵀ q[l] for i &lt; np, l &lt; nq (a small Gram block PᵀQ, written from
     * row {@code row} of out). Host vectors go by row
     * blocks, four p by four q at a time: sixteen independent accumulators (the adds of one
     * dot no longer wait on each other) and each loaded element feeds four products. Other
     * backends fall back to {@link #dots}. Results agree with {@link Vector#dot} up to rounding
     * order.
     */
    static void gram(Vector[] p, int np, Vector[] q, int nq, double[][] out, int row) {
        if (np == 0 || nq == 0) {
            return;
        }
        if (!(p[0] instanceof DenseVector) || !(q[0] instanceof DenseVector)) {
            double[] col = new double[np];
            for (int l = 0; l < nq; l++) {
                dots(p, 0, np, q[l], col, 0);
                for (int i = 0; i < np; i++) {
                    out[row + i][l] = col[i];
                }
            }
            return;
        }
        for (int i = 0; i < np; i++) {
            java.util.Arrays.fill(out[row + i], 0, nq, 0.0);
        }
        int n = DenseVector.array(p[0]).length;
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            int i = 0;
            for (; i + 3 < np; i += 4) {
                double[] p0 = DenseVector.array(p[i]);
                double[] p1 = DenseVector.array(p[i + 1]);
                double[] p2 = DenseVector.array(p[i + 2]);
                double[] p3 = DenseVector.array(p[i + 3]);
                int l = 0;
                // 4 x 4: sixteen accumulators, eight loads per sixteen products (min of 40 runs,
                // 20 x 20 block, n = 10^4: 730 us against 1051 us for 4 x 2)
                for (; l + 3 < nq; l += 4) {
                    double[] q0 = DenseVector.array(q[l]);
                    double[] q1 = DenseVector.array(q[l + 1]);
                    double[] q2 = DenseVector.array(q[l + 2]);
                    double[] q3 = DenseVector.array(q[l + 3]);
                    double s00 = 0.0, s10 = 0.0, s20 = 0.0, s30 = 0.0;
                    double s01 = 0.0, s11 = 0.0, s21 = 0.0, s31 = 0.0;
                    double s02 = 0.0, s12 = 0.0, s22 = 0.0, s32 = 0.0;
                    double s03 = 0.0, s13 = 0.0, s23 = 0.0, s33 = 0.0;
                    for (int t = s; t < e; t++) {
                        double y0 = q0[t];
                        double y1 = q1[t];
                        double y2 = q2[t];
                        double y3 = q3[t];
                        double x0 = p0[t];
                        double x1 = p1[t];
                        double x2 = p2[t];
                        double x3 = p3[t];
                        s00 += x0 * y0;
                        s10 += x1 * y0;
                        s20 += x2 * y0;
                        s30 += x3 * y0;
                        s01 += x0 * y1;
                        s11 += x1 * y1;
                        s21 += x2 * y1;
                        s31 += x3 * y1;
                        s02 += x0 * y2;
                        s12 += x1 * y2;
                        s22 += x2 * y2;
                        s32 += x3 * y2;
                        s03 += x0 * y3;
                        s13 += x1 * y3;
                        s23 += x2 * y3;
                        s33 += x3 * y3;
                    }
                    double[] o0 = out[row + i];
                    double[] o1 = out[row + i + 1];
                    double[] o2 = out[row + i + 2];
                    double[] o3 = out[row + i + 3];
                    o0[l] += s00;
                    o1[l] += s10;
                    o2[l] += s20;
                    o3[l] += s30;
                    o0[l + 1] += s01;
                    o1[l + 1] += s11;
                    o2[l + 1] += s21;
                    o3[l + 1] += s31;
                    o0[l + 2] += s02;
                    o1[l + 2] += s12;
                    o2[l + 2] += s22;
                    o3[l + 2] += s32;
                    o0[l + 3] += s03;
                    o1[l + 3] += s13;
                    o2[l + 3] += s23;
                    o3[l + 3] += s33;
                }
                for (; l + 1 < nq; l += 2) {
                    double[] q0 = DenseVector.array(q[l]);
                    double[] q1 = DenseVector.array(q[l + 1]);
                    double s00 = 0.0, s10 = 0.0, s20 = 0.0, s30 = 0.0;
                    double s01 = 0.0, s11 = 0.0, s21 = 0.0, s31 = 0.0;
                    for (int t = s; t < e; t++) {
                        double y0 = q0[t];
                        double y1 = q1[t];
                        double x0 = p0[t];
                        double x1 = p1[t];
                        double x2 = p2[t];
                        double x3 = p3[t];
                        s00 += x0 * y0;
                        s10 += x1 * y0;
                        s20 += x2 * y0;
                        s30 += x3 * y0;
                        s01 += x0 * y1;
                        s11 += x1 * y1;
                        s21 += x2 * y1;
                        s31 += x3 * y1;
                    }
                    out[row + i][l] += s00;
                    out[row + i + 1][l] += s10;
                    out[row + i + 2][l] += s20;
                    out[row + i + 3][l] += s30;
                    out[row + i][l + 1] += s01;
                    out[row + i + 1][l + 1] += s11;
                    out[row + i + 2][l + 1] += s21;
                    out[row + i + 3][l + 1] += s31;
                }
                for (; l < nq; l++) {
                    double[] q0 = DenseVector.array(q[l]);
                    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
                    for (int t = s; t < e; t++) {
                        double y0 = q0[t];
                        s0 += p0[t] * y0;
                        s1 += p1[t] * y0;
                        s2 += p2[t] * y0;
                        s3 += p3[t] * y0;
                    }
                    out[row + i][l] += s0;
                    out[row + i + 1][l] += s1;
                    out[row + i + 2][l] += s2;
                    out[row + i + 3][l] += s3;
                }
            }
            for (; i < np; i++) {
                double[] p0 = DenseVector.array(p[i]);
                int l = 0;
                for (; l + 3 < nq; l += 4) {
                    double[] q0 = DenseVector.array(q[l]);
                    double[] q1 = DenseVector.array(q[l + 1]);
                    double[] q2 = DenseVector.array(q[l + 2]);
                    double[] q3 = DenseVector.array(q[l + 3]);
                    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
                    for (int t = s; t < e; t++) {
                        double x0 = p0[t];
                        s0 += x0 * q0[t];
                        s1 += x0 * q1[t];
                        s2 += x0 * q2[t];
                        s3 += x0 * q3[t];
                    }
                    out[row + i][l] += s0;
                    out[row + i][l + 1] += s1;
                    out[row + i][l + 2] += s2;
                    out[row + i][l + 3] += s3;
                }
                for (; l < nq; l++) {
                    double[] q0 = DenseVector.array(q[l]);
                    double s0 = 0.0;
                    for (int t = s; t < e; t++) {
                        s0 += p0[t] * q0[t];
                    }
                    out[row + i][l] += s0;
                }
            }
        }
    }
}
