package io.krylovforge.datasets;

/** A mistake in what the caller asked the dataset generator to do; the message says which value. */
public class DatasetArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message the bad value and what is accepted */
    public DatasetArgumentException(String message) {
        super(message);
    }
}
