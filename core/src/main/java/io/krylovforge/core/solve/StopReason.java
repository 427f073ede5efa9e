package io.krylovforge.core.solve;

/**
 * Why a solve stopped. Converged reasons start with {@code CONVERGED}; every other reason is an
 * honest failure that the caller can act on (PETSc's KSPConvergedReason, in Java).
 */
public enum StopReason {
    /** ‖r‖ ≤ rtol·‖b‖. */
    CONVERGED_RTOL("relative residual below rtol"),
    /** ‖r‖ ≤ atol. */
    CONVERGED_ATOL("residual norm below atol"),
    /** b = 0, so x = 0 is exact. */
    CONVERGED_ZERO_RHS("right-hand side is zero, x = 0"),
    /** The iteration limit was reached first. */
    DIVERGED_MAX_ITERATIONS("iteration limit reached"),
    /** ‖r‖ grew past dtol·‖r₀‖. */
    DIVERGED_DTOL("residual grew past dtol times the initial residual"),
    /** A scalar the method divides by vanished (ρ = 0, ω = 0, a zero Hessenberg pivot...). */
    DIVERGED_BREAKDOWN("breakdown: a quantity the method divides by vanished"),
    /** The residual stopped decreasing (or the true residual stays above the tolerance). */
    DIVERGED_STAGNATION("stagnation: the residual no longer decreases"),
    /** pᵀAp ≤ 0 in a method that needs a positive definite matrix (CG, MINRES...). */
    DIVERGED_INDEFINITE_MATRIX("matrix is not positive definite"),
    /** rᵀM⁻¹r ≤ 0 in a method that needs a positive definite preconditioner. */
    DIVERGED_INDEFINITE_PRECONDITIONER("preconditioner is not positive definite"),
    /** A NaN or infinity appeared. */
    DIVERGED_NAN("NaN or infinity in the residual"),
    /** The preconditioner failed to set up or apply (zero pivot...). */
    DIVERGED_PRECONDITIONER_FAILED("preconditioner failed"),
    /** A direct factorisation met a zero or tiny pivot (the matrix is singular to working precision). */
    DIVERGED_ZERO_PIVOT("zero or tiny pivot in a direct factorisation");

    private final String description;

    StopReason(String description) {
        this.description = description;
    }

    /** Whether this reason is a success (its name starts with CONVERGED). */
    public boolean converged() {
        return name().startsWith("CONVERGED");
    }

    /** One line for a human. */
    public String description() {
        return description;
    }
}
