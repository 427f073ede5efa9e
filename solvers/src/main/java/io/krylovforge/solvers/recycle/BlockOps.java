package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.GramKernels;
import io.krylovforge.core.linalg.Vector;
import java.util.Arrays;

/**
 * Multi-vector kernels of the recycling solvers: several dot products in one pass over w (the
 * backend's {@link io.krylovforge.core.backend.Backend#multiDot}, GMRES's kernel), a linear
 * combination of several basis vectors in one pass over the output, the tall-skinny product
 * Q·Coef of a refresh and its Gram blocks ({@link GramKernels}). Host vectors
 * ({@link DenseVector}) take blocked primitive-array paths; other backends fall back to
 * {@link Vector} operations (same values up to rounding order).
 *
 * <p>Every innermost loop is its own small static method (the {@code k...} kernels below). Why:
 * with the loop written inline in the blocked driver, C2 compiled it on-stack-replaced from a
 * driver called only a few thousand times, and the code it produced varied from JVM to JVM — the
 * same 41 × 20 {@link #combineMany} took 0.41 or 1.05 ms at n = 6400 (and GCRO-DR 0.19 or
 * 0.25 ms per iteration) depending on the run. A kernel method is called tens of thousands of times
 * (once per row block and output group), gets a normal C2 compilation early, and measured the fast
 * figure in every run.
 */
final class BlockOps {
    /** Rows per block: small enough that the block of every basis vector stays in cache. */
    private static final int ROWS = 512;
    /** Rows per block of combineMany (41 inputs x 256 rows x 8 bytes = 84 KB, in L2). */
    private static final int MANY_ROWS = 256;

    private BlockOps() {
    }

    /**
     * out[off + i] = q[i]ᵀ w for i &lt; count, by the backend's {@link
     * io.krylovforge.core.backend.Backend#multiDot} (GMRES's kernel: on the host, dot pairs on SIMD
     * lanes in one pass over w per block, each dot summed as {@link Vector#dot} sums it).
     */
    static void dots(Vector[] q, int count, Vector w, double[] out, int off) {
        if (count > 0) {
            w.backend().multiDot(q, count, w, out, off);
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
            Arrays.fill(oa, 0.0);
        }
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            int i = 0;
            // four basis vectors per pass over the output block
            for (; i + 3 < count; i += 4) {
                kAxpy4(oa, DenseVector.array(q[from + i]), DenseVector.array(q[from + i + 1]),
                        DenseVector.array(q[from + i + 2]), DenseVector.array(q[from + i + 3]), coef[coff + i],
                        coef[coff + i + 1], coef[coff + i + 2], coef[coff + i + 3], s, e);
            }
            for (; i < count; i++) {
                kAxpy1(oa, DenseVector.array(q[from + i]), coef[coff + i], s, e);
            }
        }
    }

    /**
     * out ← out + Σ_{i&lt;count} coef[coff + i]·q[from + i], as {@link #combine} with beta = 1, and
     * returns outᵀout after the update, summed block by block while each block of out is still in
     * cache (the separate norm pass over out saved).
     */
    static double combineNorm(Vector[] q, int from, int count, double[] coef, int coff, Vector out) {
        return combineNorm(q, from, count, coef, coff, out, out);
    }

    /**
     * out ← src + Σ_{i&lt;count} coef[coff + i]·q[from + i] and returns outᵀout: the copy of src,
     * the update and the squared norm in one pass over out (GCRO-DR's v₀ = r − C·Cᵀr and β at the
     * start of a cycle were a copy, an update and a norm, three passes). src may be out itself; it
     * must not be one of the q.
     */
    static double combineNorm(Vector[] q, int from, int count, double[] coef, int coff, Vector src, Vector out) {
        if (!(out instanceof DenseVector) || !(src instanceof DenseVector)
                || count > 0 && !(q[from] instanceof DenseVector)) {
            if (src != out) {
                out.copyFrom(src);
            }
            combine(q, from, count, coef, coff, out, 1.0);
            double nrm = out.norm2();
            return nrm * nrm;
        }
        double[] oa = DenseVector.array(out);
        double[] sa = DenseVector.array(src);
        int n = oa.length;
        double sum = 0.0;
        for (int s = 0; s < n; s += ROWS) {
            int e = Math.min(n, s + ROWS);
            if (sa != oa) {
                System.arraycopy(sa, s, oa, s, e - s);
            }
            int i = 0;
            for (; i + 3 < count; i += 4) {
                kAxpy4(oa, DenseVector.array(q[from + i]), DenseVector.array(q[from + i + 1]),
                        DenseVector.array(q[from + i + 2]), DenseVector.array(q[from + i + 3]), coef[coff + i],
                        coef[coff + i + 1], coef[coff + i + 2], coef[coff + i + 3], s, e);
            }
            for (; i < count; i++) {
                kAxpy1(oa, DenseVector.array(q[from + i]), coef[coff + i], s, e);
            }
            sum += kSquares(oa, s, e);
        }
        return sum;
    }

    /** Σ o[t]² over [s, e), four accumulators (the add latency, not the loads, bounds one). */
    private static double kSquares(double[] o, int s, int e) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int t = s;
        for (; t + 3 < e; t += 4) {
            s0 += o[t] * o[t];
            s1 += o[t + 1] * o[t + 1];
            s2 += o[t + 2] * o[t + 2];
            s3 += o[t + 3] * o[t + 3];
        }
        for (; t < e; t++) {
            s0 += o[t] * o[t];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** out ← alpha·out in place. */
    static void scale(Vector out, double alpha) {
        if (!(out instanceof DenseVector)) {
            out.scale(alpha);
            return;
        }
        double[] oa = DenseVector.array(out);
        for (int t = 0; t < oa.length; t++) {
            oa[t] *= alpha;
        }
    }

    private static void kAxpy4(double[] o, double[] q0, double[] q1, double[] q2, double[] q3, double a0,
            double a1, double a2, double a3, int s, int e) {
        for (int t = s; t < e; t++) {
            o[t] += a0 * q0[t] + a1 * q1[t] + a2 * q2[t] + a3 * q3[t];
        }
    }

    private static void kAxpy1(double[] o, double[] q, double a, int s, int e) {
        for (int t = s; t < e; t++) {
            o[t] += a * q[t];
        }
    }

    /**
     * out[l] ← Σ_{i&lt;count} coef[i][l]·q[i] for l &lt; outs (a tall-skinny product Q·Coef). Host
     * vectors go by row blocks so the block of every input stays in cache while all outputs are
     * formed, two outputs at a time with four inputs per pass: each loaded input element feeds both
     * outputs and the loop still vectorizes (41 inputs × 20 outputs, n = 6400: 0.41 ms against
     * 0.56 ms for one output at a time; four outputs by four inputs was slower than one at a time).
     * Other backends fall back to {@link #combine}. The outputs must not alias the inputs.
     */
    static void combineMany(Vector[] q, int count, double[][] coef, Vector[] out, int outs) {
        combineMany(q, count, coef, out, outs, null);
    }

    /**
     * {@link #combineMany(Vector[], int, double[][], Vector[], int)} that also returns
     * squares[l] = out[l]ᵀout[l], summed block by block while each finished output block is still in
     * cache (GCRO-DR needs ‖u_l‖ of the new recycle space: 20 norm passes over n saved per refresh).
     *
     * @param squares null, or length ≥ outs (out)
     */
    static void combineMany(Vector[] q, int count, double[][] coef, Vector[] out, int outs, double[] squares) {
        if (outs == 0) {
            return;
        }
        if (squares != null) {
            Arrays.fill(squares, 0, outs, 0.0);
        }
        if (!(out[0] instanceof DenseVector) || count > 0 && !(q[0] instanceof DenseVector)) {
            double[] col = new double[count];
            for (int l = 0; l < outs; l++) {
                for (int i = 0; i < count; i++) {
                    col[i] = coef[i][l];
                }
                combine(q, 0, count, col, 0, out[l], 0.0);
                if (squares != null) {
                    double nrm = out[l].norm2();
                    squares[l] = nrm * nrm;
                }
            }
            return;
        }
        int n = DenseVector.array(out[0]).length;
        for (int s = 0; s < n; s += MANY_ROWS) {
            int e = Math.min(n, s + MANY_ROWS);
            int l = 0;
            for (; l + 1 < outs; l += 2) {
                double[] oa = DenseVector.array(out[l]);
                double[] ob = DenseVector.array(out[l + 1]);
                int i = 0;
                for (; i + 3 < count; i += 4) {
                    double[] ci0 = coef[i];
                    double[] ci1 = coef[i + 1];
                    double[] ci2 = coef[i + 2];
                    double[] ci3 = coef[i + 3];
                    // the first four inputs assign (no separate zeroing pass)
                    kAxpy2x4(i == 0, oa, ob, DenseVector.array(q[i]), DenseVector.array(q[i + 1]),
                            DenseVector.array(q[i + 2]), DenseVector.array(q[i + 3]), ci0[l], ci1[l], ci2[l],
                            ci3[l], ci0[l + 1], ci1[l + 1], ci2[l + 1], ci3[l + 1], s, e);
                }
                if (i == 0) {
                    Arrays.fill(oa, s, e, 0.0);
                    Arrays.fill(ob, s, e, 0.0);
                }
                for (; i < count; i++) {
                    kAxpy2x1(oa, ob, DenseVector.array(q[i]), coef[i][l], coef[i][l + 1], s, e);
                }
                if (squares != null) {
                    squares[l] += kSquares(oa, s, e);
                    squares[l + 1] += kSquares(ob, s, e);
                }
            }
            for (; l < outs; l++) {
                double[] oa = DenseVector.array(out[l]);
                Arrays.fill(oa, s, e, 0.0);
                int i = 0;
                for (; i + 3 < count; i += 4) {
                    kAxpy4(oa, DenseVector.array(q[i]), DenseVector.array(q[i + 1]), DenseVector.array(q[i + 2]),
                            DenseVector.array(q[i + 3]), coef[i][l], coef[i + 1][l], coef[i + 2][l],
                            coef[i + 3][l], s, e);
                }
                for (; i < count; i++) {
                    kAxpy1(oa, DenseVector.array(q[i]), coef[i][l], s, e);
                }
                if (squares != null) {
                    squares[l] += kSquares(oa, s, e);
                }
            }
        }
    }

    private static void kAxpy2x4(boolean assign, double[] oa, double[] ob, double[] q0, double[] q1, double[] q2,
            double[] q3, double a0, double a1, double a2, double a3, double b0, double b1, double b2, double b3,
            int s, int e) {
        if (assign) {
            for (int t = s; t < e; t++) {
                double x0 = q0[t];
                double x1 = q1[t];
                double x2 = q2[t];
                double x3 = q3[t];
                oa[t] = a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                ob[t] = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            }
        } else {
            for (int t = s; t < e; t++) {
                double x0 = q0[t];
                double x1 = q1[t];
                double x2 = q2[t];
                double x3 = q3[t];
                oa[t] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
                ob[t] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
            }
        }
    }

    private static void kAxpy2x1(double[] oa, double[] ob, double[] q, double a, double b, int s, int e) {
        for (int t = s; t < e; t++) {
            double x = q[t];
            oa[t] += a * x;
            ob[t] += b * x;
        }
    }

    /**
     * out[row + i][l] ← p[i]ᵀ q[l] for i &lt; np, l &lt; nq (a small Gram block PᵀQ, written from
     * row {@code row} of out). Host vectors go to {@link GramKernels#gram} (SIMD lanes, four p by two
     * q per pass over a row block); other backends fall back to {@link #dots}. Results agree with
     * {@link Vector#dot} up to rounding order.
     */
    static void gram(Vector[] p, int np, Vector[] q, int nq, double[][] out, int row) {
        if (np == 0 || nq == 0) {
            return;
        }
        if (p[0] instanceof DenseVector && q[0] instanceof DenseVector) {
            GramKernels.gram(p, np, q, nq, out, row, 0);
            return;
        }
        double[] col = new double[np];
        for (int l = 0; l < nq; l++) {
            dots(p, np, q[l], col, 0);
            for (int i = 0; i < np; i++) {
                out[row + i][l] = col[i];
            }
        }
    }
}
