package io.krylovforge.learned.poisson;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A small learned iterative solver for −Δu = f on P1 meshes: a "residual-feedback two-level
 * network". It predicts u from A and b in a fixed number of blocks, starting at u = 0:
 * <pre>
 *   for l = 1 … L:
 *     u ← S_l,pre(u)                 learned smoother (below)
 *     u ← u + C (b − A u)            coarse correction, C = P (PᵀAP)⁻¹ Pᵀ  ({@link TwoLevelSystem})
 *     u ← S_l,post(u)                learned smoother
 *   S(u):  r = b − A u,  z = D⁻¹ r,  y = D⁻¹ A z,  s = RMS(z)
 *          x = (z/s, y/s) per node,  δ = a·x + w₂ · tanh(W₁ x)     (shared per-node MLP, 2 → H → 1)
 *          u ← u + s δ
 * </pre>
 * Each smoother has its own (a, W₁, w₂): 3H + 2 weights, so L blocks hold 2L(3H + 2) weights
 * (L = 8, H = 16: 800). The net is size-independent (only per-node maps) and, having no biases
 * and an odd activation, exactly homogeneous: b → c·b gives u → c·u, as the linear problem does.
 *
 * <p><b>Why this architecture.</b> NPSolver's BA-Transolver (10 layers, width 256) is far too
 * large to train in Java on one core. A Poisson solution depends on f everywhere, so one-shot
 * accuracy needs global mixing; here it comes from an exact Galerkin solve on smoothed aggregates
 * (the mesh's algebraic coarsening), the graph analogue of a U-Net's pooled level. A ≥ 2× cut in
 * PCG iterations needs the smooth error removed to a few digits, which a feed-forward net cannot
 * do; feeding the residual b − A u back into every block (as learned iterative solvers do) lets
 * the network see the operator and correct its own error. What is learned is the smoother: a
 * per-node nonlinear map of the Jacobi-scaled residual and its one-step image. With W₁ = w₂ = 0,
 * a = (4/3, −4/9) the skeleton is the classical two-grid V(2,2) cycle with damped-Jacobi smoothing
 * ({@link #classical}), the ablation baseline.
 *
 * <p>Reverse mode: {@link #backward} is the exact adjoint of {@link #forward} (A and C are
 * symmetric), checked against finite differences in the tests.
 *
 * <p>References: Zeng et al., NPSolver (KDD 2026) (task, training objective); Hsieh et al.,
 * Learning Neural PDE Solvers with Convergence Guarantees, ICLR 2019 (learned corrections to a
 * convergent iteration); Greenfeld et al., Learning to Optimize Multigrid PDE Solvers, ICML 2019.
 */
public final class NeuralPoissonNet {
    /** Per-node input features of a smoother: z/s and (D⁻¹A z)/s. */
    public static final int INPUTS = 2;
    /** Damped-Jacobi weight of the classical skeleton. */
    public static final double JACOBI_OMEGA = 2.0 / 3.0;

    private final int blocks;
    private final int hidden;
    private final double[] params;

    /**
     * The net's size: residual-feedback blocks L and hidden width H, validated when built.
     *
     * @param blocks blocks L, in 1..64
     * @param hidden hidden width H of the per-node MLP, in 1..1024
     */
    public record Size(int blocks, int hidden) {
        /**
         * Validates the sizes.
         *
         * @param blocks blocks L, in 1..64
         * @param hidden hidden width H, in 1..1024
         * @throws IllegalArgumentException for a size out of its range
         */
        public Size {
            if (blocks < 1 || blocks > 64) {
                throw new IllegalArgumentException("blocks must be in 1..64, got " + blocks);
            }
            if (hidden < 1 || hidden > 1024) {
                throw new IllegalArgumentException("hidden width must be in 1..1024, got " + hidden);
            }
        }

        /** {@return the shipped net's size: L = 8 blocks of width H = 16 (800 weights)} */
        public static Size defaults() {
            return new Size(8, 16);
        }

        /**
         * @param blocks blocks L, in 1..64
         * @return a copy with this many blocks
         */
        public Size withBlocks(int blocks) {
            return new Size(blocks, hidden);
        }

        /**
         * @param hidden hidden width H, in 1..1024
         * @return a copy with this width
         */
        public Size withHidden(int hidden) {
            return new Size(blocks, hidden);
        }

        /** {@return the number of weights 2L(3H + 2) of a net of this size} */
        public int parameterCount() {
            return 2 * blocks * perSmoother(hidden);
        }
    }

    /**
     * A net with all weights zero (a smoother that does nothing).
     *
     * @param size blocks and hidden width
     */
    public NeuralPoissonNet(Size size) {
        this.blocks = size.blocks();
        this.hidden = size.hidden();
        this.params = new double[size.parameterCount()];
    }

    /**
     * A net with all weights zero.
     *
     * @param blocks blocks L, in 1..64
     * @param hidden hidden width H, in 1..1024
     * @deprecated two positional ints; use {@link #NeuralPoissonNet(Size)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public NeuralPoissonNet(int blocks, int hidden) {
        this(new Size(blocks, hidden));
    }

    /**
     * Number of weights of a net with these sizes.
     *
     * @param size blocks and hidden width
     * @return 2L(3H + 2)
     */
    public static int parameterCount(Size size) {
        return size.parameterCount();
    }

    /**
     * Number of weights of a net with these sizes.
     *
     * @param blocks blocks L
     * @param hidden hidden width H
     * @return 2L(3H + 2)
     * @deprecated two positional ints; use {@link #parameterCount(Size)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static int parameterCount(int blocks, int hidden) {
        return parameterCount(new Size(blocks, hidden));
    }

    private static int perSmoother(int hidden) {
        return INPUTS + INPUTS * hidden + hidden;
    }

    /**
     * The classical counterpart: MLP weights zero and a = (2ω, −ω²), ω = ⅔, which is exactly two
     * damped-Jacobi sweeps (u += ωz, then u += ω(z − ωy)) per smoother: a two-grid V(2,2) cycle.
     *
     * @param size blocks and hidden width
     * @return the classical net
     */
    public static NeuralPoissonNet classical(Size size) {
        int blocks = size.blocks();
        int hidden = size.hidden();
        NeuralPoissonNet net = new NeuralPoissonNet(size);
        for (int s = 0; s < 2 * blocks; s++) {
            net.params[s * perSmoother(hidden)] = 2 * JACOBI_OMEGA;
            net.params[s * perSmoother(hidden) + 1] = -JACOBI_OMEGA * JACOBI_OMEGA;
        }
        return net;
    }

    /**
     * The training start: the classical skeleton plus seeded random MLP weights
     * (W₁ ~ N(0, 1/2), w₂ ~ N(0, 0.01/H)), so the first steps are already a convergent iteration.
     *
     * @param size blocks and hidden width
     * @param seed seed of the MLP weights
     * @return the training start
     */
    public static NeuralPoissonNet initial(Size size, long seed) {
        int blocks = size.blocks();
        int hidden = size.hidden();
        NeuralPoissonNet net = classical(size);
        SplittableRandom rnd = new SplittableRandom(seed);
        int per = perSmoother(hidden);
        for (int s = 0; s < 2 * blocks; s++) {
            int off = s * per + INPUTS;
            for (int k = 0; k < INPUTS * hidden; k++) {
                net.params[off + k] = gaussian(rnd) * Math.sqrt(1.0 / INPUTS);
            }
            for (int k = 0; k < hidden; k++) {
                net.params[off + INPUTS * hidden + k] = gaussian(rnd) * Math.sqrt(0.01 / hidden);
            }
        }
        return net;
    }

    /**
     * Every weight N(0, 1/fan-in), skip weights included: the "random weights" ablation.
     *
     * @param size blocks and hidden width
     * @param seed seed of the weights
     * @return the random net
     */
    public static NeuralPoissonNet random(Size size, long seed) {
        int blocks = size.blocks();
        int hidden = size.hidden();
        NeuralPoissonNet net = new NeuralPoissonNet(size);
        SplittableRandom rnd = new SplittableRandom(seed);
        int per = perSmoother(hidden);
        for (int s = 0; s < 2 * blocks; s++) {
            int off = s * per;
            for (int k = 0; k < INPUTS; k++) {
                net.params[off + k] = gaussian(rnd) * Math.sqrt(1.0 / INPUTS);
            }
            for (int k = 0; k < INPUTS * hidden; k++) {
                net.params[off + INPUTS + k] = gaussian(rnd) * Math.sqrt(1.0 / INPUTS);
            }
            for (int k = 0; k < hidden; k++) {
                net.params[off + INPUTS + INPUTS * hidden + k] = gaussian(rnd) * Math.sqrt(1.0 / hidden);
            }
        }
        return net;
    }

    /**
     * The classical counterpart.
     *
     * @param blocks blocks L
     * @param hidden hidden width H
     * @return the classical net
     * @deprecated two positional ints; use {@link #classical(Size)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static NeuralPoissonNet classical(int blocks, int hidden) {
        return classical(new Size(blocks, hidden));
    }

    /**
     * The training start.
     *
     * @param blocks blocks L
     * @param hidden hidden width H
     * @param seed   seed of the MLP weights
     * @return the training start
     * @deprecated two positional ints; use {@link #initial(Size, long)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static NeuralPoissonNet initial(int blocks, int hidden, long seed) {
        return initial(new Size(blocks, hidden), seed);
    }

    /**
     * The "random weights" ablation.
     *
     * @param blocks blocks L
     * @param hidden hidden width H
     * @param seed   seed of the weights
     * @return the random net
     * @deprecated two positional ints; use {@link #random(Size, long)}. Kept for learned-gpu's tests.
     */
    @Deprecated
    public static NeuralPoissonNet random(int blocks, int hidden, long seed) {
        return random(new Size(blocks, hidden), seed);
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** {@return the number of residual-feedback blocks} */
    public int blocks() {
        return blocks;
    }

    /** Hidden channels per block. */
    public int hidden() {
        return hidden;
    }

    /** {@return the number of trainable parameters} */
    public int parameterCount() {
        return params.length;
    }

    /** {@return the weights, live (the trainer updates them in place)} */
    public double[] parameters() {
        return params;
    }

    /** {@return a copy with the same weights} */
    public NeuralPoissonNet copy() {
        NeuralPoissonNet c = new NeuralPoissonNet(new Size(blocks, hidden));
        System.arraycopy(params, 0, c.params, 0, params.length);
        return c;
    }

    /** The prediction û for the system (a new array). */
    public double[] predict(TwoLevelSystem sys) {
        double[] u = new double[sys.size()];
        forward(sys, new Workspace(this, sys.size()), u);
        return u;
    }

    /** Per-size scratch and the tape that {@link #backward} reads; reusable for systems up to its capacity. */
    public static final class Workspace {
        final int capacity;
        final double[] r;
        final double[] t;
        final double[] gz;
        final double[] gy;
        final double[][] z;
        final double[][] y;
        final double[][] h;
        final double[] s;

        /**
         * @param net      the net whose activations this holds
         * @param capacity the largest number of unknowns served
         */
        public Workspace(NeuralPoissonNet net, int capacity) {
            this.capacity = capacity;
            int stages = 2 * net.blocks;
            r = new double[capacity];
            t = new double[capacity];
            gz = new double[capacity];
            gy = new double[capacity];
            z = new double[stages][capacity];
            y = new double[stages][capacity];
            h = new double[stages][capacity * net.hidden];
            s = new double[stages];
        }
    }

    /** u[0..n) (out) = the net's prediction; records the tape in {@code ws}. */
    public void forward(TwoLevelSystem sys, Workspace ws, double[] u) {
        int n = sys.size();
        if (ws.capacity < n || u.length < n) {
            throw new IllegalArgumentException("workspace holds " + ws.capacity + " unknowns and u has " + u.length
                    + "; the system has " + n);
        }
        Arrays.fill(u, 0.0);
        for (int l = 0; l < blocks; l++) {
            smooth(sys, ws, 2 * l, u);
            sys.residual(u, ws.r);          // r <- b - A u
            sys.coarseCorrection(ws.r, ws.t); // t <- C r
            for (int i = 0; i < n; i++) {
                u[i] += ws.t[i];            // u <- u + C r
            }
            smooth(sys, ws, 2 * l + 1, u);
        }
    }

    private void smooth(TwoLevelSystem sys, Workspace ws, int stage, double[] u) {
        int n = sys.size();
        int hid = hidden;
        double[] dinv = sys.invDiag();
        double[] z = ws.z[stage];
        double[] y = ws.y[stage];
        double[] h = ws.h[stage];
        sys.residual(u, ws.r);
        double ss = 0.0;
        for (int i = 0; i < n; i++) {
            z[i] = dinv[i] * ws.r[i]; // z = D⁻¹ r
            ss += z[i] * z[i];
        }
        sys.multiply(z, y);
        for (int i = 0; i < n; i++) {
            y[i] *= dinv[i];          // y = D⁻¹ A z
        }
        double s = Math.sqrt(ss / n);
        ws.s[stage] = s;
        if (!(s > 0)) {
            return; // exact already: nothing to correct (and x would be 0/0)
        }
        int off = stage * perSmoother(hid);
        double a1 = params[off];
        double a2 = params[off + 1];
        int w1 = off + INPUTS;
        int w2 = w1 + INPUTS * hid;
        double inv = 1.0 / s;
        for (int i = 0; i < n; i++) {
            double x1 = z[i] * inv;
            double x2 = y[i] * inv;
            double d = a1 * x1 + a2 * x2;
            int hb = i * hid;
            for (int k = 0; k < hid; k++) {
                double hk = Math.tanh(params[w1 + 2 * k] * x1 + params[w1 + 2 * k + 1] * x2);
                h[hb + k] = hk;
                d += params[w2 + k] * hk;
            }
            u[i] += s * d; // u <- u + s δ
        }
    }

    /**
     * Reverse mode: given g = ∂L/∂û (destroyed) and the tape of the last {@link #forward} with
     * {@code ws}, adds ∂L/∂θ to {@code grad}.
     */
    public void backward(TwoLevelSystem sys, Workspace ws, double[] g, double[] grad) {
        if (grad.length != params.length) {
            throw new IllegalArgumentException("gradient has " + grad.length + " entries, the net " + params.length);
        }
        int n = sys.size();
        for (int l = blocks - 1; l >= 0; l--) {
            backSmooth(sys, ws, 2 * l + 1, g, grad);
            // u' = u + C (b − A u):  g <- g − A C g
            sys.coarseCorrection(g, ws.t);
            sys.multiply(ws.t, ws.r);
            for (int i = 0; i < n; i++) {
                g[i] -= ws.r[i];
            }
            backSmooth(sys, ws, 2 * l, g, grad);
        }
    }

    private void backSmooth(TwoLevelSystem sys, Workspace ws, int stage, double[] g, double[] grad) {
        double s = ws.s[stage];
        if (!(s > 0)) {
            return;
        }
        int n = sys.size();
        int hid = hidden;
        double[] dinv = sys.invDiag();
        double[] z = ws.z[stage];
        double[] y = ws.y[stage];
        double[] h = ws.h[stage];
        double[] gz = ws.gz;
        double[] gy = ws.gy;
        int off = stage * perSmoother(hid);
        double a1 = params[off];
        double a2 = params[off + 1];
        int w1 = off + INPUTS;
        int w2 = w1 + INPUTS * hid;
        double inv = 1.0 / s;
        double gs = 0.0;   // ∂L/∂s through u' = u + s δ and x = (z, y)/s
        double ga1 = 0.0;
        double ga2 = 0.0;
        for (int i = 0; i < n; i++) {
            double x1 = z[i] * inv;
            double x2 = y[i] * inv;
            int hb = i * hid;
            double d = a1 * x1 + a2 * x2;
            for (int k = 0; k < hid; k++) {
                d += params[w2 + k] * h[hb + k];
            }
            double gd = s * g[i];           // ∂L/∂δ_i
            gs += g[i] * d;
            ga1 += gd * x1;
            ga2 += gd * x2;
            double gx1 = gd * a1;
            double gx2 = gd * a2;
            for (int k = 0; k < hid; k++) {
                double hk = h[hb + k];
                grad[w2 + k] += gd * hk;
                double gp = gd * params[w2 + k] * (1.0 - hk * hk); // through tanh
                grad[w1 + 2 * k] += gp * x1;
                grad[w1 + 2 * k + 1] += gp * x2;
                gx1 += gp * params[w1 + 2 * k];
                gx2 += gp * params[w1 + 2 * k + 1];
            }
            gz[i] = gx1 * inv;              // x1 = z/s
            gy[i] = gx2 * inv;              // x2 = y/s
            gs -= (gx1 * x1 + gx2 * x2) * inv;
        }
        grad[off] += ga1;
        grad[off + 1] += ga2;
        // s = sqrt(mean z²): ∂s/∂z_i = z_i/(n s); y = D⁻¹ A z: g_z += A D⁻¹ g_y (A symmetric)
        double cs = gs / (n * s);
        for (int i = 0; i < n; i++) {
            gy[i] *= dinv[i];
        }
        sys.multiply(gy, ws.t);
        for (int i = 0; i < n; i++) {
            // z = D⁻¹ r, r = b − A u:  g_u <- g_u − A D⁻¹ g_z
            ws.r[i] = dinv[i] * (gz[i] + cs * z[i] + ws.t[i]);
        }
        sys.multiply(ws.r, ws.t);
        for (int i = 0; i < n; i++) {
            g[i] -= ws.t[i];
        }
    }
}
