package io.krylovforge.core.solve;

/** A preconditioner could not be built or applied (zero pivot, indefinite block...). */
public class PreconditionerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PreconditionerFailedException(String message) {
        super(message);
    }
}
