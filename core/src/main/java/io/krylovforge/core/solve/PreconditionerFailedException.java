package io.krylovforge.core.solve;

/** A preconditioner could not be built or applied (zero pivot, indefinite block...). */
public class PreconditionerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the preconditioner and the failing row (0-based), e.g. "ilu0: pivot u_ii = 0
     *        in row 7 (0-based)"
     */
    public PreconditionerFailedException(String message) {
        super(message);
    }
}
