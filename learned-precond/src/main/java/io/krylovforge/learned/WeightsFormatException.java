package io.krylovforge.learned;

/** A {@code .kfw} weights file that cannot be used: the message names the file and the problem. */
public class WeightsFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The weights file or resource. */
    private final String source;

    /**
     * @param source  the weights file or resource
     * @param problem what is wrong with it
     */
    public WeightsFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
    }

    /** {@return the file (or resource) that was being read} */
    public String source() {
        return source;
    }
}
