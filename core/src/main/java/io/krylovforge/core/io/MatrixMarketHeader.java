package io.krylovforge.core.io;

import java.util.Locale;

/**
 * What the banner and size line of a Matrix Market file say, read without loading the entries
 * (see {@link MatrixMarket#readHeader}).
 *
 * @param object   matrix or vector
 * @param format   coordinate (sparse triplets) or array (dense, column-major)
 * @param field    value type ({@code double} in a file reads as {@link Field#REAL})
 * @param symmetry storage symmetry; symmetric and skew-symmetric files store one triangle
 * @param rows     number of rows (vector length for vectors)
 * @param cols     number of columns (1 for vectors)
 * @param nnz      number of entries stored in the file (for array files the number of values
 *                 listed), or -1 where the size line does not say: a {@code vector coordinate}
 *                 file with a one-number size line, as lis writes it
 */
public record MatrixMarketHeader(ObjectType object, Format format, Field field, Symmetry symmetry,
        int rows, int cols, long nnz) {

    /** Banner word 2. */
    public enum ObjectType {
        /** A matrix. */
        MATRIX,
        /** A vector. */
        VECTOR
    }

    /** Banner word 3. */
    public enum Format {
        /** Sparse: one "i j value" line per stored entry, 1-based indices. */
        COORDINATE,
        /** Dense: all values, column by column. */
        ARRAY
    }

    /** Banner word 4; complex is recognised only to be rejected with a clear message. */
    public enum Field {
        /** Floating-point values. */
        REAL,
        /** Integer values (read as doubles). */
        INTEGER,
        /** No values: every stored entry is 1. */
        PATTERN
    }

    /** Banner word 5; hermitian is recognised only to be rejected. */
    public enum Symmetry {
        /** Every entry stored. */
        GENERAL,
        /** Only the lower triangle stored; a_ji = a_ij. */
        SYMMETRIC,
        /** Only the strict lower triangle stored; a_ji = −a_ij. */
        SKEW_SYMMETRIC
    }

    /** Whether only one triangle is stored (symmetric or skew-symmetric). */
    public boolean triangular() {
        return symmetry != Symmetry.GENERAL;
    }

    /** The banner line as it would be written, e.g. {@code %%MatrixMarket matrix coordinate real symmetric}. */
    public String banner() {
        return "%%MatrixMarket " + word(object) + " " + word(format) + " " + word(field) + " "
                + word(symmetry);
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
