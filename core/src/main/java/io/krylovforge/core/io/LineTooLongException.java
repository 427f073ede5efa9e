package io.krylovforge.core.io;

import java.io.IOException;

/**
 * A line or token longer than the tokenizer's maximum; the reader turns it into a
 * {@link MatrixMarketException} naming the file.
 */
final class LineTooLongException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int line;

    LineTooLongException(int line, int maxLine, String what) {
        super(what + " longer than " + maxLine + " bytes (Matrix Market lines are at most 1024 characters;"
                + " is this a Matrix Market file?)");
        this.line = line;
    }

    /** 1-based line the long text starts on. */
    int line() {
        return line;
    }
}
