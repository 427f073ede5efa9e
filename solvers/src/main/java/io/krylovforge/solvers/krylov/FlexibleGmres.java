package io.krylovforge.solvers.krylov;

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
 * Flexible GMRES, FGMRES(m): right preconditioning where M may change from one iteration to the
 * next (an inner Krylov solve, an AMG cycle with varying smoothing...). It stores the
 * preconditioned vectors z_j = M_j⁻¹ v_j beside the Arnoldi basis (twice GMRES's memory) and
 * updates x ← x + Z y instead of x ← x + M⁻¹ V y.
 *
 * <p>Requires a nonsingular A. Stopping rule as {@link Gmres} with RIGHT preconditioning: the
 * rotated residual estimate of ‖b − Ax‖ is tested every inner iteration, the true residual is
 * recomputed at every restart and before reporting convergence. Lucky breakdown
 * (h(j+1,j) = 0) ends the cycle; a singular R(j,j) gives DIVERGED_BREAKDOWN.
 *
 * <p>Reference: Saad, A flexible inner-outer preconditioned GMRES algorithm, SIAM J. Sci.
 * Comput. 14 (1993); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithm 9.6.
 */
public final class FlexibleGmres implements IterativeSolver {
    private final int restart;
    private final boolean reorthogonalize;

    /** FGMRES(30). */
    public FlexibleGmres() {
        this(Gmres.DEFAULT_RESTART);
    }

    /**
     * FGMRES(m) without re-orthogonalisation.
     *
     * @param restart restart length m (≥ 1)
     */
    public FlexibleGmres(int restart) {
        this(GmresOptions.defaults().withRestart(restart));
    }

    /**
     * FGMRES with {@code options}; FGMRES preconditions on the right only.
     *
     * @param options restart length and re-orthogonalisation; side must be RIGHT
     * @throws IllegalArgumentException if options is null or its side is LEFT
     */
    public FlexibleGmres(GmresOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("FGMRES options must not be null");
        }
        if (options.side() != PreconditionerSide.RIGHT) {
            throw new IllegalArgumentException("FGMRES preconditions on the right only; got side " + options.side());
        }
        this.restart = options.restart();
        this.reorthogonalize = options.reorthogonalization() == Reorthogonalization.IF_NEEDED;
    }

    /**
     * @param restart         basis size m before a restart (≥ 1)
     * @param reorthogonalize DGKS re-orthogonalisation of the Arnoldi vectors
     * @deprecated a bare boolean; use {@link #FlexibleGmres(GmresOptions)}
     */
    @Deprecated
    public FlexibleGmres(int restart, boolean reorthogonalize) {
        this(GmresOptions.defaults().withRestart(restart).withReorthogonalization(
                reorthogonalize ? Reorthogonalization.IF_NEEDED : Reorthogonalization.NONE));
    }

    @Override
    public String name() {
        return "fgmres";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditionerOrIdentity(); // flexible: M may differ every step
        int mm = Math.max(1, Math.min(restart, b.size()));
        Vector[] v = new Vector[mm + 1];
        Vector[] zs = new Vector[mm];
        for (int i = 0; i <= mm; i++) {
            v[i] = b.zerosLike();
            if (i < mm) {
                zs[i] = b.zerosLike();
            }
        }
        Vector w = b.zerosLike();
        Vector r = b.zerosLike();
        ArnoldiLeastSquares ls = new ArnoldiLeastSquares(mm, reorthogonalize);
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        int k = 0;
        int replacements = 0;
        boolean first = true;
        double claimed = Double.NaN; // the last cycle's recurrence residual, for checkRestart
        while (true) {
            SolverSupport.residual(a, b, x, r); // r = b - A x
            double beta = r.norm2();
            StopReason reason;
            if (first) {
                reason = test.check(0, beta);
                first = false;
            } else {
                reason = test.reasonFor(beta);
                if (reason == null) {
                    reason = test.checkRestart(beta, claimed); // the precision floor, cycle by cycle
                }
            }
            if (reason != null) {
                return KrylovSupport.finish(test, reason, k, a, b, x, w, "");
            }
            if (k >= test.maxIterations()) {
                return KrylovSupport.finish(test, StopReason.DIVERGED_MAX_ITERATIONS, k, a, b, x, w, "");
            }
            v[0].copyFrom(r);
            v[0].scale(1.0 / beta); // v0 = r / beta
            ls.start(beta);
            int j = 0;
            boolean lucky = false;
            String detail = "";
            while (j < mm) {
                try {
                    m.apply(v[j], zs[j]); // z_j = M_j^-1 v_j
                } catch (io.krylovforge.core.solve.PreconditionerFailedException e) {
                    reason = StopReason.DIVERGED_PRECONDITIONER_FAILED;
                    detail = e.getMessage();
                    break;
                }
                Vector wj = v[j + 1]; // w is built in place in v_{j+1} (no copy into the basis afterwards)
                a.apply(zs[j], wj); // w = A z_j
                double hnext = ls.orthogonalize(wj, v, j);
                double est = ls.rotate(j);
                if (Double.isNaN(hnext) || Double.isNaN(est)) {
                    reason = StopReason.DIVERGED_NAN;
                    detail = "NaN in the Arnoldi process";
                    break;
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
                    lucky = true;
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
                    return KrylovSupport.finish(test, StopReason.DIVERGED_BREAKDOWN, k, a, b, x, w,
                            "back substitution failed (zero or non-finite pivot)");
                }
                ls.combine(w, zs, y, j);
                x.axpy(1.0, w); // x <- x + Z y
            }
            if (lucky || reason != null && reason.converged()) {
                StopReason confirmed = test.confirmReason(k, SolverSupport.trueResidualNorm(a, b, x, r),
                        replacements++);
                boolean missed = confirmed == null || confirmed == StopReason.DIVERGED_STAGNATION;
                if (missed && reason != null && !reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, w, detail); // the step's own verdict stands
                }
                if (confirmed != null) {
                    return KrylovSupport.finish(test, confirmed, k, a, b, x, w,
                            confirmed == StopReason.DIVERGED_STAGNATION ? ConvergenceTest.STAGNATION_DETAIL : "");
                }
            } else if (reason != null) {
                return KrylovSupport.finish(test, reason, k, a, b, x, w, detail);
            }
        }
    }
}
