package io.krylovforge.solvers.recycle;

import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * GCRO-DR(m, k): restarted GMRES with deflated restarting and Krylov subspace recycling, for
 * sequences of nonsymmetric systems A_i x_i = b_i.
 *
 * <p><b>Method</b> (Parks, de Sturler, Mackey, Johnson, Maiti 2006, Alg. 2.1; SKR paper Alg. 2).
 * A recycle space U_k with Â·U_k = C_k, C_kᵀC_k = I (Â = A·M⁻¹, or M⁻¹·A with left
 * preconditioning) lives in a caller-owned {@link RecycleSpace}.
 * <ol>
 *   <li>New system with a space built for another operator: thin QR Â·U_k = Q·R (classical
 *       Gram–Schmidt run twice, blocked), C_k ← Q, U_k ← U_k·R⁻¹. Same operator and preconditioner
 *       object: skipped. Then x += U_k C_kᵀ r, r −= C_k C_kᵀ r.</li>
 *   <li>Each cycle: m − k Arnoldi steps with (I − C_kC_kᵀ)Â (the projection against the
 *       orthonormal C_k and V together in one blocked classical Gram–Schmidt pass, a second
 *       only if needed, by default; modified Gram–Schmidt on request, {@link Orthogonalization}), giving
 *       H̄ and B = C_kᵀÂV; with D_k = diag(1/‖u_i‖) and Ũ = U_kD_k the cycle solves
 *       min ‖Ŵᵀr − G y‖, G = [[D_k, B],[0, H̄]], Ŵ = [C_k V], V̂ = [Ũ V] by Givens rotations
 *       (G is upper Hessenberg), which also gives the residual norm at every step. The right-hand
 *       side keeps C_kᵀr, so rounding in the projection never leaks.</li>
 *   <li>After each cycle the space is refreshed from the generalized eigenproblem
 *       GᵀG z = θ GᵀŴᵀV̂ z, keeping the k smallest |θ|: Ỹ = V̂P_k, QR of G·P_k = Q·R,
 *       C_k = Ŵ·Q, U_k = Ỹ·R⁻¹. Without a QZ solver this forms M = GᵀŴᵀV̂ (LU) and solves the
 *       standard problem M⁻¹(GᵀG) z = θ z with Commons Math's {@link EigenDecomposition}
 *       (nonsymmetric real; real block form). If M is singular or the eigensolver fails, the old
 *       space is kept. With an empty space the first cycle is a GMRES(m) cycle and the harmonic
 *       Ritz vectors are the eigenvectors of H_m + h²_{m+1,m} H_m⁻ᵀ e_m e_mᵀ (the same problem
 *       with Ŵ = V_{m+1}, V̂ = V_m).</li>
 * </ol>
 * <b>Cost of the refresh</b> (it dominated a cycle: about 2·n·m·k for Ỹ and C plus n·m·k for
 * ŴᵀV̂, against n·m²/2 for a whole GMRES(m) cycle's Gram–Schmidt): R⁻¹ and D are folded into the
 * m×k coefficient matrix so that U and C are each one blocked pass over the basis; C_kᵀU_k is
 * carried from refresh to refresh as the small product Qᵀ(ŴᵀV̂)P_kR⁻¹ (recomputed only after a
 * rebuild), so only V_{j+1}ᵀU_k is formed from n-vectors; and the option {@code refreshEvery} = R
 * refreshes only every R-th cycle and on the last cycle of each solve (a cycle without refresh keeps
 * U, C, which still satisfy Â·U = C, CᵀC = I). R = 1 is Parks et al.'s method.
 * Complex conjugate pairs of θ are kept whole (real and imaginary part as two real vectors):
 * when the k-th smallest is half of a pair the space takes k+1 vectors (k−1 if k+1 would leave no
 * Arnoldi step). k = 0 is exactly restarted GMRES(m).
 *
 * <p><b>Preconditioning</b>: {@link PreconditionerSide#RIGHT} (default) iterates on A·M⁻¹,
 * accumulates each cycle's update in the preconditioned space and applies M⁻¹ once per cycle;
 * the residual is the true b − Ax. {@link PreconditionerSide#LEFT} iterates on M⁻¹A and tests
 * ‖M⁻¹(b − Ax)‖ against rtol·‖M⁻¹b‖.
 *
 * <p><b>Stopping rule</b>: the shared {@link ConvergenceTest} on the Givens estimate at every
 * step; at the end of every cycle the residual is recomputed from b − Ax, and CONVERGED is only
 * reported when that true residual meets the tolerance. Happy breakdown that does not solve the
 * system gives DIVERGED_BREAKDOWN; NaN in the basis gives DIVERGED_NAN (x keeps the last finite
 * update). Zero b gives CONVERGED_ZERO_RHS, x = 0. The iteration count is the number of
 * products with Â inside cycles (the k products of a rebuild are not counted).
 *
 * <p><b>Memory</b>: the space holds 2·n·k doubles; the workspace (kept in the space between
 * solves of the same n) holds m+1 Arnoldi vectors, 2(k+1) buffer vectors and 4 more.
 *
 * <p>References: M. L. Parks, E. de Sturler, G. Mackey, D. D. Johnson, S. Maiti, "Recycling
 * Krylov subspaces for sequences of linear systems", SIAM J. Sci. Comput. 28 (2006) 1651–1674;
 * H. Wang et al., "Accelerating data generation for neural operators via Krylov subspace
 * recycling", ICLR 2024.
 */
public final class GcroDr implements IterativeSolver {
    /** Default restart length m (SKR paper, PETSc -ksp_gmres_restart 40). */
    public static final int DEFAULT_RESTART = 40;
    /** Default recycle dimension k (SKR paper, -ksp_hpddm_recycle 20). */
    public static final int DEFAULT_RECYCLE = 20;
    /**
     * CLASSICAL_REFINED re-orthogonalizes when ‖w′‖² &lt; ETA2·‖w‖², i.e. more than 99 % of the norm
     * cancelled (one CGS pass then loses at most about 100·ε of orthogonality). The DGKS choice
     * 1/2 refined 95 % of the steps on the SKR Darcy sequence, i.e. it was CGS2; with 1e-4 no step
     * of the Darcy, Helmholtz or Thermal sequences needed it, and the iteration counts stayed
     * within one of modified Gram–Schmidt's.
     */
    static final double ETA2 = 1e-4;
    private final int m;
    private final int k;
    private final PreconditionerSide side;
    private final Orthogonalization ortho;
    private final int refreshEvery;

    /** GCRO-DR(40, 20), right preconditioning. */
    public GcroDr() {
        this(DEFAULT_RESTART, DEFAULT_RECYCLE);
    }

    /** GCRO-DR(m, k), right preconditioning. */
    public GcroDr(int m, int k) {
        this(m, k, PreconditionerSide.RIGHT);
    }

    /**
     * @param m    restart length (Krylov vectors per cycle, recycled ones included), ≥ 1
     * @param k    recycle dimension, 0 ≤ k &lt; m (0 = GMRES(m))
     * @param side where the preconditioner goes
     */
    public GcroDr(int m, int k, PreconditionerSide side) {
        this(m, k, side, Orthogonalization.CLASSICAL_REFINED);
    }

    /**
     * @param m     restart length (Krylov vectors per cycle, recycled ones included), ≥ 1
     * @param k     recycle dimension, 0 ≤ k &lt; m (0 = GMRES(m))
     * @param side  where the preconditioner goes
     * @param ortho Gram–Schmidt variant of the Arnoldi process
     */
    public GcroDr(int m, int k, PreconditionerSide side, Orthogonalization ortho) {
        this(m, k, side, ortho, 1);
    }

    /**
     * @param m            restart length (Krylov vectors per cycle, recycled ones included), ≥ 1
     * @param k            recycle dimension, 0 ≤ k &lt; m (0 = GMRES(m))
     * @param side         where the preconditioner goes
     * @param ortho        Gram–Schmidt variant of the Arnoldi process
     * @param refreshEvery R ≥ 1: the recycle space is refreshed from the harmonic Ritz vectors after
     *                     every R-th cycle of a solve, after the cycle that converges (or hits the
     *                     iteration limit), and whenever the space is empty; 1 = every cycle
     *                     (Parks et al.). Cycles in between keep U, C (still Â·U = C, CᵀC = I), so
     *                     they skip the eigenproblem and the n×m×k refresh products.
     */
    public GcroDr(int m, int k, PreconditionerSide side, Orthogonalization ortho, int refreshEvery) {
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery must be >= 1, got " + refreshEvery);
        }
        this.refreshEvery = refreshEvery;
        if (ortho == null) {
            throw new IllegalArgumentException("orthogonalization must not be null");
        }
        this.ortho = ortho;
        if (m < 1) {
            throw new IllegalArgumentException("restart length m must be >= 1, got " + m);
        }
        if (k < 0 || k >= m) {
            throw new IllegalArgumentException("recycle dimension k must satisfy 0 <= k < m, got k=" + k
                    + ", m=" + m);
        }
        if (side == null) {
            throw new IllegalArgumentException("preconditioner side must not be null");
        }
        this.m = m;
        this.k = k;
        this.side = side;
    }

    public int restart() {
        return m;
    }

    public int recycle() {
        return k;
    }

    public PreconditionerSide side() {
        return side;
    }

    /** R: the space is refreshed every R-th cycle (and on the last cycle of a solve). */
    public int refreshEvery() {
        return refreshEvery;
    }

    @Override
    public String name() {
        return "gcrodr";
    }

    /** A one-off solve: recycles only between the cycles of this solve (a fresh space). */
    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        return solve(a, b, x, options, RecycleSpace.empty());
    }

    /**
     * Solves A x = b, starting from (and updating) the caller's recycle space.
     *
     * @param a       the matrix (in)
     * @param b       right-hand side (in, unchanged)
     * @param x       initial guess if options.nonzeroGuess() (in), solution (out)
     * @param options tolerances, iteration limit, preconditioner, monitor
     * @param space   recycle space (in/out): used if it holds vectors, refreshed on return
     */
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options, RecycleSpace space) {
        SolverSupport.checkInput(a, b, x);
        if (space == null) {
            throw new IllegalArgumentException("recycle space must not be null (use RecycleSpace.empty())");
        }
        double bnorm = b.norm2();
        if (bnorm == 0.0) {
            ConvergenceTest test = new ConvergenceTest(options, 0.0);
            x.fill(0.0);
            test.record(0, 0.0);
            return test.result(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, "");
        }
        Preconditioner prec = options.preconditioner();
        if (prec != null) {
            try {
                prec.setUp(a);
            } catch (PreconditionerFailedException e) {
                return new ConvergenceTest(options, bnorm).result(StopReason.DIVERGED_PRECONDITIONER_FAILED, 0,
                        Double.NaN, e.getMessage());
            }
        }
        int n = b.size();
        int cap = k == 0 ? 0 : Math.min(k + 1, m - 1 > 0 ? m - 1 : k);
        cap = Math.max(cap, k);
        space.reserve(n, cap, b);
        Workspace ws = space.workspace();
        if (ws == null || !ws.fits(n, m, cap)) {
            ws = new Workspace(b, m, cap);
            space.setWorkspace(ws);
        }
        try {
            return new Run(a, b, x, options, prec, space, ws, bnorm, cap).solve();
        } catch (PreconditionerFailedException e) {
            // x holds the last finite update; the space may be mid-refresh, so drop it.
            space.clear();
            double t = SolverSupport.trueResidualNorm(a, b, x, b.zerosLike());
            return new ConvergenceTest(options, bnorm).result(StopReason.DIVERGED_PRECONDITIONER_FAILED, 0, t,
                    e.getMessage());
        }
    }

    /** Solver work vectors and small matrices, sized (n, m, capacity); reused across solves. */
    static final class Workspace {
        final int n;
        final int m;
        final int cap;
        final Vector[] v;
        final Vector[] ubuf;
        final Vector[] cbuf;
        final Vector w;
        final Vector tmp;
        final Vector r;
        final Vector upd;

        Workspace(Vector template, int m, int cap) {
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

    /** State of one solve. */
    private final class Run {
        final LinearOperator a;
        final Vector b;
        final Vector x;
        final SolverOptions options;
        final Preconditioner prec;
        final RecycleSpace space;
        final Workspace ws;
        final double bnorm;
        final int cap;
        final boolean left;
        final boolean right;
        // small dense state, sized for the largest cycle (m columns, m+1 rows)
        final double[][] g;
        final double[][] rr;
        final double[] cs;
        final double[] sn;
        final double[] rhs;
        final double[] y;
        final double[] d;
        final double[] coef;
        final double[] hpass;
        final Vector[] basis;
        /** basis with slot kc+j+1 lent to w during a step (CLASSICAL_REFINED's fused pass). */
        final Vector[] fused;
        // refresh / eigenproblem scratch, sized for the largest cycle (allocated once per solve)
        final Vector[] in;
        final double[][] gp;
        final double[][] qs;
        final double[][] rs;
        final double[][] cu;
        final double[][] wv;
        final double[][] mmat;
        final double[][] gtg;
        final double[][] mat;
        final double[][] pr;
        final double[][] tw;
        /** CᵀU of the current space (unscaled), valid while ctuValid. */
        final double[][] ctu;
        boolean ctuValid;
        /** d holds 1/‖u_i‖ of the current space (false after a rebuild or refresh). */
        boolean normsValid;
        int its;
        int cycles;

        Run(LinearOperator a, Vector b, Vector x, SolverOptions options, Preconditioner prec, RecycleSpace space,
                Workspace ws, double bnorm, int cap) {
            this.a = a;
            this.b = b;
            this.x = x;
            this.options = options;
            this.prec = prec;
            this.space = space;
            this.ws = ws;
            this.bnorm = bnorm;
            this.cap = cap;
            this.left = prec != null && side == PreconditionerSide.LEFT;
            this.right = prec != null && side == PreconditionerSide.RIGHT;
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
            fused = new Vector[m + 2];
            in = new Vector[m + 1];
            int kmax = Math.max(cap, 1);
            gp = new double[m + 1][kmax];
            qs = new double[m + 1][kmax];
            rs = new double[kmax][kmax];
            cu = new double[m][kmax];
            wv = new double[m + 1][Math.max(m, 1)];
            mmat = new double[m][m];
            gtg = new double[m][m];
            mat = new double[m][m];
            pr = new double[m][kmax];
            tw = new double[m + 1][kmax];
            ctu = new double[kmax][kmax];
        }

        /** out ← Â v (tmp is scratch). */
        void op(Vector v, Vector out) {
            if (right) {
                prec.apply(v, ws.tmp); // tmp = M^-1 v
                a.apply(ws.tmp, out); // out = A M^-1 v
            } else if (left) {
                a.apply(v, ws.tmp); // tmp = A v
                prec.apply(ws.tmp, out); // out = M^-1 A v
            } else {
                a.apply(v, out);
            }
        }

        /** x ← x + (M⁻¹ with right preconditioning) z. */
        void addToX(Vector z) {
            if (right) {
                prec.apply(z, ws.tmp);
                x.axpy(1.0, ws.tmp);
            } else {
                x.axpy(1.0, z);
            }
        }

        /** r ← b − Ax, then M⁻¹ applied for left preconditioning; returns ‖r‖. */
        double residual() {
            Vector r = ws.r;
            if (left) {
                SolverSupport.residual(a, b, x, ws.w);
                prec.apply(ws.w, r);
            } else {
                SolverSupport.residual(a, b, x, r);
            }
            return r.norm2();
        }

        SolveResult solve() {
            double testNorm = bnorm;
            if (left) {
                prec.apply(b, ws.r);
                testNorm = ws.r.norm2();
            }
            ConvergenceTest test = new ConvergenceTest(options, testNorm);
            if (!options.nonzeroGuess()) {
                x.fill(0.0);
            }
            residual();
            if (space.dimension() > cap) {
                // a space built by a solver with larger k: keep its first cap columns (A U = C and
                // C'C = I hold for any subset), so that every cycle has m - k >= 1 Arnoldi steps
                space.setDimension(cap);
            }
            if (space.dimension() > 0) {
                if (!space.builtFor(a, prec, side)) {
                    rebuild();
                }
                project();
            }
            space.markBuiltFor(a, prec, side);
            double rnorm = ws.r.norm2();
            StopReason reason = test.check(0, rnorm);
            int replacements = 0;
            String detail = "";
            while (true) {
                if (reason != null && !reason.converged()) {
                    break;
                }
                if (reason != null) {
                    // a converged estimate: confirm on the residual recomputed from b - Ax
                    StopReason confirmed = test.reasonFor(rnorm);
                    if (confirmed != null) {
                        reason = confirmed;
                        break;
                    }
                    if (++replacements > SolverSupport.MAX_REPLACEMENTS || its >= options.maxIterations()) {
                        reason = StopReason.DIVERGED_STAGNATION;
                        detail = "true residual stays above the tolerance";
                        break;
                    }
                }
                int outcome = cycle(test, rnorm);
                reason = lastReason;
                rnorm = residual();
                if (outcome != OK && !test.satisfied(rnorm)) {
                    reason = outcome == NAN ? StopReason.DIVERGED_NAN : StopReason.DIVERGED_BREAKDOWN;
                    detail = outcome == NAN ? "NaN or infinity in the Krylov basis"
                            : "Krylov space exhausted (Hessenberg pivot vanished)";
                    break;
                }
                if (test.satisfied(rnorm)) {
                    reason = test.reasonFor(rnorm);
                    break;
                }
                if (reason != null && !reason.converged()) {
                    break;
                }
                if (reason == null && its >= options.maxIterations()) {
                    reason = StopReason.DIVERGED_MAX_ITERATIONS;
                    break;
                }
            }
            double trueNorm = left ? SolverSupport.trueResidualNorm(a, b, x, ws.w) : rnorm;
            SolveResult res = test.result(reason, its, trueNorm, detail);
            if (left) {
                res = new SolveResult(res.reason(), res.iterations(), trueNorm, trueNorm / bnorm, res.history(),
                        res.detail());
            }
            return res;
        }

        StopReason lastReason;
        static final int OK = 0;
        static final int BREAKDOWN = 1;
        static final int NAN = 2;

        /** C ← Â U; thin QR C = QR (CGS twice, blocked); C ← Q, U ← U R⁻¹. Truncates at a dependent column. */
        void rebuild() {
            Vector[] u = space.u();
            Vector[] c = space.c();
            int kk = space.dimension();
            double[][] r = new double[kk][kk];
            int keep = kk;
            for (int j = 0; j < kk; j++) {
                op(u[j], c[j]); // c_j = Â u_j
                double orig = c[j].norm2();
                // classical Gram-Schmidt twice, each pass one blocked multi-dot and one blocked
                // update (was MGS twice with one dot and one axpy per column: 3-4 % of a solve)
                for (int pass = 0; pass < 2; pass++) {
                    BlockOps.dots(c, 0, j, c[j], hpass, 0);
                    for (int l = 0; l < j; l++) {
                        r[l][j] += hpass[l];
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
            normsValid = false;
            ctuValid = false;
        }

        /** x += U Cᵀr, r −= C Cᵀr. */
        void project() {
            int kk = space.dimension();
            Vector[] u = space.u();
            Vector[] c = space.c();
            BlockOps.dots(c, 0, kk, ws.r, coef, 0); // coef = C' r
            BlockOps.combine(u, 0, kk, coef, 0, ws.upd, 0.0); // upd = U C' r
            addToX(ws.upd);
            for (int i = 0; i < kk; i++) {
                ws.r.axpy(-coef[i], c[i]); // r -= C C' r
            }
        }

        /**
         * One cycle from the current residual ws.r (norm rnorm): Arnoldi, least squares, update
         * of x, refresh of the space. Sets lastReason to the test's verdict (or null).
         */
        int cycle(ConvergenceTest test, double rnorm) {
            lastReason = null;
            int kc = space.dimension();
            Vector[] u = space.u();
            Vector[] c = space.c();
            Vector[] v = ws.v;
            int steps = m - kc;
            if (steps < 1) {
                throw new IllegalStateException("internal: recycle dimension " + kc + " leaves no Arnoldi step, m=" + m);
            }
            for (int i = 0; i < kc; i++) {
                basis[i] = c[i];
            }
            for (int i = 0; i <= steps; i++) {
                basis[kc + i] = v[i];
            }
            System.arraycopy(basis, 0, fused, 0, kc + steps + 1);
            for (int i = 0; i <= m; i++) {
                Arrays.fill(g[i], 0.0);
                Arrays.fill(rr[i], 0.0);
            }
            Arrays.fill(rhs, 0.0);
            // rhs = W' r = [C' r; beta e1], v_0 = (I - C C') r / beta
            BlockOps.dots(c, 0, kc, ws.r, rhs, 0);
            v[0].copyFrom(ws.r);
            BlockOps.combine(c, 0, kc, negate(rhs, kc), 0, v[0], 1.0); // v_0 = r - C C' r
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
            double beta = v[0].norm2();
            int outcome = OK;
            int j = 0; // Arnoldi columns in use
            if (!(beta > 0.0) || !Double.isFinite(beta)) {
                outcome = Double.isFinite(beta) ? BREAKDOWN : NAN;
            } else {
                v[0].scale(1.0 / beta);
                rhs[kc] = beta;
                for (; j < steps; j++) {
                    Vector w = ws.w;
                    op(v[j], w); // w = Â v_j
                    its++;
                    double wnorm0 = ortho == Orthogonalization.CLASSICAL_REFINED ? 0.0 : w.norm2();
                    int col = kc + j;
                    if (ortho == Orthogonalization.MODIFIED) {
                        // (I - C C') w in one blocked pass (C is orthonormal): B column
                        BlockOps.dots(c, 0, kc, w, hpass, 0);
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
                    } else if (ortho == Orthogonalization.CLASSICAL_REFINED) {
                        // CGS over [C, v_0..v_j] in one pass that also gives w'w (w joins the list),
                        // one blocked update, a second pass only if the estimated remaining norm
                        // shows severe cancellation (see ETA2)
                        int nb = kc + j + 1;
                        fused[nb] = w;
                        BlockOps.dots(fused, 0, nb + 1, w, hpass, 0);
                        fused[nb] = basis[nb];
                        double ww = hpass[nb];
                        wnorm0 = Math.sqrt(ww);
                        double hh = 0.0;
                        for (int i = 0; i < nb; i++) {
                            double h = hpass[i];
                            g[i][col] = h;
                            hh += h * h;
                            hpass[i] = -h;
                        }
                        BlockOps.combine(basis, 0, nb, hpass, 0, w, 1.0); // w -= Q h
                        if (!(ww - hh > ETA2 * ww)) {
                            BlockOps.dots(basis, 0, nb, w, hpass, 0);
                            for (int i = 0; i < nb; i++) {
                                g[i][col] += hpass[i];
                                hpass[i] = -hpass[i];
                            }
                            BlockOps.combine(basis, 0, nb, hpass, 0, w, 1.0);
                        }
                    } else {
                        // CGS2 over the basis [C, v_0..v_j]: h = Q'w, w -= Q h, twice
                        int nb = kc + j + 1;
                        for (int i = 0; i < nb; i++) {
                            g[i][col] = 0.0;
                        }
                        for (int pass = 0; pass < 2; pass++) {
                            BlockOps.dots(basis, 0, nb, w, hpass, 0);
                            for (int i = 0; i < nb; i++) {
                                g[i][col] += hpass[i];
                                hpass[i] = -hpass[i];
                            }
                            BlockOps.combine(basis, 0, nb, hpass, 0, w, 1.0); // w -= Q h
                        }
                    }
                    double hn = w.norm2();
                    if (!Double.isFinite(hn) || !Double.isFinite(wnorm0)) {
                        outcome = NAN;
                        lastReason = StopReason.DIVERGED_NAN;
                        break;
                    }
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
                        outcome = BREAKDOWN; // singular least-squares column: do not use it
                        break;
                    }
                    cs[col] = rr[col][col] / den;
                    sn[col] = hn / den;
                    rr[col][col] = den;
                    rr[col + 1][col] = 0.0;
                    rhs[col + 1] = -sn[col] * rhs[col]; // apply the new rotation to the rhs
                    rhs[col] = cs[col] * rhs[col];
                    j++;
                    boolean happy = hn <= 1e-14 * wnorm0;
                    if (happy) {
                        v[j].fill(0.0);
                    } else {
                        BlockOps.scaledCopy(w, 1.0 / hn, v[j]); // v_{j+1} = w / h_{j+1,j}
                    }
                    lastReason = test.check(its, Math.abs(rhs[col + 1]));
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
            int mm = kc + j;
            if (mm > 0) {
                if (!SmallDense.solveUpper(rr, rhs, mm, y)) {
                    return BREAKDOWN;
                }
                // upd = U D y_U + V y_V; x += (M^-1) upd
                for (int i = 0; i < kc; i++) {
                    coef[i] = d[i] * y[i];
                }
                BlockOps.combine(u, 0, kc, coef, 0, ws.upd, 0.0);
                BlockOps.combine(v, 0, j, y, kc, ws.upd, 1.0);
                addToX(ws.upd);
            }
            cycles++;
            boolean last = lastReason != null || its >= options.maxIterations();
            boolean due = kc == 0 || last || cycles % refreshEvery == 0;
            if (k > 0 && outcome == OK && j > 0 && due) {
                refresh(kc, j);
            }
            return outcome;
        }

        /** coef[0..count) = −src[0..count) (coef is scratch). */
        double[] negate(double[] src, int count) {
            for (int i = 0; i < count; i++) {
                coef[i] = -src[i];
            }
            return coef;
        }

        /**
         * New U, C from the harmonic Ritz vectors of this cycle (kc recycled + j Arnoldi columns):
         * QR of G·P = Q·R, C ← Ŵ·Q and U ← V̂·P·R⁻¹ = [U V_j]·([D P_top; P_bottom]·R⁻¹). R⁻¹ and D
         * are folded into the small coefficient matrix, so each new vector is one pass of the
         * register-blocked {@link BlockOps#combineMany} over the basis (no n-sized triangular
         * solve afterwards).
         */
        void refresh(int kc, int j) {
            int mm = kc + j;
            Vector[] u = space.u();
            Vector[] c = space.c();
            Vector[] v = ws.v;
            double[][] p = ritzVectors(kc, j);
            if (p == null) {
                return;
            }
            int kn = p[0].length;
            // G P, (mm+1) x kn; G is upper Hessenberg, so row i only meets columns t >= i-1
            for (int i = 0; i <= mm; i++) {
                double[] gi = g[i];
                double[] out = gp[i];
                for (int l = 0; l < kn; l++) {
                    out[l] = 0.0;
                }
                for (int t = Math.max(0, i - 1); t < mm; t++) {
                    double gt = gi[t];
                    if (gt != 0.0) {
                        double[] pt = p[t];
                        for (int l = 0; l < kn; l++) {
                            out[l] += gt * pt[l];
                        }
                    }
                }
            }
            if (!SmallDense.qr(gp, mm + 1, kn, qs, rs)) {
                return;
            }
            // pr = P R^-1 (U_new = V̂ pr), row by row, forward substitution over the columns;
            // cu = [D pr_top; pr_bottom] is the same in terms of the unscaled [U V_j]
            for (int i = 0; i < mm; i++) {
                double[] row = pr[i];
                double[] pi = p[i];
                for (int l = 0; l < kn; l++) {
                    double sum = pi[l];
                    for (int t = 0; t < l; t++) {
                        sum -= row[t] * rs[t][l];
                    }
                    row[l] = sum / rs[l][l];
                }
                double scale = i < kc ? d[i] : 1.0;
                for (int l = 0; l < kn; l++) {
                    cu[i][l] = scale * row[l];
                }
                in[i] = i < kc ? u[i] : v[i - kc];
            }
            // C_new'U_new = Q' (W'V̂) pr, all small: the next cycle needs no pass for it
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
            for (int a2 = 0; a2 < kn; a2++) {
                for (int l = 0; l < kn; l++) {
                    double sum = 0.0;
                    for (int i = 0; i <= mm; i++) {
                        sum += qs[i][a2] * tw[i][l];
                    }
                    ctu[a2][l] = sum;
                }
            }
            BlockOps.combineMany(in, mm, cu, ws.ubuf, kn); // U = [U V_j] cu
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
            normsValid = false;
            ctuValid = true;
        }

        /** P (mm × kn): a real basis of the harmonic Ritz vectors of the kn smallest |θ|, or null. */
        double[][] ritzVectors(int kc, int j) {
            int mm = kc + j;
            double[][] mat = mm == m ? this.mat : new double[mm][mm];
            try {
                if (kc == 0) {
                    // H_m + h^2 H_m^-T e_m e_m^T (Parks et al. eq. 2.7)
                    RealMatrix hm = new Array2DRowRealMatrix(mm, mm);
                    for (int i = 0; i < mm; i++) {
                        for (int l = 0; l < mm; l++) {
                            hm.setEntry(i, l, g[i][l]);
                        }
                    }
                    double h = g[mm][mm - 1];
                    for (int i = 0; i <= mm; i++) {
                        for (int l = 0; l < mm; l++) {
                            wv[i][l] = i == l ? 1.0 : 0.0; // W'V̂ = V_{m+1}'V_m = [I; 0] (for refresh)
                        }
                    }
                    LUDecomposition lu = new LUDecomposition(hm.transpose(), 1e-300);
                    if (!lu.getSolver().isNonSingular()) {
                        return null;
                    }
                    double[] em = new double[mm];
                    em[mm - 1] = 1.0;
                    double[] f = lu.getSolver().solve(new org.apache.commons.math3.linear.ArrayRealVector(em, false))
                            .toArray();
                    for (int i = 0; i < mm; i++) {
                        for (int l = 0; l < mm; l++) {
                            mat[i][l] = g[i][l];
                        }
                        mat[i][mm - 1] += h * h * f[i];
                    }
                } else {
                    // M = G' W' V̂, W'V̂ = [[C'Ũ, 0],[V_{j+1}'Ũ, [I;0]]]
                    Vector[] u = space.u();
                    Vector[] c = space.c();
                    // W'U = [C'U; V_{j+1}'U]: C'U is carried through the refreshes as a small
                    // matrix (see refresh), so only V_{j+1}'U needs a pass over n
                    if (!ctuValid) {
                        BlockOps.gram(c, kc, u, kc, ctu, 0);
                        ctuValid = true;
                    }
                    for (int i = 0; i < kc; i++) {
                        System.arraycopy(ctu[i], 0, wv[i], 0, kc);
                    }
                    BlockOps.gram(ws.v, j + 1, u, kc, wv, kc);
                    for (int i = 0; i <= mm; i++) {
                        double[] wi = wv[i];
                        for (int l = 0; l < kc; l++) {
                            wi[l] *= d[l];
                        }
                        for (int l = kc; l < mm; l++) {
                            wi[l] = i == l ? 1.0 : 0.0;
                        }
                    }
                    double[][] mmat = mm == m ? this.mmat : new double[mm][mm];
                    double[][] gtg = mm == m ? this.gtg : new double[mm][mm];
                    double scale = 0.0;
                    for (int i = 0; i < mm; i++) {
                        for (int l = 0; l < mm; l++) {
                            double s1 = 0.0;
                            double s2 = 0.0;
                            for (int t = 0; t <= mm; t++) {
                                s1 += g[t][i] * wv[t][l];
                                s2 += g[t][i] * g[t][l];
                            }
                            mmat[i][l] = s1;
                            gtg[i][l] = s2;
                            scale = Math.max(scale, Math.abs(s1));
                        }
                    }
                    LUDecomposition lu = new LUDecomposition(new Array2DRowRealMatrix(mmat, false), 1e-14 * scale);
                    if (!lu.getSolver().isNonSingular()) {
                        return null;
                    }
                    RealMatrix sol = lu.getSolver().solve(new Array2DRowRealMatrix(gtg, false));
                    for (int i = 0; i < mm; i++) {
                        for (int l = 0; l < mm; l++) {
                            mat[i][l] = sol.getEntry(i, l);
                        }
                    }
                }
                for (double[] row : mat) {
                    for (double e : row) {
                        if (!Double.isFinite(e)) {
                            return null;
                        }
                    }
                }
                EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(mat, false));
                double[] re = eig.getRealEigenvalues();
                double[] im = eig.getImagEigenvalues();
                int[] pick = selectSmallest(re, im, k, Math.min(cap, m - 1));
                if (pick.length == 0) {
                    return null;
                }
                RealMatrix vv = eig.getV();
                double[][] p = new double[mm][pick.length];
                for (int l = 0; l < pick.length; l++) {
                    for (int i = 0; i < mm; i++) {
                        p[i][l] = vv.getEntry(i, pick[l]);
                    }
                }
                return p;
            } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
                // Commons Math: singular matrix or eigensolver without convergence: keep the old space
                return null;
            }
        }
    }

    /**
     * Indices of the eigenvalues of smallest modulus, about {@code k} of them, with complex pairs
     * (i, i+1 in Commons Math's real block form) kept whole: k+1 when the k-th is half a pair,
     * k−1 if k+1 exceeds {@code max}.
     */
    static int[] selectSmallest(double[] re, double[] im, int k, int max) {
        int size = re.length;
        int[] start = new int[size];
        int[] len = new int[size];
        double[] mod = new double[size];
        int groups = 0;
        for (int i = 0; i < size; ) {
            boolean pair = im[i] != 0.0 && i + 1 < size && im[i + 1] == -im[i];
            start[groups] = i;
            len[groups] = pair ? 2 : 1;
            mod[groups] = Math.hypot(re[i], im[i]);
            groups++;
            i += pair ? 2 : 1;
        }
        Integer[] order = new Integer[groups];
        for (int i = 0; i < groups; i++) {
            order[i] = i;
        }
        final double[] md = mod;
        Arrays.sort(order, (p, q) -> Double.compare(md[p], md[q]));
        int[] out = new int[Math.min(size, k + 1)];
        int count = 0;
        for (int t = 0; t < groups && count < k; t++) {
            int gi = order[t];
            if (count + len[gi] > Math.min(k + 1, max)) {
                break; // the pair would overflow: stop at k-1
            }
            for (int e = 0; e < len[gi]; e++) {
                out[count++] = start[gi] + e;
            }
        }
        return Arrays.copyOf(out, count);
    }
}
