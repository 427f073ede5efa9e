package io.krylovforge.solvers.krylov;

/**
 * Whether a GMRES-type Arnoldi process makes a second Gram–Schmidt pass over the basis.
 */
public enum Reorthogonalization {
    /** One classical Gram–Schmidt pass (the default: the second pass changed no iteration count, see #19). */
    NONE,
    /** A second pass when the first lost too much of the vector (DGKS, "refine if needed"). */
    IF_NEEDED
}
