package io.krylovforge.core.io;

import io.krylovforge.core.linalg.CsrMatrix;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads and writes Matrix Market ({@code .mtx}, {@code .mtx.gz}) files.
 *
 * <pre>{@code
 * CsrMatrix a = MatrixMarket.read(Path.of("494_bus.mtx"));          // symmetric: both triangles
 * double[] b = MatrixMarket.readVector(Path.of("testvec0.mtx"));
 * MatrixMarketHeader h = MatrixMarket.readHeader(Path.of("big.mtx.gz")); // banner + size only
 * MatrixMarket.write(Path.of("out.mtx"), a, "made by KrylovForge", SymmetryStorage.SYMMETRIC_IF_EXACT);
 * }</pre>
 *
 * <p>Malformed or unsupported files (complex, hermitian) raise {@link MatrixMarketException},
 * whose message reads {@code file:line: problem}; I/O failures raise {@link IOException}.
 * Indices in files are 1-based, in memory 0-based. See {@link MatrixMarketReader} for the
 * accepted variants and {@link MatrixMarketWriter} for the output form.
 *
 * <p>Reference: NIST Matrix Market, https://math.nist.gov/MatrixMarket/formats.html
 */
public final class MatrixMarket {
    private MatrixMarket() {
    }

    /**
     * Reads a matrix with {@link ReadOptions#defaults()}; symmetric storage is expanded.
     *
     * @param path the .mtx file
     * @return the matrix
     * @throws MatrixMarketException if the file is malformed (the message names file, line and problem)
     * @throws IOException if the file cannot be read
     */
    public static CsrMatrix read(Path path) throws IOException {
        return read(path, ReadOptions.defaults());
    }

    /**
     * Reads a matrix; symmetric and skew-symmetric storage is expanded to both triangles.
     *
     * @param path    the .mtx file
     * @param options what to accept (non-finite values, non-square shape)
     * @return the matrix
     * @throws MatrixMarketException if the file is malformed (the message names file, line and problem)
     * @throws IOException if the file cannot be read
     */
    public static CsrMatrix read(Path path, ReadOptions options) throws IOException {
        try (MatrixMarketReader r = new MatrixMarketReader(path, options)) {
            return r.readMatrix();
        }
    }

    /**
     * Reads a vector (right-hand side) with {@link ReadOptions#defaults()}.
     *
     * @param path the .mtx file
     * @return the entries
     * @throws MatrixMarketException if the file is malformed or not a vector
     * @throws IOException if the file cannot be read
     */
    public static double[] readVector(Path path) throws IOException {
        return readVector(path, ReadOptions.defaults());
    }

    /**
     * Reads a vector: {@code vector coordinate} as lis writes it (size line {@code n} or
     * {@code n nnz}, then {@code i value} lines), {@code vector array}, or a one-column
     * {@code matrix} in coordinate or array format. Entries not listed are zero.
     *
     * @param path    the .mtx file
     * @param options what to accept
     * @return the entries
     * @throws MatrixMarketException if the file is malformed or not a vector
     * @throws IOException if the file cannot be read
     */
    public static double[] readVector(Path path, ReadOptions options) throws IOException {
        try (MatrixMarketReader r = new MatrixMarketReader(path, options)) {
            return r.readVector();
        }
    }

    /**
     * Reads a right-hand side that must have {@code expectedLength} entries: a vector of
     * another length is refused from its size line, before its storage is allocated.
     */
    public static double[] readVector(Path path, int expectedLength) throws IOException {
        if (expectedLength < 0) {
            throw new IllegalArgumentException("expectedLength must be >= 0, got " + expectedLength);
        }
        try (MatrixMarketReader r = new MatrixMarketReader(path, ReadOptions.defaults())) {
            return r.readVector(expectedLength);
        }
    }

    /**
     * Reads only the banner and size line (comments skipped), without loading the entries.
     *
     * @param path the .mtx file
     * @return banner and sizes
     * @throws MatrixMarketException if the banner or size line is malformed
     * @throws IOException if the file cannot be read
     */
    public static MatrixMarketHeader readHeader(Path path) throws IOException {
        try (MatrixMarketReader r = new MatrixMarketReader(path, ReadOptions.defaults())) {
            return r.header();
        }
    }

    /**
     * Writes {@code a} as {@code matrix coordinate real general}.
     *
     * @param path    the file to write (replaced atomically)
     * @param a       the matrix
     * @param comment ASCII text written as {@code %} lines after the banner; null or empty for none
     * @throws IOException if writing fails
     */
    public static void write(Path path, CsrMatrix a, String comment) throws IOException {
        MatrixMarketWriter.write(path, a, comment, false);
    }

    /**
     * Writes {@code a}, stored as {@code storage} says.
     *
     * @param path    the file to write
     * @param a       the matrix
     * @param comment ASCII text written as {@code %} lines after the banner; null or empty for none
     * @param storage GENERAL, or SYMMETRIC_IF_EXACT (one triangle when a is exactly symmetric)
     * @throws IOException if writing fails
     */
    public static void write(Path path, CsrMatrix a, String comment, SymmetryStorage storage) throws IOException {
        if (storage == null) {
            throw new IllegalArgumentException("storage must not be null");
        }
        MatrixMarketWriter.write(path, a, comment, storage == SymmetryStorage.SYMMETRIC_IF_EXACT);
    }

    /**
     * Writes {@code a}; with {@code symmetricIfPossible} an exactly symmetric matrix is written
     * as {@code symmetric} (lower triangle only), anything else as {@code general}.
     *
     * @param comment ASCII text written as {@code %} lines after the banner; null or empty for none
     * @param path                the file to write
     * @param a                   the matrix
     * @param symmetricIfPossible whether to store an exactly symmetric matrix as one triangle
     * @throws IOException if writing fails
     * @deprecated a bare boolean; use {@link #write(Path, CsrMatrix, String, SymmetryStorage)}
     */
    @Deprecated
    public static void write(Path path, CsrMatrix a, String comment, boolean symmetricIfPossible)
            throws IOException {
        MatrixMarketWriter.write(path, a, comment, symmetricIfPossible);
    }

    /**
     * Writes {@code x} as a one-column {@code matrix array real general}.
     *
     * @param path the file to write
     * @param x    the entries
     * @throws IOException if writing fails
     */
    public static void writeVector(Path path, double[] x) throws IOException {
        MatrixMarketWriter.writeVector(path, x, null);
    }

    /**
     * Writes {@code x} as a one-column {@code matrix array real general} with a comment.
     *
     * @param path    the file to write
     * @param x       the entries
     * @param comment ASCII text written as {@code %} lines; null or empty for none
     * @throws IOException if writing fails
     */
    public static void writeVector(Path path, double[] x, String comment) throws IOException {
        MatrixMarketWriter.writeVector(path, x, comment);
    }
}
