package io.krylovforge.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits an ASCII byte stream into whitespace-separated tokens without creating objects per
 * token: after {@link #next()} the token is {@code buffer()[start(), end())}, found on line
 * {@link #tokenLine()}. Lines starting a token with {@code %} are comments and are skipped, as
 * are blank lines; CR, tab, form feed and vertical tab count as spaces, so CRLF files and
 * free-format layouts (several numbers per line, entries split over lines) read the same.
 *
 * <p>The stream is read in large blocks into one array; a token cut by the block end is moved
 * to the front before the next block is read, and the array grows if a single token fills it.
 * A token, a line read whole ({@link #readLine()}) or a comment line longer than the maximum
 * line length is an error ({@link LineTooLongException}): hostile input (a gzip bomb expanding
 * to one huge line, a file of NUL bytes) must not grow the buffer until the heap runs out. The
 * caller closes the stream.
 */
final class ByteTokenizer {
    private static final boolean[] SPACE = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', '\r', '\n', '\f', 0x0B}) {
            SPACE[c] = true;
        }
    }

    /**
     * Default maximum line length: 1 MiB. The Matrix Market format limits lines to 1024
     * characters; anything far longer is not a Matrix Market file.
     */
    static final int MAX_LINE = 1 << 20;

    private final InputStream in;
    private final int maxLine;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int line = 1; // line of buf[pos]
    private int lastByte = -1; // last byte read from the stream, for the EOF line number
    private int start;
    private int end;
    private int tokenLine;

    ByteTokenizer(InputStream in, int bufferSize) {
        this(in, bufferSize, MAX_LINE);
    }

    /** With a chosen maximum line (and token) length in bytes. */
    ByteTokenizer(InputStream in, int bufferSize, int maxLine) {
        this.in = in;
        this.maxLine = Math.max(16, maxLine);
        this.buf = new byte[Math.max(64, Math.min(bufferSize, this.maxLine + 1))];
    }

    /** The maximum line and token length in bytes. */
    int maxLine() {
        return maxLine;
    }

    /** The array holding the current token (it may be replaced by the next call). */
    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    int tokenLine() {
        return tokenLine;
    }

    /** The current token as a string, for messages (control and non-ASCII bytes as \xNN). */
    String token() {
        int n = Math.min(end - start, 60);
        StringBuilder s = new StringBuilder(n + 3);
        for (int k = start; k < start + n; k++) {
            int c = buf[k] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            }
        }
        return n < end - start ? s + "..." : s.toString();
    }

    /**
     * The number of the last line of the input, for "premature end of file" messages; a final
     * newline does not start a new line. Meaningful once {@link #next()} returned false.
     */
    int lastLine() {
        return lastByte == '\n' ? line - 1 : line;
    }

    /** Moves to the next token, skipping spaces, blank lines and comments; false at the end. */
    boolean next() throws IOException {
        byte[] b = buf;
        int p = pos;
        int lim = limit;
        final boolean[] space = SPACE;
        for (;;) {
            if (p >= lim) {
                pos = p;
                if (!fill()) {
                    return false;
                }
                b = buf;
                p = pos;
                lim = limit;
                continue;
            }
            int c = b[p] & 0xff;
            if (space[c]) {
                if (c == '\n') {
                    line++;
                }
                p++;
            } else if (c == '%') {
                pos = p;
                skipRestOfLine();
                b = buf;
                p = pos;
                lim = limit;
            } else {
                break;
            }
        }
        int s = p;
        for (;;) {
            while (p < lim && !space[b[p] & 0xff]) {
                p++;
            }
            if (p < lim || eof) {
                break;
            }
            // The block ends inside the token: keep it (fill moves it to the front) and read on.
            pos = s;
            int scanned = p - s;
            if (scanned > maxLine) {
                throw new LineTooLongException(line, maxLine, "a token");
            }
            fill();
            b = buf;
            s = pos;
            p = s + scanned;
            lim = limit;
        }
        start = s;
        end = p;
        tokenLine = line;
        pos = p;
        return true;
    }

    /**
     * Returns the rest of the current line (without CR/LF) and moves past its newline, or
     * null at the end of the input. For the banner and size line only.
     */
    String readLine() throws IOException {
        if (pos >= limit && !fill()) {
            return null;
        }
        ByteArrayOutputStream out = null;
        for (;;) {
            int p = pos;
            while (p < limit && buf[p] != '\n') {
                p++;
            }
            if (out == null && p < limit) {
                String s = lineText(buf, pos, p);
                pos = p + 1;
                line++;
                return s;
            }
            if (out == null) {
                out = new ByteArrayOutputStream();
            }
            if ((long) out.size() + (p - pos) > maxLine) {
                throw new LineTooLongException(line, maxLine, "a line");
            }
            out.write(buf, pos, p - pos);
            pos = p;
            if (p < limit) {
                pos = p + 1;
                line++;
                byte[] all = out.toByteArray();
                return lineText(all, 0, all.length);
            }
            if (!fill()) {
                byte[] all = out.toByteArray();
                return lineText(all, 0, all.length);
            }
        }
    }

    /** Line number of the next unread byte. */
    int line() {
        return line;
    }

    private static String lineText(byte[] b, int from, int to) {
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private void skipRestOfLine() throws IOException {
        long length = 0;
        for (;;) {
            int p = pos;
            while (p < limit && buf[p] != '\n') {
                p++;
            }
            length += p - pos;
            pos = p;
            if (length > maxLine) {
                throw new LineTooLongException(line, maxLine, "a comment line");
            }
            if (p < limit || !fill()) {
                return; // the newline itself is left for the caller to count
            }
        }
    }

    /**
     * Moves {@code buf[pos, limit)} to the front, growing the array if it is full, and reads
     * more; returns false when nothing more could be read.
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int keep = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
        } else if (keep == buf.length) {
            // Only a token can fill the buffer, and tokens stop at maxLine: growth ends there
            // (computed in long, so doubling never overflows).
            int grown = (int) Math.min(2L * buf.length, (long) maxLine + 2);
            if (grown <= buf.length) {
                throw new LineTooLongException(line, maxLine, "a token");
            }
            buf = java.util.Arrays.copyOf(buf, grown);
        }
        pos = 0;
        limit = keep;
        for (;;) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
                return false;
            }
            if (n > 0) {
                limit += n;
                lastByte = buf[limit - 1] & 0xff;
                return true;
            }
        }
    }
}
