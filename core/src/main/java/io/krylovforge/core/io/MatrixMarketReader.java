package io.krylovforge.core.io;

import io.krylovforge.core.io.MatrixMarketHeader.Field;
import io.krylovforge.core.io.MatrixMarketHeader.Format;
import io.krylovforge.core.io.MatrixMarketHeader.ObjectType;
import io.krylovforge.core.io.MatrixMarketHeader.Symmetry;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one Matrix Market file: banner, comments, size line, then the entries streamed through a
 * {@link ByteTokenizer} straight into a {@link CooBuilder} (no object per entry).
 *
 * <p>Accepted: objects {@code matrix} and {@code vector}; formats {@code coordinate} and
 * {@code array}; fields {@code real} (alias {@code double}), {@code integer} and {@code pattern}
 * (every value 1.0); symmetries {@code general}, {@code symmetric} and {@code skew-symmetric}
 * (off-diagonal entries mirrored, with the sign flipped for skew, whose diagonal must be zero).
 * Like SciPy, an entry above the diagonal of a symmetric file is mirrored too. Duplicate
 * coordinate entries are summed; explicit zeros in coordinate files are kept, zeros of dense
 * array files are dropped, except that a symmetric file giving both (i,j) and (j,i) is an error
 * (summing them would double the pair silently). Gzip input is recognised by its magic bytes.
 *
 * <p>Hostile input: storage grows with the entries actually read, never from the size line
 * alone; an uncompressed file whose size line declares more entries than its bytes can hold is
 * refused at once, and a matrix whose row pointers alone exceed the Java heap is refused before
 * anything is allocated. Lines and tokens longer than {@link ByteTokenizer#MAX_LINE} bytes are
 * errors. Running out of heap while storing what was read becomes a {@link MatrixMarketException}
 * naming the file, the size and the heap limit.
 *
 * <p>The banner and size line are parsed by {@link MatrixMarketHeaderParser}; this class streams
 * the entries and owns the storage and heap checks.
 *
 * <p>Reference: R. F. Boisvert, R. Pozo, K. Remington, "The Matrix Market Exchange Formats:
 * Initial Design", NISTIR 5935, 1996.
 */
final class MatrixMarketReader implements Closeable {
    private static final int BUFFER = 1 << 20;
    private static final int MAX_ARRAY = MatrixMarketHeaderParser.MAX_ARRAY;
    /** First COO capacity for gzip input, whose entry count the file size cannot bound. */
    private static final int COMPRESSED_INITIAL = 1 << 16;

    private final Path path;
    private final String fileName;
    private final boolean compressed;
    /** Size of an uncompressed regular file in bytes, else -1 (gzip, devices, pipes). */
    private final long fileBytes;
    private final InputStream stream;
    private final ByteTokenizer tok;
    private final ReadOptions options;
    private MatrixMarketHeader header;
    private int sizeLine;

    MatrixMarketReader(Path path, ReadOptions options) throws IOException {
        this(path, options, BUFFER);
    }

    /** With a chosen buffer size: tests use tiny buffers to cross every block boundary. */
    MatrixMarketReader(Path path, ReadOptions options, int bufferSize) throws IOException {
        Path name = path.getFileName();
        this.path = path;
        this.fileName = name == null ? path.toString() : name.toString();
        this.options = options;
        if (Files.isDirectory(path)) {
            throw new MatrixMarketException(fileName, "is a directory, not a Matrix Market file");
        }
        PushbackInputStream in = new PushbackInputStream(Files.newInputStream(path), 2);
        try {
            byte[] magic = new byte[2];
            int n = in.readNBytes(magic, 0, 2);
            if (n > 0) {
                in.unread(magic, 0, n);
            }
            this.compressed = n == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
            this.fileBytes = !compressed && Files.isRegularFile(path) ? Files.size(path) : -1;
            this.stream = compressed ? gunzip(in) : in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
        this.tok = new ByteTokenizer(stream, bufferSize);
    }

    /** Unwraps gzip; a bad header (truncated, unknown method) becomes an error naming the file. */
    private InputStream gunzip(InputStream in) {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (IOException e) {
            throw new MatrixMarketException(fileName, "corrupt gzip header ("
                    + (e instanceof EOFException ? "the file ends inside it" : e.getMessage()) + ")");
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    /** Parses banner, comments and size line (once). */
    MatrixMarketHeader header() throws IOException {
        if (header == null) {
            try {
                MatrixMarketHeaderParser parser = new MatrixMarketHeaderParser(tok, fileName);
                header = parser.parse();
                sizeLine = parser.sizeLine();
            } catch (ZipException | EOFException e) {
                throw corrupt(e);
            } catch (LineTooLongException e) {
                throw error(e.line(), e.getMessage());
            }
        }
        return header;
    }

    /** Reads a matrix file as CSR. */
    CsrMatrix readMatrix() throws IOException {
        MatrixMarketHeader h = header();
        if (h.object() == ObjectType.VECTOR) {
            throw error(1, "the file holds a vector, not a matrix (read it with MatrixMarket.readVector)");
        }
        if (options.requireSquare() && h.rows() != h.cols()) {
            throw error(sizeLine, "matrix is " + h.rows() + "x" + h.cols()
                    + " but a square matrix is required");
        }
        requireHeap(12L * (h.rows() + 1L), "its " + h.rows() + " row pointers");
        try {
            CsrMatrix a = h.format() == Format.COORDINATE ? readCoordinate(h) : readArray(h);
            expectEnd(h);
            return a;
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        } catch (LineTooLongException e) {
            throw error(e.line(), e.getMessage());
        } catch (OutOfMemoryError e) {
            // The failed allocation was the big one and never existed: the heap is usable again.
            long read = builder == null ? 0 : builder.size();
            builder = null;
            throw error(tok.line(), "not enough memory to store the " + h.rows() + "x" + h.cols()
                    + " matrix (" + read + " entries stored so far; the Java heap is at most "
                    + mib(Runtime.getRuntime().maxMemory()) + ", raise it with -Xmx)");
        }
    }

    /** The COO storage being filled, kept in a field so an out-of-memory error can report its size. */
    private CooBuilder builder;

    /** Refuses at once when {@code bytes} exceed the whole heap: allocating would certainly fail. */
    private void requireHeap(long bytes, String what) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw error(sizeLine, "the size line asks for " + header.rows() + "x" + header.cols() + ": "
                    + what + " alone need " + mib(bytes) + " but the Java heap is at most " + mib(max)
                    + " (raise it with -Xmx)");
        }
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /**
     * The most entries of {@code tokens} numbers an uncompressed file can hold (each number at
     * least one byte plus one separator), or {@code Long.MAX_VALUE} when the size is unknown.
     */
    private long entriesThatFit(int tokens) {
        return fileBytes < 0 ? Long.MAX_VALUE : (fileBytes + 1) / (2L * tokens);
    }

    /** Refuses a size line declaring more entries than the file's bytes can hold. */
    private void checkDeclaredFits(long declared, int tokens, String what) {
        long fits = entriesThatFit(tokens);
        if (declared > fits) {
            throw error(sizeLine, "the size line declares " + declared + what + " but the file has only "
                    + fileBytes + " bytes (room for at most " + fits + ")");
        }
    }

    /** First COO capacity: what the file can hold, never just what its size line claims. */
    private int initialCapacity(long stored, long fits) {
        long bound = compressed ? COMPRESSED_INITIAL : fits;
        return (int) Math.min(Math.min(stored, bound), MAX_ARRAY);
    }

    /**
     * Reads a vector: {@code vector coordinate} (size line {@code n} or {@code n nnz}, entries
     * {@code i value}), {@code vector array}, or a one-column {@code matrix} in either format.
     * Entries a coordinate file leaves out are zero.
     */
    double[] readVector() throws IOException {
        return readVector(-1);
    }

    /**
     * As {@link #readVector()}; with {@code expectedLength >= 0} a vector of another length is
     * refused from its size line, before anything is allocated.
     */
    double[] readVector(int expectedLength) throws IOException {
        MatrixMarketHeader h = header();
        if (h.cols() != 1) {
            throw error(sizeLine, "expected a vector (one column) but the size line says "
                    + h.rows() + "x" + h.cols());
        }
        if (expectedLength >= 0 && h.rows() != expectedLength) {
            throw error(sizeLine, "the vector has " + h.rows() + " entries but " + expectedLength
                    + " are needed (one per matrix row)");
        }
        if (h.format() == Format.ARRAY) {
            checkDeclaredFits(h.rows(), 1, " values");
        }
        requireHeap(8L * h.rows(), "its " + h.rows() + " values");
        try {
            double[] x = new double[h.rows()];
            if (h.format() == Format.ARRAY) {
                readValues(x, h.rows());
            } else {
                readVectorEntries(h, x);
            }
            expectEnd(h);
            return x;
        } catch (ZipException | EOFException e) {
            throw corrupt(e);
        } catch (LineTooLongException e) {
            throw error(e.line(), e.getMessage());
        } catch (OutOfMemoryError e) {
            throw error(sizeLine, "not enough memory for a vector of " + h.rows()
                    + " values (the Java heap is at most " + mib(Runtime.getRuntime().maxMemory())
                    + ", raise it with -Xmx)");
        }
    }

    // ---- entries -------------------------------------------------------------------------

    private CsrMatrix readCoordinate(MatrixMarketHeader h) throws IOException {
        final int rows = h.rows();
        final int cols = h.cols();
        final int nnz = (int) h.nnz();
        final Symmetry symmetry = h.symmetry();
        final boolean mirror = symmetry != Symmetry.GENERAL;
        final double sign = symmetry == Symmetry.SKEW_SYMMETRIC ? -1.0 : 1.0;
        final boolean pattern = h.field() == Field.PATTERN;
        int tokens = pattern ? 2 : 3;
        checkDeclaredFits(nnz, tokens, " entries");
        long fits = entriesThatFit(tokens);
        CooBuilder coo = new CooBuilder(rows, cols,
                initialCapacity(mirror ? 2L * nnz : nnz, mirror ? 2 * Math.min(fits, MAX_ARRAY) : fits));
        builder = coo;
        int lower = 0; // off-diagonal entries given below / above the diagonal of a symmetric file
        int upper = 0;
        final ByteTokenizer t = tok;
        for (int k = 0; k < nnz; k++) {
            // i j [value]: 1-based in the file, 0-based in memory
            if (!t.next()) {
                throw prematureEnd(k, nnz);
            }
            int i = index(t, "row", rows);
            if (!t.next()) {
                throw prematureEnd(k, nnz);
            }
            int j = index(t, "column", cols);
            double v = 1.0;
            if (!pattern) {
                if (!t.next()) {
                    throw prematureEnd(k, nnz);
                }
                v = value(t, h.field());
            }
            coo.add(i, j, v);
            if (mirror) {
                if (i > j) {
                    lower++;
                } else if (i < j) {
                    upper++;
                }
                if (i != j) {
                    coo.add(j, i, sign * v); // A(j,i) = A(i,j), negated when skew
                } else if (symmetry == Symmetry.SKEW_SYMMETRIC && v != 0.0) {
                    throw error(t.tokenLine(), "skew-symmetric matrix has a nonzero diagonal entry ("
                            + (i + 1) + "," + (j + 1) + ") = " + v + "; its diagonal must be zero");
                }
            }
        }
        if (lower > 0 && upper > 0) {
            // Both triangles appear (SciPy accepts that): make sure no pair is given twice.
            MatrixMarketException twice = mirroredPair(upper <= lower, Math.min(lower, upper));
            if (twice != null) {
                throw twice;
            }
        }
        return coo.build();
    }

    /**
     * Scans the file again for an off-diagonal pair given as both (i,j) and (j,i): collects the
     * keys of the smaller triangle, then looks up each entry of the other. Returns the error
     * naming the second entry's line, or {@code null} when every pair is given once.
     */
    private MatrixMarketException mirroredPair(boolean keepUpper, int count) throws IOException {
        long[] keys = new long[count];
        int n = 0;
        int[] ij = new int[2];
        try (MatrixMarketReader r = new MatrixMarketReader(path, options)) {
            r.header();
            while (r.nextEntry(ij)) {
                if (keepUpper ? ij[0] < ij[1] : ij[0] > ij[1]) {
                    keys[n++] = pairKey(ij[0], ij[1]);
                }
            }
        }
        Arrays.sort(keys, 0, n);
        try (MatrixMarketReader r = new MatrixMarketReader(path, options)) {
            r.header();
            while (r.nextEntry(ij)) {
                boolean other = keepUpper ? ij[0] > ij[1] : ij[0] < ij[1];
                if (other && Arrays.binarySearch(keys, 0, n, pairKey(ij[0], ij[1])) >= 0) {
                    int here = r.tok.tokenLine();
                    int there = lineOf(ij[1], ij[0]);
                    int i = here >= there ? ij[0] : ij[1];
                    int j = here >= there ? ij[1] : ij[0];
                    return error(Math.max(here, there), "entry (" + (i + 1) + "," + (j + 1) + ") mirrors entry ("
                            + (j + 1) + "," + (i + 1) + ") of line " + Math.min(here, there) + ", but a "
                            + header.symmetry().name().toLowerCase(Locale.ROOT).replace('_', '-')
                            + " file stores each off-diagonal pair once (the two would be added)");
                }
            }
        }
        return null;
    }

    /** Line of the first entry (i, j) (0-based), for an error message. */
    private int lineOf(int i, int j) throws IOException {
        int[] ij = new int[2];
        try (MatrixMarketReader r = new MatrixMarketReader(path, options)) {
            r.header();
            while (r.nextEntry(ij)) {
                if (ij[0] == i && ij[1] == j) {
                    return r.tok.tokenLine();
                }
            }
        }
        return 0;
    }

    private static long pairKey(int i, int j) {
        return ((long) Math.max(i, j) << 32) | Math.min(i, j);
    }

    /** Reads the next coordinate entry's 0-based (i, j) into {@code ij}, skipping its value. */
    private boolean nextEntry(int[] ij) throws IOException {
        MatrixMarketHeader h = header;
        if (!tok.next()) {
            return false;
        }
        ij[0] = (int) NumberParser.parseIndex(tok.buffer(), tok.start(), tok.end()) - 1;
        if (!tok.next()) {
            return false;
        }
        ij[1] = (int) NumberParser.parseIndex(tok.buffer(), tok.start(), tok.end()) - 1;
        return h.field() == Field.PATTERN || tok.next();
    }

    private CsrMatrix readArray(MatrixMarketHeader h) throws IOException {
        final int rows = h.rows();
        final int cols = h.cols();
        final Symmetry symmetry = h.symmetry();
        final int nnz = (int) h.nnz();
        checkDeclaredFits(nnz, 1, " values");
        CooBuilder coo = new CooBuilder(rows, cols, Math.min(nnz, 1 << 20));
        builder = coo;
        int k = 0;
        // Column-major; symmetric stores the lower triangle with diagonal, skew without it.
        for (int j = 0; j < cols; j++) {
            int first = symmetry == Symmetry.GENERAL ? 0 : symmetry == Symmetry.SYMMETRIC ? j : j + 1;
            for (int i = first; i < rows; i++, k++) {
                if (!tok.next()) {
                    throw prematureEnd(k, nnz);
                }
                double v = value(tok, h.field());
                if (v == 0.0) {
                    continue; // dense storage: zeros are not part of a sparse pattern
                }
                coo.add(i, j, v);
                if (symmetry == Symmetry.SYMMETRIC && i != j) {
                    coo.add(j, i, v);
                } else if (symmetry == Symmetry.SKEW_SYMMETRIC) {
                    coo.add(j, i, -v);
                }
            }
        }
        return coo.build();
    }

    private void readValues(double[] x, int n) throws IOException {
        for (int k = 0; k < n; k++) {
            if (!tok.next()) {
                throw prematureEnd(k, n);
            }
            x[k] = value(tok, header.field());
        }
    }

    private void readVectorEntries(MatrixMarketHeader h, double[] x) throws IOException {
        final int n = h.rows();
        final boolean isMatrix = h.object() == ObjectType.MATRIX;
        final boolean pattern = h.field() == Field.PATTERN;
        final long declared = h.nnz();
        final ByteTokenizer t = tok;
        for (long k = 0; declared < 0 || k < declared; k++) {
            if (!t.next()) {
                if (declared < 0) {
                    return; // lis style: entries run to the end of the file
                }
                throw prematureEnd(k, declared);
            }
            int i = index(t, "row", n);
            if (isMatrix) {
                if (!t.next()) {
                    throw prematureEnd(k, declared);
                }
                index(t, "column", 1);
            }
            double v = 1.0;
            if (!pattern) {
                if (!t.next()) {
                    throw prematureEnd(k, declared);
                }
                v = value(t, h.field());
            }
            x[i] += v; // duplicates add up, as in coordinate matrices
        }
    }

    /** Parses the current token as a 1-based index in 1..bound and returns it 0-based. */
    private int index(ByteTokenizer t, String what, int bound) {
        long i = NumberParser.parseIndex(t.buffer(), t.start(), t.end());
        if (i < 1 || i > bound) {
            throw badIndex(t, what, i, bound);
        }
        return (int) (i - 1);
    }

    private MatrixMarketException badIndex(ByteTokenizer t, String what, long i, int bound) {
        if (i == Long.MIN_VALUE) {
            return error(t.tokenLine(), "bad " + what + " index '" + t.token() + "': not an integer");
        }
        return error(t.tokenLine(), what + " index " + t.token() + " out of range: indices are 1-based, expected 1.."
                + bound);
    }

    private double value(ByteTokenizer t, Field field) {
        double v;
        try {
            if (field == Field.INTEGER) {
                v = (double) NumberParser.parseLong(t.buffer(), t.start(), t.end());
            } else {
                v = NumberParser.parseDouble(t.buffer(), t.start(), t.end());
            }
        } catch (NumberFormatException e) {
            throw error(t.tokenLine(), "bad value '" + t.token() + "': "
                    + (field == Field.INTEGER ? "not an integer (the field is integer)" : "not a number"));
        }
        if (!Double.isFinite(v) && !options.allowNonFinite()) {
            throw error(t.tokenLine(), "non-finite value '" + t.token()
                    + "' (ReadOptions.withAllowNonFinite(true) accepts it)");
        }
        return v;
    }

    private void expectEnd(MatrixMarketHeader h) throws IOException {
        if (h.nnz() >= 0 && tok.next()) {
            throw error(tok.tokenLine(), "extra data '" + tok.token() + "' after the " + h.nnz()
                    + (h.format() == Format.ARRAY ? " values" : " entries")
                    + " declared by the size line (line " + sizeLine + ")");
        }
    }

    private MatrixMarketException prematureEnd(long found, long declared) throws IOException {
        if (declared < 0) {
            return error(tok.lastLine(), "premature end of file inside entry " + (found + 1));
        }
        String what = header.format() == Format.ARRAY ? " values" : " entries";
        return error(tok.lastLine(), "premature end of file: the size line (line " + sizeLine
                + ") declares " + declared + what + " but only " + found + " are complete");
    }

    private MatrixMarketException corrupt(IOException e) {
        return error(tok.line(), "corrupt or truncated gzip data (" + e.getMessage() + ")");
    }

    private MatrixMarketException error(int line, String problem) {
        return new MatrixMarketException(fileName, line, problem);
    }

}
