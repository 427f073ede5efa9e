package io.krylovforge.core.backend;

/** A requested backend cannot run here (no device, no driver, natives missing). */
public class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is missing (driver, device, library) and how to get it
     * @param cause   the loader's error, usually an {@link UnsatisfiedLinkError}
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what is missing (driver, device, library) and how to get it */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
