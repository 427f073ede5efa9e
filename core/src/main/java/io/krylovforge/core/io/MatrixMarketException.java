package io.krylovforge.core.io;

/**
 * A malformed or unsupported Matrix Market file. The message reads {@code file:line: problem},
 * like a compiler diagnostic, so a CLI can print it as it is.
 */
public final class MatrixMarketException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String problem;

    /**
     * @param fileName the file's name (not its full path) as shown in the message
     * @param line     1-based line number the problem was found on
     * @param problem  what is wrong, without the location
     */
    public MatrixMarketException(String fileName, int line, String problem) {
        super(fileName + ":" + line + ": " + problem);
        this.fileName = fileName;
        this.line = line;
        this.problem = problem;
    }

    /**
     * A problem with the file as a whole (a directory, unreadable gzip header...); the message
     * reads {@code file: problem} and {@link #line()} is 0.
     */
    public MatrixMarketException(String fileName, String problem) {
        super(fileName + ": " + problem);
        this.fileName = fileName;
        this.line = 0;
        this.problem = problem;
    }

    /** The file's name as given in the message. */
    public String fileName() {
        return fileName;
    }

    /** 1-based line number, or 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** The problem, without file and line. */
    public String problem() {
        return problem;
    }
}
