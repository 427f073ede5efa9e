package io.krylovforge.solvers.krylov;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.linalg.Vector;

/**
 * The Arnoldi process and the rotated Hessenberg least-squares problem shared by {@link Gmres}
 * and {@link FlexibleGmres}. All storage (H, rotations, g, y) is allocated once per solve.
 *
 * <p>Orthogonalisation is classical Gram–Schmidt on blocked multi-vector kernels; with
 * {@code reorthogonalize} a second pass runs when the norm dropped below 1/√2 of its value before
 * the pass (the DGKS criterion of Daniel, Gragg, Kaufman and Stewart, 1976), which restores
 * orthogonality to working precision.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithms 6.2 and
 * 6.9 (GMRES with Givens rotations).
 */
final class ArnoldiLeastSquares {
    private static final double DGKS_ETA = 1.0 / Math.sqrt(2.0);

    private final int m;
    private final boolean reorthogonalize;
    /** Column-major (m+1)×m Hessenberg, rotated in place to upper triangular R. */
    private final double[] h;
    private final double[] c;
    private final double[] s;
    private final double[] g;
    private final double[] y;
    /** Second-pass projections. */
    private final double[] correction;
    /** −y for {@link #combine}. */
    private final double[] negated;

    ArnoldiLeastSquares(int m, boolean reorthogonalize) {
        this.m = m;
        this.reorthogonalize = reorthogonalize;
        this.h = new double[(m + 1) * m];
        this.c = new double[m];
        this.s = new double[m];
        this.g = new double[m + 1];
        this.y = new double[m];
        this.correction = new double[m + 1];
        this.negated = new double[m];
    }

    /** Starts a cycle: g = beta·e1. */
    void start(double beta) {
        java.util.Arrays.fill(g, 0.0);
        g[0] = beta;
    }

    /**
     * Orthogonalises w against v[0..j] (in/out: w becomes the unnormalised next vector), stores
     * column j of H and returns h(j+1, j) = ‖w‖.
     *
     * <p>Classical Gram–Schmidt with blocked multi-vector kernels: one pass computes all the
     * projections vᵢᵀw (and ‖w‖ before), one pass subtracts them (and yields ‖w‖ after), instead
     * of one dependent pass (and one fork-join) per basis vector; each pass is parallel over rows.
     * With {@code reorthogonalize} a second CGS pass refines when needed: when ‖w‖ fell below 1/√2
     * of its value before (DGKS), the cancellation that leaves one pass short of working-precision
     * orthogonality. Without it one pass, as PETSc's KSPGMRES default (CGS, refinement "never").
     * Measured on the small suite's GMRES cases, the DGKS test fires on most steps and doubles the
     * orthogonalisation cost without changing any iteration count, so it stays opt-in.
     */
    double orthogonalize(Vector w, Vector[] v, int j) {
        int col = j * (m + 1);
        double before = Math.sqrt(w.backend().multiDot(v, j + 1, w, h, col)); // h(0..j, j) = V'w
        return orthogonalizeRest(w, v, j, col, before);
    }

    /**
     * As {@link #orthogonalize(Vector, Vector[], int)} when h(j, j) = v_jᵀw is already known (summed
     * as {@code dot} sums it: GMRES takes it from the product that built w); same bits.
     */
    double orthogonalize(Vector w, Vector[] v, int j, double hjj) {
        int col = j * (m + 1);
        double before = Math.sqrt(w.backend().multiDot(v, j, w, h, col)); // h(0..j-1, j) = V'w
        h[col + j] = hjj;
        return orthogonalizeRest(w, v, j, col, before);
    }

    private double orthogonalizeRest(Vector w, Vector[] v, int j, int col, double before) {
        Backend backend = w.backend();
        double after = Math.sqrt(backend.multiAxpyNorm(v, j + 1, h, col, w)); // w <- w - V h
        if (reorthogonalize && after < DGKS_ETA * before) {
            backend.multiDot(v, j + 1, w, correction, 0);
            after = Math.sqrt(backend.multiAxpyNorm(v, j + 1, correction, 0, w)); // second pass
            for (int i = 0; i <= j; i++) {
                h[col + i] += correction[i];
            }
        }
        h[col + j + 1] = after;
        return after;
    }

    /**
     * Applies the earlier rotations to column j, makes the one that zeroes h(j+1, j), applies it
     * to g and returns the new residual estimate |g(j+1)|.
     */
    double rotate(int j) {
        int col = j * (m + 1);
        for (int i = 0; i < j; i++) {
            double a = h[col + i];
            double b = h[col + i + 1];
            h[col + i] = c[i] * a + s[i] * b;
            h[col + i + 1] = -s[i] * a + c[i] * b;
        }
        GivensRotation.make(h[col + j], h[col + j + 1], c, s, j);
        h[col + j] = c[j] * h[col + j] + s[j] * h[col + j + 1];
        h[col + j + 1] = 0.0;
        g[j + 1] = -s[j] * g[j];
        g[j] = c[j] * g[j];
        return Math.abs(g[j + 1]);
    }

    /** R(j, j) after rotation: zero means the least-squares problem is singular. */
    double diagonal(int j) {
        return h[j * (m + 1) + j];
    }

    /**
     * Solves R(0..k-1, 0..k-1)·y = g(0..k-1) by back substitution and returns y (shared array,
     * valid until the next call), or {@code null} if some R(i, i) is zero or y is not finite.
     */
    double[] solve(int k) {
        for (int i = k - 1; i >= 0; i--) {
            double sum = g[i];
            for (int l = i + 1; l < k; l++) {
                sum -= h[l * (m + 1) + i] * y[l];
            }
            double rii = h[i * (m + 1) + i];
            if (rii == 0.0) {
                return null;
            }
            y[i] = sum / rii;
            if (Double.isNaN(y[i]) || Double.isInfinite(y[i])) {
                return null;
            }
        }
        return y;
    }

    /**
     * acc ← Σ_{i<k} y_i basis_i, as the blocked multi-vector update (four basis vectors per pass
     * over acc), rounding exactly as the sequence of axpy calls acc += y_i basis_i.
     */
    void combine(Vector acc, Vector[] basis, double[] y, int k) {
        acc.fill(0.0);
        for (int i = 0; i < k; i++) {
            negated[i] = -y[i]; // exact: multiAxpyNorm subtracts
        }
        acc.backend().multiAxpyNorm(basis, k, negated, 0, acc); // acc <- acc - V (-y)
    }
}
