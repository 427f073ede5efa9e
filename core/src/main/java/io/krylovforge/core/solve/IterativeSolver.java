package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/**
 * Solves A·x = b iteratively. {@code x} is the initial guess in (used only when
 * {@link SolverOptions#nonzeroGuess()}; else zeroed) and the solution out; {@code b} is never
 * modified. A failed solve does not throw: it returns a {@link SolveResult} whose
 * {@link StopReason} says why. Bad input (sizes, NaN in b) throws an IllegalArgumentException.
 */
public interface IterativeSolver {
    /**
     * Solves A x = b.
     *
     * @param a       the square operator
     * @param b       right-hand side (never modified)
     * @param x       initial guess in (used when {@code options.nonzeroGuess()}), solution out
     * @param options tolerances, limits, preconditioner and monitor
     * @return why it stopped, iterations, the recomputed residual and its history; a numerical
     *        failure is a stop reason, not an exception
     * @throws IllegalArgumentException for bad input (shapes, NaN in b)
     */
    SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options);

    /** Short name, as the registry and CLI know it ("cg", "gmres"). */
    String name();

    /**
     * The divergence tolerance this method should run with when the caller has no reason to pick
     * one: {@link SolverOptions#defaults()}'s 1e5 for methods whose residual does not grow far, and
     * more for methods with known transient growth (BiCGStab- and CGS-type residuals can grow by
     * 10⁵ and more before converging), so the default does not stop them mid-transient.
     */
    default double defaultDtol() {
        return SolverOptions.defaults().dtol();
    }
}
