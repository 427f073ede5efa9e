package io.krylovforge.solvers.recycle;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.StopReason;
import java.util.Arrays;

/**
 * One GCRO-DR cycle (Parks et al. 2006, Alg. 2.1, steps 8–11): m − k Arnoldi steps with
 * (I − CCᵀ)Â, giving H̄ and B = CᵀÂV, and the least-squares problem min ‖Ŵᵀr − G y‖ with
 * G = [[D, B], [0, H̄]], D = diag(1/‖u_i‖), Ŵ = [C V], V̂ = [UD V], solved by Givens rotations
 * (G is upper Hessenberg), which also give the residual norm at every step. The right-hand side
 * keeps Cᵀr, so rounding in the projection never leaks. After {@link #run} the fields
 * {@link #g} (G), {@link #d} and {@link #recycled}/{@link #columns} describe the cycle for
 * {@link RecycleRefresh}.
 */
final class AugmentedArnoldiCycle {
    static final int OK = 0;
    static final int BREAKDOWN = 1;
    static final int NAN = 2;
    /**
     * CLASSICAL_REFINED re-orthogonalizes when ‖w′‖² &lt; ETA2·‖w‖², i.e. more than 99 % of the norm
     * cancelled (one CGS pass then loses at most about 100·ε of orthogonality). The DGKS choice
     * 1/2 refined 95 % of the steps on the SKR Darcy sequence, i.e. it was CGS2; with 1e-4 no step
     * of the Darcy, Helmholtz or Thermal sequences needed it, and the iteration counts stayed
     * within one of modified Gram–Schmidt's.
     */
    static final double ETA2 = 1e-4;

    private final int m;
    private final Orthogonalization ortho;
    /** G, (m+1) × m, upper Hessenberg. */
    final double[][] g;
    /** G reduced to upper triangular by the rotations. */
    private final double[][] rr;
    private final double[] cs;
    private final double[] sn;
    /** Ŵᵀr, rotated. */
    private final double[] rhs;
    private final double[] y;
    /** D = diag(1/‖u_i‖) of the current space, valid while normsValid. */
    final double[] d;
    private boolean normsValid;
    private final double[] coef;
    private final double[] hpass;
    /** [C, V_0..V_j] for the blocked passes; w is built in place in slot kc+j+1 (v_{j+1}). */
    private final Vector[] basis;
    /** [U, V_0..V_{j-1}] for the solution update x += U D y_U + V y_V in one pass. */
    private final Vector[] search;
    /** ‖w‖ after the last {@link #orthogonalize}. */
    private double wnorm;
    /** products with Â inside cycles, over the whole solve. */
    int iterations;
    /** kc: recycled vectors in the last cycle. */
    int recycled;
    /** j: Arnoldi columns of the last cycle. */
    int columns;
    /** the convergence test's verdict at the last step (null: none). */
    StopReason lastReason;

    AugmentedArnoldiCycle(int m, Orthogonalization ortho) {
        this.m = m;
        this.ortho = ortho;
        g = new double[m + 2][m + 1];
        rr = new double[m + 2][m + 1];
        cs = new double[m + 1];
        sn = new double[m + 1];
        rhs = new double[m + 2];
        y = new double[m + 1];
        d = new double[m + 1];
        coef = new double[m + 2];
        hpass = new double[m + 2];
        basis = new Vector[m + 2];
        search = new Vector[m + 1];
    }

    /** U changed (rebuild): D must be recomputed. */
    void invalidateNorms() {
        normsValid = false;
    }

    /**
     * U changed and its squared column norms are known (the refresh sums them while it forms U):
     * D = diag(1/‖u_i‖) without a pass over n.
     *
     * @param squares ‖u_i‖² for i &lt; count
     * @param count   columns of the new U
     */
    void setNorms(double[] squares, int count) {
        for (int i = 0; i < count; i++) {
            d[i] = 1.0 / Math.sqrt(squares[i]);
        }
        normsValid = true;
    }

    /**
     * One cycle from the residual ws.r: Arnoldi, least squares, x += (M⁻¹) (U D y_U + V y_V).
     *
     * @return OK, BREAKDOWN or NAN; {@link #lastReason} holds the test's verdict (or null)
     */
    int run(PreconditionedOperator op, RecycleSpace space, GcroDrWorkspace ws, ConvergenceTest test, Vector x) {
        lastReason = null;
        int kc = space.dimension();
        recycled = kc;
        int steps = m - kc;
        if (steps < 1) {
            throw new IllegalStateException("internal: recycle dimension " + kc + " leaves no Arnoldi step, m=" + m);
        }
        double beta = start(space, ws, kc, steps);
        int outcome = OK;
        int j = 0; // Arnoldi columns in use
        if (!(beta > 0.0) || !Double.isFinite(beta)) {
            outcome = Double.isFinite(beta) ? BREAKDOWN : NAN;
        } else {
            Vector[] v = ws.v;
            v[0].scale(1.0 / beta);
            rhs[kc] = beta;
            for (; j < steps; j++) {
                Vector w = v[j + 1]; // built in place: no copy into the basis afterwards
                double hjj = 0.0;
                if (ortho == Orthogonalization.CLASSICAL_REFINED) {
                    hjj = op.applyDot(v[j], w, v[j]); // w = Â v_j, and v_j'w in the same pass
                } else {
                    op.apply(v[j], w); // w = Â v_j
                }
                iterations++;
                int col = kc + j;
                double wnorm0 = orthogonalize(space.c(), v, kc, j, w, hjj);
                double hn = wnorm;
                if (!Double.isFinite(hn) || !Double.isFinite(wnorm0)) {
                    outcome = NAN;
                    lastReason = StopReason.DIVERGED_NAN;
                    break;
                }
                if (!rotate(kc, col, hn)) {
                    outcome = BREAKDOWN; // singular least-squares column: do not use it
                    break;
                }
                j++;
                boolean happy = hn <= 1e-14 * wnorm0;
                if (happy) {
                    v[j].fill(0.0);
                } else {
                    BlockOps.scale(v[j], 1.0 / hn); // v_{j+1} = w / h_{j+1,j}
                }
                lastReason = test.check(iterations, Math.abs(rhs[col + 1]));
                if (happy) {
                    if (lastReason == null) {
                        outcome = BREAKDOWN;
                    }
                    break;
                }
                if (lastReason != null) {
                    break;
                }
                j--; // the for-increment advances j
            }
        }
        columns = j;
        if (kc + j > 0 && !updateSolution(op, space, ws, kc, j, x)) {
            return BREAKDOWN;
        }
        return outcome;
    }

    /** Clears G; rhs = Ŵᵀr = [Cᵀr; β e1], v_0 = (I − CCᵀ) r (unscaled); D; returns β. */
    private double start(RecycleSpace space, GcroDrWorkspace ws, int kc, int steps) {
        Vector[] u = space.u();
        Vector[] c = space.c();
        Vector[] v = ws.v;
        for (int i = 0; i < kc; i++) {
            basis[i] = c[i];
        }
        for (int i = 0; i <= steps; i++) {
            basis[kc + i] = v[i];
        }
        for (int i = 0; i <= m; i++) {
            Arrays.fill(g[i], 0.0);
            Arrays.fill(rr[i], 0.0);
        }
        Arrays.fill(rhs, 0.0);
        BlockOps.dots(c, kc, ws.r, rhs, 0); // rhs = C' r
        for (int i = 0; i < kc; i++) {
            coef[i] = -rhs[i];
        }
        // v_0 = r - C C' r and its squared norm in one pass (no copy of r, no norm pass)
        double beta = Math.sqrt(BlockOps.combineNorm(c, 0, kc, coef, 0, ws.r, v[0]));
        if (!normsValid) {
            for (int i = 0; i < kc; i++) {
                d[i] = 1.0 / u[i].norm2(); // D_k = diag(1/||u_i||); U only changes on refresh
            }
            normsValid = true;
        }
        for (int i = 0; i < kc; i++) {
            g[i][i] = d[i];
            rr[i][i] = d[i];
        }
        return beta;
    }

    /**
     * w ← (I − VVᵀ)(I − CCᵀ) w, the coefficients into column kc+j of G (B above H̄); w is
     * basis[kc+j+1]. Sets {@link #wnorm} to ‖w‖ after the projection.
     *
     * @param hjj v_jᵀw from the product's pass (used by CLASSICAL_REFINED only)
     * @return ‖w‖ before the projection
     */
    private double orthogonalize(Vector[] c, Vector[] v, int kc, int j, Vector w, double hjj) {
        int col = kc + j;
        int nb = kc + j + 1;
        if (ortho == Orthogonalization.MODIFIED) {
            double wnorm0 = w.norm2();
            // (I - C C') w in one blocked pass (C is orthonormal): B column
            BlockOps.dots(c, kc, w, hpass, 0);
            for (int i = 0; i < kc; i++) {
                g[i][col] = hpass[i];
                hpass[i] = -hpass[i];
            }
            BlockOps.combine(c, 0, kc, hpass, 0, w, 1.0); // w -= C B_col
            for (int i = 0; i <= j; i++) {
                double h = v[i].dot(w);
                w.axpy(-h, v[i]); // w -= v_i (v_i' w): H column (MGS)
                g[kc + i][col] = h;
            }
            wnorm = w.norm2();
            return wnorm0;
        }
        if (ortho == Orthogonalization.CLASSICAL_REFINED) {
            // CGS over [C, v_0..v_j] on GMRES's kernels (Backend.multiDot / multiAxpyNorm: dot pairs
            // on SIMD lanes, each dot summed as Vector.dot sums it): one pass that also gives w'w
            // (v_j'w came with the product), one update that also gives the new w'w, a second pass
            // only if the estimated remaining norm shows severe cancellation (see ETA2)
            Backend backend = w.backend();
            double ww = backend.multiDot(basis, nb - 1, w, hpass, 0);
            hpass[nb - 1] = hjj;
            double hh = 0.0;
            for (int i = 0; i < nb; i++) {
                double h = hpass[i];
                g[i][col] = h;
                hh += h * h;
            }
            wnorm = Math.sqrt(backend.multiAxpyNorm(basis, nb, hpass, 0, w)); // w -= Q h
            if (!(ww - hh > ETA2 * ww)) {
                reorthogonalize(w, nb, col);
            }
            return Math.sqrt(ww);
        }
        // CGS2 over the basis [C, v_0..v_j]: h = Q'w, w -= Q h, twice
        double wnorm0 = w.norm2();
        for (int i = 0; i < nb; i++) {
            g[i][col] = 0.0;
        }
        reorthogonalize(w, nb, col);
        reorthogonalize(w, nb, col);
        return wnorm0;
    }

    /**
     * One classical Gram–Schmidt pass over basis[0..nb): h = Qᵀw, w −= Q h, G column += h; sets
     * {@link #wnorm} to ‖w‖ after it.
     */
    private void reorthogonalize(Vector w, int nb, int col) {
        Backend backend = w.backend();
        backend.multiDot(basis, nb, w, hpass, 0);
        for (int i = 0; i < nb; i++) {
            g[i][col] += hpass[i];
        }
        wnorm = Math.sqrt(backend.multiAxpyNorm(basis, nb, hpass, 0, w)); // w -= Q h
    }

    /**
     * Sets G(col+1, col) = hn, applies the earlier rotations to column col and a new one that
     * zeroes hn, on rr and rhs. Returns false if the column is singular.
     */
    private boolean rotate(int kc, int col, double hn) {
        g[col + 1][col] = hn;
        for (int i = 0; i <= col + 1; i++) {
            rr[i][col] = g[i][col];
        }
        // previous rotations act on rows kc.. (the D block is already triangular)
        for (int i = kc; i < col; i++) {
            double t = cs[i] * rr[i][col] + sn[i] * rr[i + 1][col];
            rr[i + 1][col] = -sn[i] * rr[i][col] + cs[i] * rr[i + 1][col];
            rr[i][col] = t;
        }
        double den = Math.hypot(rr[col][col], hn);
        if (den == 0.0) {
            return false;
        }
        cs[col] = rr[col][col] / den;
        sn[col] = hn / den;
        rr[col][col] = den;
        rr[col + 1][col] = 0.0;
        rhs[col + 1] = -sn[col] * rhs[col]; // apply the new rotation to the rhs
        rhs[col] = cs[col] * rhs[col];
        return true;
    }

    /** y = R⁻¹ rhs on the leading size × size triangle of rr; false on a zero pivot. */
    private boolean solveUpper(int size) {
        for (int i = size - 1; i >= 0; i--) {
            double s = rhs[i];
            double[] ri = rr[i];
            for (int l = i + 1; l < size; l++) {
                s -= ri[l] * y[l];
            }
            if (ri[i] == 0.0) {
                return false;
            }
            y[i] = s / ri[i];
        }
        return true;
    }

    /**
     * y = R⁻¹ rhs; x += (M⁻¹)(U D y_U + V y_V). Without right preconditioning the update goes
     * straight into x, one blocked pass over [U, V_j] (it was two passes into a buffer and an axpy).
     * False if R is singular.
     */
    private boolean updateSolution(PreconditionedOperator op, RecycleSpace space, GcroDrWorkspace ws, int kc,
            int j, Vector x) {
        if (!solveUpper(kc + j)) {
            return false;
        }
        Vector[] u = space.u();
        for (int i = 0; i < kc; i++) {
            coef[i] = d[i] * y[i];
            search[i] = u[i];
        }
        for (int i = 0; i < j; i++) {
            coef[kc + i] = y[kc + i];
            search[kc + i] = ws.v[i];
        }
        if (op.right) {
            BlockOps.combine(search, 0, kc + j, coef, 0, ws.upd, 0.0);
            op.addCorrection(ws.upd, x);
        } else {
            BlockOps.combine(search, 0, kc + j, coef, 0, x, 1.0);
        }
        return true;
    }
}
