package io.krylovforge.core.linalg;

/** A user error: operands whose sizes do not fit together. The message names both sizes. */
public class DimensionMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public DimensionMismatchException(String message) {
        super(message);
    }
}
