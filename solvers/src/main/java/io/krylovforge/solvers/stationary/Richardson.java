package io.krylovforge.solvers.stationary;

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
 * (Preconditioned) Richardson iteration: x ← x + ω M⁻¹(b − Ax).
 *
 * <p>Converges iff the spectral radius of I − ωM⁻¹A is below 1; for SPD M⁻¹A that means
 * 0 &lt; ω &lt; 2/λ_max, with the best rate at ω = 2/(λ_min + λ_max). Works on any operator and
 * backend (Vector operations only). Stopping rule: the true residual, one SpMV per iteration,
 * which the update reuses; growth past dtol gives DIVERGED_DTOL (too large an ω).
 *
 * <p>Reference: Richardson (1911); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed.,
 * Chapter 4 (basic iterative methods).
 */
public final class Richardson implements IterativeSolver {
    private final double omega;

    /** Richardson iteration with ω = 1. */
    public Richardson() {
        this(1.0);
    }

    /** @param omega step length, &gt; 0 */
    public Richardson(double omega) {
        if (!(omega > 0.0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("Richardson omega must be > 0 and finite, got " + omega);
        }
        this.omega = omega;
    }

    /** {@return the step size ω} */
    public double omega() {
        return omega;
    }

    @Override
    public String name() {
        return "richardson";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditioner();
        if (!options.nonzeroGuess()) {
            x.fill(0.0);
        }
        Vector r = b.zerosLike();
        Vector z = m != null ? b.zerosLike() : r;
        SolverSupport.residual(a, b, x, r);
        double rnorm = r.norm2();
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        while (reason == null) {
            if (m != null) {
                m.apply(r, z); // z = M^-1 r
            }
            x.axpy(omega, z); // x <- x + omega z
            k++;
            SolverSupport.residual(a, b, x, r); // r = b - A x
            rnorm = r.norm2();
            reason = test.check(k, rnorm);
        }
        return StationarySupport.finish(test, reason, k, rnorm, b, x);
    }
}
