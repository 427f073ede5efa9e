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
    SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options);

    /** Short name, as the registry and CLI know it ("cg", "gmres"). */
    String name();
}
