package io.krylovforge.direct.lu;

/** How {@link SparseLu} orders the columns (the fill-reducing half of its analysis). */
public enum LuColumnOrder {
    /**
     * UMFPACK's choice: {@link #SYMMETRIC} when the pattern is mostly symmetric with a zero-free
     * diagonal, else {@link #NORMAL_EQUATIONS_AMD} (which gave less fill than {@link #COLAMD} on
     * the larger test matrices).
     */
    AUTO,
    /** Approximate minimum degree on A+Aᵀ, with the diagonal pivot preferred. */
    SYMMETRIC,
    /** Approximate column minimum degree on the pattern of A (AᵀA never formed); rows pivot freely. */
    COLAMD,
    /** Approximate minimum degree on an explicitly formed AᵀA graph; rows pivot freely. */
    NORMAL_EQUATIONS_AMD
}
