package io.krylovforge.core.linalg;

/** A user error: operands whose sizes do not fit together. The message names both sizes. */
public class DimensionMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the shapes involved, e.g. "operator is 3x3 but x has 4 entries" */
    public DimensionMismatchException(String message) {
        super(message);
    }
}
