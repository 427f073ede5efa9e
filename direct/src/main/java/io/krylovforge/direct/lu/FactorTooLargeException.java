package io.krylovforge.direct.lu;

/**
 * The factors a symbolic analysis predicts would not fit in the heap; thrown before any numeric
 * work, with the bytes needed and the bytes available, so the caller can pick an iterative method.
 */
public final class FactorTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long bytesNeeded;
    private final long bytesAvailable;

    public FactorTooLargeException(String what, long bytesNeeded, long bytesAvailable) {
        super(what + " needs about " + bytesNeeded + " bytes for its factors but only " + bytesAvailable
                + " bytes of heap are available (raise -Xmx or use an iterative solver)");
        this.bytesNeeded = bytesNeeded;
        this.bytesAvailable = bytesAvailable;
    }

    /** Bytes the factors would need, from the symbolic analysis. */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    /** Bytes of heap free when the analysis was done. */
    public long bytesAvailable() {
        return bytesAvailable;
    }
}
