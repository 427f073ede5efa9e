package io.krylovforge.spark;

/** A bad job argument: the driver prints its message as one line and exits 2, as {@code kforge generate} does. */
public final class JobArgumentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message the one-line problem, naming the option */
    public JobArgumentException(String message) {
        super(message);
    }
}
