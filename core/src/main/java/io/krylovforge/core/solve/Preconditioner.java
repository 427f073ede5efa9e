package io.krylovforge.core.solve;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;

/**
 * z = M⁻¹r for some M ≈ A. {@code setUp} does the symbolic and numeric work once; {@code apply}
 * is then cheap and reusable across solves with the same matrix. {@code update} takes new values
 * on the same pattern (sequences of related systems).
 *
 * <p>Solvers call {@code setUp(a)} at the start of every solve; an implementation skips the work
 * when it is handed the operator it was last set up with, so one instance can serve many solves.
 */
public interface Preconditioner {
    /** Builds M from A. May throw {@link PreconditionerFailedException} (zero pivot...). */
    void setUp(LinearOperator a);

    /** Takes new values of a matrix with the set-up pattern; by default a full set-up. */
    default void update(LinearOperator a) {
        setUp(a);
    }

    /** z ← M⁻¹ r; r unchanged, z must not alias r. */
    void apply(Vector r, Vector z);

    /**
     * z ← M⁻¹ r and returns rᵀz (PCG's ρ). Implementations that produce z row by row override it
     * to sum the dot while z is still in registers, saving a pass over r and z per iteration;
     * the sum may then round differently from {@code r.dot(z)}.
     */
    default double applyDot(Vector r, Vector z) {
        apply(r, z);
        return r.dot(z);
    }

    /**
     * Short name for reports ("jacobi", "ilu0", "amg").
     *
     * @return the name
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Whether M is symmetric positive definite when A is (so it may be used in CG).
     *
     * @return whether M is SPD for SPD A
     */
    default boolean isSymmetric() {
        return false;
    }
}
