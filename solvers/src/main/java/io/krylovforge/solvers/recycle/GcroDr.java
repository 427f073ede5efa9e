package io.krylovforge.solvers.recycle;

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
import io.krylovforge.solvers.krylov.PreconditionerSide;

/**
 * GCRO-DR(m, k): restarted GMRES with deflated restarting and Krylov subspace recycling, for
 * sequences of nonsymmetric systems A_i x_i = b_i (Parks, de Sturler, Mackey, Johnson, Maiti 2006,
 * Alg. 2.1; SKR paper Alg. 2).
 *
 * <p>A recycle space U_k with Â·U_k = C_k, C_kᵀC_k = I (Â = A·M⁻¹, or M⁻¹·A with left
 * preconditioning) lives in a caller-owned {@link RecycleSpace}. A solve runs in stages:
 * <ol>
 *   <li>new operator: {@link RecycleRefresh#rebuild} (C ← ÂU re-orthonormalised; skipped for the
 *       same operator and preconditioner object), then x += UCᵀr, r −= CCᵀr;</li>
 *   <li>cycles of {@link AugmentedArnoldiCycle} (m − k Arnoldi steps against [C, V], least
 *       squares by Givens rotations);</li>
 *   <li>after every R-th cycle ({@link GcroDrOptions#refreshEvery}), the last cycle of a solve and
 *       any cycle with an empty space: {@link RecycleRefresh#refresh} from the harmonic Ritz
 *       vectors ({@link HarmonicRitz}).</li>
 * </ol>
 * k = 0 is exactly restarted GMRES(m).
 *
 * <p><b>Preconditioning</b>: {@link PreconditionerSide#RIGHT} (default) iterates on A·M⁻¹ and
 * applies M⁻¹ once per cycle; the residual is the true b − Ax. {@link PreconditionerSide#LEFT}
 * iterates on M⁻¹A and tests ‖M⁻¹(b − Ax)‖ against rtol·‖M⁻¹b‖.
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
 * recycling", ICLR 2024. Measured costs: bench/results/skr_notes.md.
 */
public final class GcroDr implements IterativeSolver {
    /** Default restart length m (SKR paper, PETSc -ksp_gmres_restart 40). */
    public static final int DEFAULT_RESTART = GcroDrOptions.DEFAULT_RESTART;
    /** Default recycle dimension k (SKR paper, -ksp_hpddm_recycle 20). */
    public static final int DEFAULT_RECYCLE = GcroDrOptions.DEFAULT_RECYCLE;
    private final GcroDrOptions opts;

    /** GCRO-DR(40, 20) with {@link GcroDrOptions#defaults()}. */
    public GcroDr() {
        this(GcroDrOptions.defaults());
    }

    /**
     * GCRO-DR(m, k), the other options at their defaults; k = 0 is GMRES(m).
     *
     * @param m restart length ≥ 1
     * @param k recycle dimension, 0 ≤ k &lt; m
     * @deprecated two positional ints; use {@link #GcroDr(GcroDrOptions)}
     */
    @Deprecated
    public GcroDr(int m, int k) {
        this(new GcroDrOptions(m, k, PreconditionerSide.RIGHT, Orthogonalization.CLASSICAL_REFINED, 1));
    }

    /** @param options restart, recycle dimension, preconditioner side, Gram–Schmidt variant, refresh period */
    public GcroDr(GcroDrOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("GCRO-DR options must not be null");
        }
        this.opts = options;
    }

    /**
     * The options this solver was built with.
     *
     * @return restart, recycle dimension, side, Gram–Schmidt variant and refresh period
     */
    public GcroDrOptions options() {
        return opts;
    }

    /**
     * The restart length m.
     *
     * @return m
     */
    public int restart() {
        return opts.restart();
    }

    /**
     * The recycle dimension k.
     *
     * @return k
     */
    public int recycle() {
        return opts.recycle();
    }

    /**
     * Where M is applied.
     *
     * @return LEFT or RIGHT
     */
    public PreconditionerSide side() {
        return opts.side();
    }

    /** R: the space is refreshed every R-th cycle (and on the last cycle of a solve). */
    public int refreshEvery() {
        return opts.refreshEvery();
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
        int m = opts.restart();
        int k = opts.recycle();
        // room for k+1 vectors (a complex pair at the k-th harmonic Ritz value), leaving >= 1 step
        int cap = Math.max(k, k == 0 ? 0 : Math.min(k + 1, m - 1 > 0 ? m - 1 : k));
        space.reserve(n, cap, b);
        GcroDrWorkspace ws = space.workspace();
        if (ws == null || !ws.fits(n, m, cap)) {
            ws = new GcroDrWorkspace(b, m, cap);
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

    /** One solve: the restart loop around the stages. */
    private final class Run {
        final LinearOperator a;
        final Vector b;
        final Vector x;
        final SolverOptions options;
        final Preconditioner prec;
        final RecycleSpace space;
        final GcroDrWorkspace ws;
        final double bnorm;
        final int cap;
        final PreconditionedOperator op;
        final AugmentedArnoldiCycle cycle;
        final RecycleRefresh refresh;
        final double[] coef;
        int cycles;

        Run(LinearOperator a, Vector b, Vector x, SolverOptions options, Preconditioner prec, RecycleSpace space,
                GcroDrWorkspace ws, double bnorm, int cap) {
            this.a = a;
            this.b = b;
            this.x = x;
            this.options = options;
            this.prec = prec;
            this.space = space;
            this.ws = ws;
            this.bnorm = bnorm;
            this.cap = cap;
            this.op = new PreconditionedOperator(a, prec, opts.side(), ws.tmp);
            this.cycle = new AugmentedArnoldiCycle(opts.restart(), opts.ortho());
            this.refresh = new RecycleRefresh(opts.restart(), opts.recycle(), cap);
            this.coef = new double[Math.max(cap, 1)];
        }

        /** r ← b − Ax, then M⁻¹ applied for left preconditioning; returns ‖r‖. */
        double residual() {
            Vector r = ws.r;
            if (op.left) {
                SolverSupport.residual(a, b, x, ws.w);
                prec.apply(ws.w, r);
            } else {
                SolverSupport.residual(a, b, x, r);
            }
            return r.norm2();
        }

        SolveResult solve() {
            double testNorm = bnorm;
            if (op.left) {
                prec.apply(b, ws.r);
                testNorm = ws.r.norm2();
            }
            ConvergenceTest test = new ConvergenceTest(options, testNorm);
            if (!options.nonzeroGuess()) {
                x.fill(0.0);
            }
            residual();
            startFromSpace();
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
                    StopReason confirmed = test.confirmReason(cycle.iterations, rnorm, replacements++);
                    if (confirmed != null) {
                        reason = confirmed;
                        detail = confirmed == StopReason.DIVERGED_STAGNATION ? ConvergenceTest.STAGNATION_DETAIL : "";
                        break;
                    }
                }
                int outcome = runCycle(test);
                reason = cycle.lastReason;
                rnorm = residual();
                if (outcome != AugmentedArnoldiCycle.OK && !test.satisfied(rnorm)) {
                    boolean nan = outcome == AugmentedArnoldiCycle.NAN;
                    reason = nan ? StopReason.DIVERGED_NAN : StopReason.DIVERGED_BREAKDOWN;
                    detail = nan ? "NaN or infinity in the Krylov basis"
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
                if (reason == null && cycle.iterations >= options.maxIterations()) {
                    reason = StopReason.DIVERGED_MAX_ITERATIONS;
                    break;
                }
            }
            double trueNorm = op.left ? SolverSupport.trueResidualNorm(a, b, x, ws.w) : rnorm;
            SolveResult res = test.result(reason, cycle.iterations, trueNorm, detail);
            if (op.left) {
                res = new SolveResult(res.reason(), res.iterations(), trueNorm, trueNorm / bnorm, res.history(),
                        res.detail());
            }
            return res;
        }

        /** Trims a space from a larger k, rebuilds it for a new operator, then x += UCᵀr, r −= CCᵀr. */
        void startFromSpace() {
            if (space.dimension() > cap) {
                // a space built by a solver with larger k: keep its first cap columns (A U = C and
                // C'C = I hold for any subset), so that every cycle has m - k >= 1 Arnoldi steps
                space.setDimension(cap);
            }
            if (space.dimension() > 0) {
                if (!space.builtFor(a, prec, opts.side())) {
                    refresh.rebuild(op, space, cycle);
                }
                int kk = space.dimension();
                Vector[] u = space.u();
                Vector[] c = space.c();
                BlockOps.dots(c, kk, ws.r, coef, 0); // coef = C' r
                if (op.right) {
                    BlockOps.combine(u, 0, kk, coef, 0, ws.upd, 0.0); // upd = U C' r
                    op.addCorrection(ws.upd, x);
                } else {
                    BlockOps.combine(u, 0, kk, coef, 0, x, 1.0); // x += U C' r, one blocked pass
                }
                for (int i = 0; i < kk; i++) {
                    coef[i] = -coef[i];
                }
                BlockOps.combine(c, 0, kk, coef, 0, ws.r, 1.0); // r -= C C' r, one blocked pass
            }
            space.markBuiltFor(a, prec, opts.side());
        }

        /** One cycle, then the refresh when it is due. */
        int runCycle(ConvergenceTest test) {
            int outcome = cycle.run(op, space, ws, test, x);
            cycles++;
            boolean last = cycle.lastReason != null || cycle.iterations >= options.maxIterations();
            boolean due = cycle.recycled == 0 || last || cycles % opts.refreshEvery() == 0;
            if (opts.recycle() > 0 && outcome == AugmentedArnoldiCycle.OK && cycle.columns > 0 && due) {
                refresh.refresh(cycle, space, ws);
            }
            return outcome;
        }
    }
}
