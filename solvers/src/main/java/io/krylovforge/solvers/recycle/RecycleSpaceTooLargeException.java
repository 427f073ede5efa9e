package io.krylovforge.solvers.recycle;

/** A recycle (or deflation) space of the requested size would not fit in the JVM heap. */
public class RecycleSpaceTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the sizes asked for and the heap available
     */
    public RecycleSpaceTooLargeException(String message) {
        super(message);
    }
}
