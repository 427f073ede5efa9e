package io.krylovforge.precond.factor;

/** What {@link IncompleteCholesky0} does when a pivot is not positive. */
public enum PivotBreakdown {
    /** Retry on A + α·diag(A) with a growing α (Manteuffel's shift); the default. */
    SHIFT_DIAGONAL,
    /** Throw {@link io.krylovforge.core.solve.PreconditionerFailedException}. */
    FAIL
}
