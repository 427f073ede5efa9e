package io.krylovforge.solvers.recycle;

import io.krylovforge.solvers.krylov.PreconditionerSide;

/**
 * Options of {@link GcroDr}: restart length m, recycle dimension k, preconditioner side,
 * Gram–Schmidt variant and refresh period. Immutable; {@code withX} returns a copy.
 *
 * @param restart      m ≥ 1: Krylov vectors per cycle, recycled ones included (PETSc
 *                     {@code -ksp_gmres_restart})
 * @param recycle      k, 0 ≤ k &lt; m: recycled vectors carried between cycles and solves; 0 is
 *                     restarted GMRES(m)
 * @param side         where the preconditioner goes (right: the residual is the true b − Ax)
 * @param ortho        Gram–Schmidt variant of the Arnoldi process
 * @param refreshEvery R ≥ 1: the recycle space is refreshed from the harmonic Ritz vectors after
 *                     every R-th cycle of a solve, after the cycle that converges (or hits the
 *                     iteration limit), and whenever the space is empty; 1 = every cycle (Parks et
 *                     al.). Cycles in between keep U, C (still Â·U = C, CᵀC = I), so they skip the
 *                     eigenproblem and the n·m·k refresh products.
 */
public record GcroDrOptions(int restart, int recycle, PreconditionerSide side, Orthogonalization ortho,
        int refreshEvery) {
    /** Default restart length m (SKR paper, PETSc -ksp_gmres_restart 40). */
    public static final int DEFAULT_RESTART = 40;
    /** Default recycle dimension k (SKR paper, -ksp_hpddm_recycle 20). */
    public static final int DEFAULT_RECYCLE = 20;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if m &lt; 1, k is outside [0, m), side or ortho is null, or R &lt; 1
     */
    public GcroDrOptions {
        if (restart < 1) {
            throw new IllegalArgumentException("restart length m must be >= 1, got " + restart);
        }
        if (recycle < 0 || recycle >= restart) {
            throw new IllegalArgumentException("recycle dimension k must satisfy 0 <= k < m, got k=" + recycle
                    + ", m=" + restart);
        }
        if (side == null) {
            throw new IllegalArgumentException("preconditioner side must not be null");
        }
        if (ortho == null) {
            throw new IllegalArgumentException("orthogonalization must not be null");
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery must be >= 1, got " + refreshEvery);
        }
    }

    /**
     * GCRO-DR(40, 20), right preconditioning, refined classical Gram–Schmidt, refresh every cycle.
     * To shrink m below 21, set k first: {@code defaults().withRecycle(5).withRestart(10)} (each
     * copy is validated on its own).
     *
     * @return the defaults
     */
    public static GcroDrOptions defaults() {
        return new GcroDrOptions(DEFAULT_RESTART, DEFAULT_RECYCLE, PreconditionerSide.RIGHT,
                Orthogonalization.CLASSICAL_REFINED, 1);
    }

    /**
     * GCRO-DR(m, k) with the other options at their defaults.
     *
     * @param restart m ≥ 1
     * @param recycle k, 0 ≤ k &lt; m
     * @return the options
     * @deprecated two positional ints; use {@code defaults().withRecycle(k).withRestart(m)}
     */
    @Deprecated
    public static GcroDrOptions of(int restart, int recycle) {
        return new GcroDrOptions(restart, recycle, PreconditionerSide.RIGHT, Orthogonalization.CLASSICAL_REFINED, 1);
    }

    /**
     * A copy with {@code restart} = {@code m}, validated as the constructor does.
     *
     * @param m the new {@code restart}
     * @return the changed copy
     */
    public GcroDrOptions withRestart(int m) {
        return new GcroDrOptions(m, recycle, side, ortho, refreshEvery);
    }

    /**
     * A copy with {@code recycle} = {@code k}, validated as the constructor does.
     *
     * @param k the new {@code recycle}
     * @return the changed copy
     */
    public GcroDrOptions withRecycle(int k) {
        return new GcroDrOptions(restart, k, side, ortho, refreshEvery);
    }

    /**
     * A copy with {@code side} = {@code s}, validated as the constructor does.
     *
     * @param s the new {@code side}
     * @return the changed copy
     */
    public GcroDrOptions withSide(PreconditionerSide s) {
        return new GcroDrOptions(restart, recycle, s, ortho, refreshEvery);
    }

    /**
     * A copy with {@code ortho} = {@code o}, validated as the constructor does.
     *
     * @param o the new {@code ortho}
     * @return the changed copy
     */
    public GcroDrOptions withOrtho(Orthogonalization o) {
        return new GcroDrOptions(restart, recycle, side, o, refreshEvery);
    }

    /**
     * A copy with {@code refreshEvery} = {@code r}, validated as the constructor does.
     *
     * @param r the new {@code refreshEvery}
     * @return the changed copy
     */
    public GcroDrOptions withRefreshEvery(int r) {
        return new GcroDrOptions(restart, recycle, side, ortho, r);
    }
}
