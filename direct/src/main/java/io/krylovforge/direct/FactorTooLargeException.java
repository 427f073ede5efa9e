package io.krylovforge.direct;

/**
 * A factorisation refused before allocation because the memory its symbolic analysis predicts
 * exceeds the free heap. The message names both figures and the remedy.
 */
public final class FactorTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long bytesNeeded;
    private final long bytesAvailable;

    /** A refusal for a factor of {@code needed} bytes when {@code available} bytes are free. */
    public FactorTooLargeException(String what, long needed, long available) {
        super(String.format("%s needs %.1f MiB for its factor but only %.1f MiB of heap is free "
                + "(raise -Xmx, or use an iterative solver)", what, needed / 1048576.0,
                available / 1048576.0));
        this.bytesNeeded = needed;
        this.bytesAvailable = available;
    }

    /** Bytes the factor would need. */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    /** Bytes of heap that were free. */
    public long bytesAvailable() {
        return bytesAvailable;
    }
}
