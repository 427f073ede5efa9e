package io.krylovforge.core.io;

import io.krylovforge.core.io.MatrixMarketHeader.Field;
import io.krylovforge.core.io.MatrixMarketHeader.Format;
import io.krylovforge.core.io.MatrixMarketHeader.ObjectType;
import io.krylovforge.core.io.MatrixMarketHeader.Symmetry;
import java.io.IOException;
import java.util.Locale;

/**
 * Parses the head of a Matrix Market file: the {@code %%MatrixMarket object format field
 * symmetry} banner, the comment lines and the size line, with a one-line error naming the file,
 * the line and the problem for anything else (unknown words, complex/hermitian fields, sizes that
 * cannot fit one Java array, non-square symmetric matrices). Split from {@link MatrixMarketReader},
 * which streams the entries that follow.
 */
final class MatrixMarketHeaderParser {
    /** Largest Java array length this reader allocates. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private final ByteTokenizer tok;
    private final String fileName;
    private int sizeLine;

    MatrixMarketHeaderParser(ByteTokenizer tok, String fileName) {
        this.tok = tok;
        this.fileName = fileName;
    }

    /** The 1-based line number of the size line (after {@link #parse()}). */
    int sizeLine() {
        return sizeLine;
    }

    /**
     * Parses banner, comments and size line, leaving the tokenizer at the first entry.
     *
     * @return the header
     * @throws IOException if reading fails
     * @throws MatrixMarketException naming the file, line and problem
     */
    MatrixMarketHeader parse() throws IOException {
        String banner = tok.readLine();
        if (banner == null) {
            throw error(1, "empty file: expected a '%%MatrixMarket' banner line");
        }
        if (banner.startsWith("\u00ef\u00bb\u00bf")) { // UTF-8 byte order mark read as Latin-1
            banner = banner.substring(3);
        }
        String[] w = words(banner);
        if (w.length == 0 || !w[0].equalsIgnoreCase("%%MatrixMarket")) {
            throw error(1, "missing banner: the first line must start with '%%MatrixMarket', found "
                    + quote(banner));
        }
        if (w.length < 5) {
            throw error(1, "incomplete banner " + quote(banner) + ": expected '%%MatrixMarket object format field symmetry'");
        }
        if (w.length > 5) {
            throw error(1, "unexpected word " + quote(w[5]) + " after the symmetry in the banner");
        }
        ObjectType object = parseObject(w[1]);
        Format format = parseFormat(w[2]);
        Field field = parseField(w[3]);
        Symmetry symmetry = parseSymmetry(w[4]);
        if (field == Field.PATTERN && format == Format.ARRAY) {
            throw error(1, "the pattern field needs coordinate format, not array");
        }
        if (field == Field.PATTERN && symmetry == Symmetry.SKEW_SYMMETRIC) {
            throw error(1, "a pattern matrix cannot be skew-symmetric");
        }
        if (object == ObjectType.VECTOR && symmetry != Symmetry.GENERAL) {
            throw error(1, "a vector must be general, not " + w[4]);
        }

        String size;
        for (;;) {
            sizeLine = tok.line();
            size = tok.readLine();
            if (size == null) {
                throw error(tok.lastLine(), "premature end of file: no size line after the banner");
            }
            String t = size.strip();
            if (!t.isEmpty() && t.charAt(0) != '%') {
                break;
            }
        }
        String expected = expectedSizeLine(object, format);
        String[] s = words(size);
        boolean oneOrTwo = object == ObjectType.VECTOR && format == Format.COORDINATE;
        int want = expected.split(" ").length;
        if (s.length != want && !(oneOrTwo && s.length == 1)) {
            throw error(sizeLine, "bad size line " + quote(size) + ": expected '" + expected + "'");
        }
        long[] v = new long[s.length];
        for (int k = 0; k < s.length; k++) {
            try {
                v[k] = Long.parseLong(s[k]);
            } catch (NumberFormatException e) {
                throw error(sizeLine, "bad size line " + quote(size) + ": " + quote(s[k])
                        + " is not an integer (expected '" + expected + "')");
            }
            if (v[k] < 0) {
                throw error(sizeLine, "bad size line " + quote(size) + ": negative " + quote(s[k]));
            }
        }
        long rows = v[0];
        long cols = object == ObjectType.VECTOR ? 1 : v[1];
        if (rows > MAX_ARRAY || cols > MAX_ARRAY) {
            throw error(sizeLine, "matrix " + rows + "x" + cols + " is too large (at most "
                    + MAX_ARRAY + " rows and columns)");
        }
        if (symmetry != Symmetry.GENERAL && rows != cols) {
            throw error(sizeLine, "a " + w[4].toLowerCase(Locale.ROOT) + " matrix must be square, but the size line says "
                    + rows + "x" + cols);
        }
        long nnz;
        if (format == Format.ARRAY) {
            nnz = symmetry == Symmetry.GENERAL ? rows * cols
                    : symmetry == Symmetry.SYMMETRIC ? rows * (rows + 1) / 2 : rows * (rows - 1) / 2;
        } else if (object == ObjectType.VECTOR) {
            nnz = s.length == 2 ? v[1] : -1;
        } else {
            nnz = v[2];
        }
        if (nnz > MAX_ARRAY || (symmetry != Symmetry.GENERAL && 2 * nnz > MAX_ARRAY)) {
            throw error(sizeLine, "too many entries (" + nnz + ") for one array");
        }
        return new MatrixMarketHeader(object, format, field, symmetry, (int) rows, (int) cols, nnz);
    }

    private static String expectedSizeLine(ObjectType object, Format format) {
        if (object == ObjectType.VECTOR) {
            return format == Format.COORDINATE ? "length entries" : "length";
        }
        return format == Format.COORDINATE ? "rows cols entries" : "rows cols";
    }

    private ObjectType parseObject(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "matrix":
                return ObjectType.MATRIX;
            case "vector":
                return ObjectType.VECTOR;
            default:
                throw error(1, "unknown object " + quote(word) + " in banner (expected matrix or vector)");
        }
    }

    private Format parseFormat(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "coordinate":
                return Format.COORDINATE;
            case "array":
                return Format.ARRAY;
            default:
                throw error(1, "unknown format " + quote(word) + " in banner (expected coordinate or array)");
        }
    }

    private Field parseField(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "real":
            case "double":
                return Field.REAL;
            case "integer":
                return Field.INTEGER;
            case "pattern":
                return Field.PATTERN;
            case "complex":
                throw error(1, "complex matrices are not supported (KrylovForge is real-only)");
            default:
                throw error(1, "unknown field " + quote(word)
                        + " in banner (expected real, double, integer or pattern)");
        }
    }

    private Symmetry parseSymmetry(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "general":
                return Symmetry.GENERAL;
            case "symmetric":
                return Symmetry.SYMMETRIC;
            case "skew-symmetric":
                return Symmetry.SKEW_SYMMETRIC;
            case "hermitian":
                throw error(1, "hermitian matrices are not supported (they are complex; KrylovForge is real-only)");
            default:
                throw error(1, "unknown symmetry " + quote(word)
                        + " in banner (expected general, symmetric or skew-symmetric)");
        }
    }

    private MatrixMarketException error(int line, String problem) {
        return new MatrixMarketException(fileName, line, problem);
    }

    private static String[] words(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("[ \\t\\f\\u000b]+");
    }

    /** The text quoted for a message, or "binary data" when it is mostly not printable. */
    static String quote(String s) {
        String t = abbreviate(s);
        return t == null ? "binary data" : "'" + t + "'";
    }

    /**
     * Up to 60 characters for a message, control and non-ASCII bytes written as \xNN so they are
     * never echoed to a terminal; {@code null} when more than a quarter of them are such bytes.
     */
    static String abbreviate(String s) {
        String t = s.strip();
        int n = Math.min(t.length(), 60);
        int odd = 0;
        StringBuilder out = new StringBuilder(n + 3);
        for (int k = 0; k < n; k++) {
            char c = t.charAt(k);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                odd++;
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c & 0xff));
            }
        }
        if (odd * 4 > n) {
            return null;
        }
        return n < t.length() ? out + "..." : out.toString();
    }
}
