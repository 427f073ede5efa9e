package io.krylovforge.core.io;

/** How {@link MatrixMarket#write(java.nio.file.Path, io.krylovforge.core.linalg.CsrMatrix, String, SymmetryStorage)} stores a matrix. */
public enum SymmetryStorage {
    /** Every entry, as {@code general}. */
    GENERAL,
    /** An exactly symmetric matrix as {@code symmetric} (lower triangle only); anything else as {@code general}. */
    SYMMETRIC_IF_EXACT
}
