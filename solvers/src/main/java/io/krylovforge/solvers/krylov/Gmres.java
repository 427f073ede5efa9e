package io.krylovforge.solvers.krylov;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * Restarted GMRES(m): Arnoldi with classical Gram–Schmidt on blocked multi-vector kernels
 * (optionally DGKS re-orthogonalised),
 * Hessenberg least squares by Givens rotations, restart after m inner iterations.
 *
 * <p>Requires only a nonsingular A (any nonsymmetric matrix); M is any fixed preconditioner,
 * applied on the {@link PreconditionerSide side} given (default RIGHT). The restart length
 * defaults to {@value #DEFAULT_RESTART}, SciPy's and PETSc's default.
 *
 * <p>Stopping rule: the rotated residual |g(j+1)| is tested every inner iteration (one
 * iteration = one product with A). RIGHT: that is ‖b − Ax‖ in exact arithmetic. LEFT: it is
 * ‖M⁻¹(b − Ax)‖, tested against rtol·‖M⁻¹b‖ as SciPy and PETSc do; the result's
 * residualNorm/relativeResidual are still the true ‖b − Ax‖ and ‖b − Ax‖/‖b‖. At every restart
 * and before reporting convergence the true residual is recomputed; if it misses the tolerance
 * the next cycle starts from it (at most {@value SolverSupport#MAX_REPLACEMENTS} times, then
 * DIVERGED_STAGNATION). h(j+1,j) = 0 is a "lucky" breakdown: the solution is exact in the space,
 * the cycle ends and the true residual decides. A zero R(j,j) (singular least-squares problem)
 * stops with DIVERGED_BREAKDOWN.
 *
 * <p>References: Saad and Schultz, GMRES, SIAM J. Sci. Stat. Comput. 7 (1986); Saad, Iterative
 * Methods for Sparse Linear Systems, 2nd ed., Algorithms 6.9 and 9.4/9.5.
 */
public final class Gmres implements IterativeSolver {
    /** Default restart length m. */
    public static final int DEFAULT_RESTART = 30;

    private final int restart;
    private final boolean reorthogonalize;
    private final PreconditionerSide side;

    /** GMRES(30), right preconditioning, no re-orthogonalisation. */
    public Gmres() {
        this(DEFAULT_RESTART);
    }

    /**
     * GMRES(restart), right preconditioning, no re-orthogonalisation.
     *
     * @param restart restart length m ≥ 1
     */
    public Gmres(int restart) {
        this(GmresOptions.defaults().withRestart(restart));
    }

    /**
     * GMRES with {@code options}: {@code new Gmres(GmresOptions.defaults().withRestart(40).withSide(LEFT))}.
     *
     * @param options restart length, re-orthogonalisation and preconditioner side
     */
    public Gmres(GmresOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("GMRES options must not be null");
        }
        this.restart = options.restart();
        this.reorthogonalize = options.reorthogonalization() == Reorthogonalization.IF_NEEDED;
        this.side = options.side();
    }

    /**
     * @param restart         Krylov basis size m before a restart (≥ 1)
     * @param reorthogonalize whether to re-orthogonalise (DGKS) the Arnoldi vectors
     * @param side            where M is applied
     * @deprecated a bare boolean; use {@link #Gmres(GmresOptions)}
     */
    @Deprecated
    public Gmres(int restart, boolean reorthogonalize, PreconditionerSide side) {
        this(new GmresOptions(restart, reorthogonalize ? Reorthogonalization.IF_NEEDED : Reorthogonalization.NONE,
                side));
    }

    /**
     * The options this solver was built with.
     *
     * @return restart, re-orthogonalisation and side
     */
    public GmresOptions options() {
        return new GmresOptions(restart, reorthogonalize ? Reorthogonalization.IF_NEEDED : Reorthogonalization.NONE,
                side);
    }

    /**
     * The restart length m.
     *
     * @return m
     */
    public int restart() {
        return restart;
    }

    /**
     * Whether M is applied on the left or the right.
     *
     * @return LEFT or RIGHT
     */
    public PreconditionerSide side() {
        return side;
    }

    @Override
    public String name() {
        return "gmres";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        SolverSupport.checkInput(a, b, x);
        double bnorm = b.norm2();
        if (bnorm == 0.0) {
            return SolverSupport.zeroRhs(x, new ConvergenceTest(options, 0.0));
        }
        Preconditioner m = options.preconditioner();
        boolean left = m != null && side == PreconditionerSide.LEFT;
        if (m != null) {
            SolveResult failed = SolverSupport.setUpPreconditioner(m, a, new ConvergenceTest(options, bnorm));
            if (failed != null) {
                return failed;
            }
        }
        int n = b.size();
        int mm = Math.max(1, Math.min(restart, n));
        Vector[] v = new Vector[mm + 1];
        for (int i = 0; i <= mm; i++) {
            v[i] = b.zerosLike();
        }
        Vector w = b.zerosLike();
        Vector r = b.zerosLike();
        Vector z = m != null ? b.zerosLike() : null;
        ArnoldiLeastSquares ls = new ArnoldiLeastSquares(mm, reorthogonalize);
        Backend backend = b.backend();

        // LEFT tests preconditioned norms: scale the test by ||M^-1 b||.
        double testScale = bnorm;
        if (left) {
            m.apply(b, z); // z = M^-1 b
            testScale = z.norm2();
            if (!(testScale > 0.0) || Double.isInfinite(testScale)) {
                return withTrueRelative(new ConvergenceTest(options, bnorm).result(
                        KrylovSupport.nanOr(testScale, StopReason.DIVERGED_PRECONDITIONER_FAILED), 0,
                        bnorm, "||M^-1 b|| = " + testScale), bnorm);
            }
        }
        ConvergenceTest test = new ConvergenceTest(options, testScale);
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        int k = 0;
        int replacements = 0;
        boolean first = true;
        double claimed = Double.NaN; // the last cycle's recurrence residual, for checkRestart
        while (true) {
            // r = b - A x, and for LEFT r <- M^-1 r: the start of a cycle
            SolverSupport.residual(a, b, x, r);
            if (left) {
                m.apply(r, z);
                r.copyFrom(z);
            }
            double beta = r.norm2();
            StopReason reason;
            if (first) {
                reason = test.check(0, beta);
                first = false;
            } else {
                reason = test.reasonFor(beta);
                if (reason == null && Double.isNaN(beta)) {
                    reason = StopReason.DIVERGED_NAN;
                }
                if (reason == null) {
                    reason = test.checkRestart(beta, claimed); // the precision floor, cycle by cycle
                }
            }
            if (reason != null) {
                return done(test, reason, k, a, b, x, w, "", bnorm);
            }
            if (k >= test.maxIterations()) {
                return done(test, StopReason.DIVERGED_MAX_ITERATIONS, k, a, b, x, w, "", bnorm);
            }
            v[0].copyFrom(r);
            v[0].scale(1.0 / beta); // v0 = r / beta
            ls.start(beta);
            int j = 0;
            boolean lucky = false;
            reason = null;
            String detail = "";
            while (j < mm) {
                // w is built in place in v_{j+1} (no copy into the basis afterwards)
                Vector wj = v[j + 1];
                double hnext;
                if (left) {
                    a.apply(v[j], z);
                    m.apply(z, wj); // w = M^-1 A v_j
                    hnext = ls.orthogonalize(wj, v, j);
                } else {
                    // w = A v_j (or A M^-1 v_j) with h(j,j) = v_j'w in the same pass: the product then
                    // forks on rows, as the Gram-Schmidt kernels after it do (a plain apply forked on
                    // nonzeros, alone in the step, from 2^17 of them: convdiff 256², lap3d 32³)
                    Vector in = v[j];
                    if (m != null) {
                        m.apply(v[j], z);
                        in = z;
                    }
                    double hjj = backend.applyDotWith(a, in, wj, v[j]);
                    hnext = ls.orthogonalize(wj, v, j, hjj);
                }
                double est = ls.rotate(j);
                if (Double.isNaN(hnext) || Double.isNaN(est)) {
                    reason = StopReason.DIVERGED_NAN;
                    detail = "NaN in the Arnoldi process";
                    break; // column j is unusable: keep x as it was after the last cycle
                }
                if (ls.diagonal(j) == 0.0) {
                    reason = StopReason.DIVERGED_BREAKDOWN;
                    detail = "singular Hessenberg least-squares problem at inner iteration " + j;
                    break;
                }
                j++;
                k++;
                reason = test.check(k, est);
                claimed = est;
                if (hnext == 0.0) {
                    lucky = true; // invariant subspace: exact solution in it
                    break;
                }
                if (reason != null) {
                    break;
                }
                v[j].scale(1.0 / hnext); // v_{j+1} = w / h(j+1,j)
            }
            if (j > 0) {
                double[] y = ls.solve(j);
                if (y == null) {
                    return done(test, StopReason.DIVERGED_BREAKDOWN, k, a, b, x, w,
                            "back substitution failed (zero or non-finite pivot)", bnorm);
                }
                update(ls, x, v, y, j, m, left, w, z);
            }
            if (lucky || reason != null && reason.converged()) {
                // Recurrence says converged (or the space is invariant): the true residual decides.
                SolverSupport.residual(a, b, x, r);
                if (left) {
                    m.apply(r, z);
                    r.copyFrom(z);
                }
                StopReason confirmed = test.confirmReason(k, r.norm2(), replacements++);
                boolean missed = confirmed == null || confirmed == StopReason.DIVERGED_STAGNATION;
                if (missed && reason != null && !reason.converged()) {
                    return done(test, reason, k, a, b, x, w, detail, bnorm); // the step's own verdict stands
                }
                if (confirmed != null) {
                    return done(test, confirmed, k, a, b, x, w, confirmed != StopReason.DIVERGED_STAGNATION ? ""
                            : lucky ? "invariant subspace reached but the " + ConvergenceTest.STAGNATION_DETAIL
                            : ConvergenceTest.STAGNATION_DETAIL, bnorm);
                }
            } else if (reason != null) {
                return done(test, reason, k, a, b, x, w, detail, bnorm);
            }
        }
    }

    /** x ← x + V y (LEFT or none) or x ← x + M⁻¹ V y (RIGHT). */
    private static void update(ArnoldiLeastSquares ls, Vector x, Vector[] v, double[] y, int j, Preconditioner m,
            boolean left, Vector w, Vector z) {
        ls.combine(w, v, y, j); // w = V y
        if (m == null || left) {
            x.axpy(1.0, w);
        } else {
            m.apply(w, z);
            x.axpy(1.0, z); // x <- x + M^-1 V y
        }
    }

    private static SolveResult done(ConvergenceTest test, StopReason reason, int k, LinearOperator a,
            Vector b, Vector x, Vector work, String detail, double bnorm) {
        return withTrueRelative(KrylovSupport.finish(test, reason, k, a, b, x, work, detail), bnorm);
    }

    /** The test may be scaled by ‖M⁻¹b‖ (LEFT); report ‖b − Ax‖/‖b‖ regardless. */
    static SolveResult withTrueRelative(SolveResult r, double bnorm) {
        double rel = bnorm > 0 ? r.residualNorm() / bnorm : 0.0;
        return new SolveResult(r.reason(), r.iterations(), r.residualNorm(), rel, r.history(), r.detail());
    }
}
