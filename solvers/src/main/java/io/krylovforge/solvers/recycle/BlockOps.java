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
            for (int i = 0; i < count; i++) {
                double[] qa = DenseVector.array(q[from + i]);
                double sum = 0.0;
                for (int t = s; t < e; t++) {
                    sum += qa[t] * wa[t];
                }
                out[off + i] += sum;
            }
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
            for (int i = 0; i < count; i++) {
                double a = coef[coff + i];
                if (a == 0.0) {
                    continue;
                }
                double[] qa = DenseVector.array(q[from + i]);
                for (int t = s; t < e; t++) {
                    oa[t] += a * qa[t];
                }
            }
        }
    }
}
