package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.Vector;

/**
 * The n-sized work vectors of {@link GcroDr}, sized (n, m, capacity) and kept in the
 * {@link RecycleSpace} between solves of the same size: m+1 Arnoldi vectors, double buffers for
 * U and C, and four more.
 */
final class GcroDrWorkspace {
    final int n;
    final int m;
    final int cap;
    /** Arnoldi basis v_0..v_m. */
    final Vector[] v;
    /** the next U and C are formed here, then swapped with the space's vectors. */
    final Vector[] ubuf;
    final Vector[] cbuf;
    final Vector w;
    /** scratch of the preconditioned operator. */
    final Vector tmp;
    /** current residual (preconditioned with left preconditioning). */
    final Vector r;
    /** the correction of one cycle before M⁻¹. */
    final Vector upd;

    GcroDrWorkspace(Vector template, int m, int cap) {
        this.n = template.size();
        this.m = m;
        this.cap = cap;
        v = new Vector[m + 1];
        for (int i = 0; i <= m; i++) {
            v[i] = template.zerosLike();
        }
        ubuf = new Vector[cap];
        cbuf = new Vector[cap];
        for (int i = 0; i < cap; i++) {
            ubuf[i] = template.zerosLike();
            cbuf[i] = template.zerosLike();
        }
        w = template.zerosLike();
        tmp = template.zerosLike();
        r = template.zerosLike();
        upd = template.zerosLike();
    }

    boolean fits(int n2, int m2, int cap2) {
        return n == n2 && m == m2 && cap == cap2;
    }

    long bytes() {
        return (long) n * Double.BYTES * (m + 1 + 2L * cap + 4);
    }
}
