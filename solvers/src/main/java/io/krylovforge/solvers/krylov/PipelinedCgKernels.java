package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.Parallel;

/**
 * Fused host kernels for {@link PipelinedConjugateGradient}: the iteration's dot products in one
 * pass (the single global reduction that makes the method pipelined) and the eight vector
 * recurrences in one pass. Reductions are blocked like VectorKernels (fixed
 * {@link Parallel#BLOCK} blocks summed in order), so results do not depend on the thread count.
 * One instance per solve: partial sums and loop bodies are allocated once.
 */
final class PipelinedCgKernels {
    private final int n;
    private final double[] partial;
    private final DotBody dotBody = new DotBody();
    private final UpdateBody updateBody = new UpdateBody();

    PipelinedCgKernels(int n) {
        this.n = n;
        this.partial = new double[3 * ((n + Parallel.BLOCK - 1) / Parallel.BLOCK)];
    }

    /**
     * out[0] = rᵀu, out[1] = wᵀu, out[2] = rᵀr in one pass (u may be r: unpreconditioned).
     */
    void dots(double[] r, double[] u, double[] w, double[] out) {
        dotBody.r = r;
        dotBody.u = u;
        dotBody.w = w;
        Parallel.forRange(n, dotBody);
        double g = 0.0;
        double d = 0.0;
        double rr = 0.0;
        for (int blk = 0, nb = partial.length / 3; blk < nb; blk++) {
            g += partial[3 * blk];
            d += partial[3 * blk + 1];
            rr += partial[3 * blk + 2];
        }
        out[0] = g;
        out[1] = d;
        out[2] = rr;
    }

    /**
     * z = nv + β z, q = m + β q, s = w + β s, p = u + β p, then x += α p, r −= α s, u −= α q,
     * w −= α z, all in one pass. Unpreconditioned ({@code u == r}, {@code m == w}): q and s are
     * the same recurrence, so the caller passes {@code q = null} and u is not updated twice.
     */
    void update(double alpha, double beta, double[] x, double[] r, double[] u, double[] w,
            double[] m, double[] nv, double[] z, double[] q, double[] s, double[] p) {
        UpdateBody ub = updateBody;
        ub.alpha = alpha;
        ub.beta = beta;
        ub.x = x;
        ub.r = r;
        ub.u = u;
        ub.w = w;
        ub.m = m;
        ub.nv = nv;
        ub.z = z;
        ub.q = q;
        ub.s = s;
        ub.p = p;
        Parallel.forRange(n, ub);
    }

    private final class DotBody implements Parallel.RangeBody {
        double[] r;
        double[] u;
        double[] w;

        @Override
        public void run(int from, int to) {
            final double[] rr = r;
            final double[] uu = u;
            final double[] ww = w;
            for (int s = from; s < to; s += Parallel.BLOCK) {
                int end = Math.min(to, s + Parallel.BLOCK);
                double g = 0.0;
                double d = 0.0;
                double q = 0.0;
                for (int i = s; i < end; i++) {
                    double ri = rr[i];
                    double ui = uu[i];
                    g += ri * ui;
                    d += ww[i] * ui;
                    q += ri * ri;
                }
                int blk = s / Parallel.BLOCK;
                partial[3 * blk] = g;
                partial[3 * blk + 1] = d;
                partial[3 * blk + 2] = q;
            }
        }
    }

    private static final class UpdateBody implements Parallel.RangeBody {
        double alpha;
        double beta;
        double[] x;
        double[] r;
        double[] u;
        double[] w;
        double[] m;
        double[] nv;
        double[] z;
        double[] q;
        double[] s;
        double[] p;

        @Override
        public void run(int from, int to) {
            final double a = alpha;
            final double bt = beta;
            final double[] xx = x;
            final double[] rr = r;
            final double[] ww = w;
            final double[] nn = nv;
            final double[] zz = z;
            final double[] ss = s;
            final double[] pp = p;
            if (q == null) {
                for (int i = from; i < to; i++) {
                    double zi = nn[i] + bt * zz[i]; // z = n + beta z
                    double si = ww[i] + bt * ss[i]; // s = w + beta s
                    double pi = rr[i] + bt * pp[i]; // p = r + beta p
                    zz[i] = zi;
                    ss[i] = si;
                    pp[i] = pi;
                    xx[i] += a * pi; // x += alpha p
                    rr[i] -= a * si; // r -= alpha s
                    ww[i] -= a * zi; // w -= alpha z
                }
                return;
            }
            final double[] uu = u;
            final double[] mm = m;
            final double[] qq = q;
            for (int i = from; i < to; i++) {
                double zi = nn[i] + bt * zz[i]; // z = n + beta z
                double qi = mm[i] + bt * qq[i]; // q = m + beta q
                double si = ww[i] + bt * ss[i]; // s = w + beta s
                double pi = uu[i] + bt * pp[i]; // p = u + beta p
                zz[i] = zi;
                qq[i] = qi;
                ss[i] = si;
                pp[i] = pi;
                xx[i] += a * pi; // x += alpha p
                rr[i] -= a * si; // r -= alpha s
                uu[i] -= a * qi; // u -= alpha q
                ww[i] -= a * zi; // w -= alpha z
            }
        }
    }
}
