package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.Vector;
import io.krylovforge.direct.dense.DenseKernels;
import java.util.Arrays;

/**
 * Keeps the GCRO-DR recycle space (U, C with Â·U = C, CᵀC = I) valid and fresh:
 * <ul>
 *   <li>{@link #rebuild}: for a new operator, C ← ÂU, thin QR C = QR, C ← Q, U ← UR⁻¹
 *       (Parks et al. 2006, Alg. 2.1, steps 2–4);</li>
 *   <li>{@link #refresh}: after a cycle, from the harmonic Ritz vectors P ({@link HarmonicRitz}):
 *       QR of G·P = Q·R, C ← Ŵ·Q, U ← V̂·P·R⁻¹ (steps 12–15).</li>
 * </ul>
 * Cost: the refresh products dominate a cycle (about 2·n·m·k for U and C against n·m²/2 for a
 * whole GMRES(m) cycle's Gram–Schmidt). R⁻¹ and D are folded into the m×k coefficient matrix, so
 * each of U and C is one register-blocked {@link BlockOps#combineMany} pass over the basis, and
 * CᵀU is carried to the next refresh as the small product Qᵀ(ŴᵀV̂)PR⁻¹. The small QR is
 * {@link DenseKernels#qr}; nothing is allocated per refresh.
 */
final class RecycleRefresh {
    private final int cap;
    private final HarmonicRitz ritz;
    private final DenseKernels dense;
    private final Vector[] in;
    /** G·P, column-major (mm+1) × kn; Q after the QR. */
    private final double[] gp;
    /** Q as rows for {@link BlockOps#combineMany}. */
    private final double[][] qs;
    /** R of the QR, column-major kn × kn. */
    private final double[] rs;
    /** R of the rebuild QR, row l column j at [l][j]. */
    private final double[][] rebuildR;
    private final double[][] cu;
    private final double[][] pr;
    private final double[][] tw;
    private final double[] hpass;
    private final double[] coef;
    /** ‖u_l‖² of the new U, summed by {@link BlockOps#combineMany} as it forms U. */
    private final double[] usq;

    RecycleRefresh(int m, int k, int cap) {
        this.cap = cap;
        this.ritz = new HarmonicRitz(m, k, cap);
        this.dense = DenseKernels.best();
        int kmax = Math.max(cap, 1);
        in = new Vector[m + 1];
        gp = new double[(m + 1) * kmax];
        qs = new double[m + 1][kmax];
        rs = new double[kmax * kmax];
        rebuildR = new double[kmax][kmax];
        cu = new double[m][kmax];
        pr = new double[m][kmax];
        tw = new double[m + 1][kmax];
        hpass = new double[m + 2];
        coef = new double[m + 2];
        usq = new double[kmax];
    }

    /**
     * C ← Â U; thin QR C = QR by classical Gram–Schmidt (one blocked multi-dot that also gives
     * c_jᵀc_j, one blocked update), with the second pass only under severe cancellation
     * ({@link AugmentedArnoldiCycle#ETA2}): for a matrix close to the last one, ÂU is already
     * nearly orthonormal and one pass is enough; C ← Q, U ← U R⁻¹. Truncates the space at a
     * dependent column.
     */
    void rebuild(PreconditionedOperator op, RecycleSpace space, AugmentedArnoldiCycle cycle) {
        Vector[] u = space.u();
        Vector[] c = space.c();
        int kk = space.dimension();
        double[][] r = rebuildR;
        for (int j = 0; j < kk; j++) {
            Arrays.fill(r[j], 0, kk, 0.0);
        }
        int keep = kk;
        for (int j = 0; j < kk; j++) {
            op.apply(u[j], c[j]); // c_j = Â u_j
            BlockOps.dots(c, j + 1, c[j], hpass, 0); // C' c_j and c_j' c_j in one pass
            double ww = hpass[j];
            double orig = Math.sqrt(ww);
            double hh = 0.0;
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) {
                    if (ww - hh > AugmentedArnoldiCycle.ETA2 * ww) {
                        break; // less than 99 % of the norm cancelled: one pass is accurate
                    }
                    BlockOps.dots(c, j, c[j], hpass, 0);
                }
                for (int l = 0; l < j; l++) {
                    r[l][j] += hpass[l];
                    hh += hpass[l] * hpass[l];
                    hpass[l] = -hpass[l];
                }
                BlockOps.combine(c, 0, j, hpass, 0, c[j], 1.0); // c_j -= C (C' c_j)
            }
            double nrm = c[j].norm2();
            if (!(nrm > 1e-12 * orig) || !Double.isFinite(nrm)) {
                keep = j;
                break;
            }
            r[j][j] = nrm;
            c[j].scale(1.0 / nrm);
            // u_j <- (u_j - sum_l u_l r_lj) / r_jj, the columns u_l (l < j) already converted
            for (int l = 0; l < j; l++) {
                coef[l] = -r[l][j];
            }
            BlockOps.combine(u, 0, j, coef, 0, u[j], 1.0);
            u[j].scale(1.0 / nrm);
        }
        space.setDimension(keep);
        cycle.invalidateNorms();
        ritz.ctuValid = false;
    }

    /**
     * New U, C from the harmonic Ritz vectors of the cycle just run (kc recycled + j Arnoldi
     * columns): QR of G·P = Q·R, C ← [C V_{j+1}]·Q and U ← [U V_j]·([D P_top; P_bottom]·R⁻¹). Keeps
     * the old space if the eigenproblem or the QR fails.
     */
    void refresh(AugmentedArnoldiCycle cycle, RecycleSpace space, GcroDrWorkspace ws) {
        int kc = cycle.recycled;
        int j = cycle.columns;
        int mm = kc + j;
        double[][] g = cycle.g;
        double[] d = cycle.d;
        Vector[] u = space.u();
        Vector[] c = space.c();
        Vector[] v = ws.v;
        int kn = ritz.vectors(g, d, kc, j, space, v);
        if (kn == 0) {
            return;
        }
        double[][] p = ritz.p;
        multiplyHessenberg(g, p, mm, kn);
        if (dense.qr(mm + 1, kn, gp, 0, mm + 1, rs, 0, kn) != 0) {
            return;
        }
        for (int i = 0; i <= mm; i++) {
            for (int l = 0; l < kn; l++) {
                qs[i][l] = gp[l * (mm + 1) + i];
            }
        }
        coefficients(p, d, kc, mm, kn);
        for (int i = 0; i < mm; i++) {
            in[i] = i < kc ? u[i] : v[i - kc];
        }
        carryCtu(mm, kn);
        BlockOps.combineMany(in, mm, cu, ws.ubuf, kn, usq); // U = [U V_j] cu, and its column norms
        for (int i = 0; i < kc; i++) {
            in[i] = c[i];
        }
        in[mm] = v[j];
        BlockOps.combineMany(in, mm + 1, qs, ws.cbuf, kn); // C = [C V_{j+1}] Q
        // swap buffers: the old U, C become the next buffers (no allocation: exchange in place)
        for (int l = 0; l < cap; l++) {
            Vector t = u[l];
            u[l] = ws.ubuf[l];
            ws.ubuf[l] = t;
            t = c[l];
            c[l] = ws.cbuf[l];
            ws.cbuf[l] = t;
        }
        space.swap(u, c, kn);
        cycle.setNorms(usq, kn);
        ritz.ctuValid = true;
    }

    /** gp = G P, (mm+1) × kn column-major; G is upper Hessenberg, so row i only meets columns t ≥ i−1. */
    private void multiplyHessenberg(double[][] g, double[][] p, int mm, int kn) {
        int ld = mm + 1;
        for (int i = 0; i <= mm; i++) {
            double[] gi = g[i];
            for (int l = 0; l < kn; l++) {
                double sum = 0.0;
                for (int t = Math.max(0, i - 1); t < mm; t++) {
                    sum += gi[t] * p[t][l];
                }
                gp[l * ld + i] = sum;
            }
        }
    }

    /**
     * pr = P R⁻¹ (U_new = V̂ pr), row by row, forward substitution over the columns; cu = [D pr_top;
     * pr_bottom] is the same in terms of the unscaled [U V_j].
     */
    private void coefficients(double[][] p, double[] d, int kc, int mm, int kn) {
        for (int i = 0; i < mm; i++) {
            double[] row = pr[i];
            double[] pi = p[i];
            for (int l = 0; l < kn; l++) {
                double sum = pi[l];
                for (int t = 0; t < l; t++) {
                    sum -= row[t] * rs[l * kn + t];
                }
                row[l] = sum / rs[l * kn + l];
            }
            double scale = i < kc ? d[i] : 1.0;
            for (int l = 0; l < kn; l++) {
                cu[i][l] = scale * row[l];
            }
        }
    }

    /** C_newᵀU_new = Qᵀ(ŴᵀV̂) pr, all small: the next refresh needs no pass over n for it. */
    private void carryCtu(int mm, int kn) {
        double[][] wv = ritz.wv;
        for (int i = 0; i <= mm; i++) {
            double[] wi = wv[i];
            for (int l = 0; l < kn; l++) {
                double sum = 0.0;
                for (int t = 0; t < mm; t++) {
                    sum += wi[t] * pr[t][l];
                }
                tw[i][l] = sum;
            }
        }
        for (int a = 0; a < kn; a++) {
            for (int l = 0; l < kn; l++) {
                double sum = 0.0;
                for (int i = 0; i <= mm; i++) {
                    sum += qs[i][a] * tw[i][l];
                }
                ritz.ctu[a][l] = sum;
            }
        }
    }
}
