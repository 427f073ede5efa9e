package io.krylovforge.core.io;

import io.krylovforge.core.linalg.CsrMatrix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes Matrix Market files: CSR matrices as {@code matrix coordinate real} (general, or the
 * lower triangle of a {@code symmetric} file when asked and the matrix is exactly symmetric)
 * and vectors as {@code matrix array real general} with one column, the form SciPy, MATLAB and
 * lis all read.
 *
 * <p>Values are written with {@link Double#toString(double)}, which reads back bit for bit
 * (and does so faster and shorter than {@code %.17g}); non-finite values come out as
 * {@code NaN}/{@code Infinity}, which the reader accepts only with
 * {@link ReadOptions#allowNonFinite()}. Writes are atomic: the file is written beside the target
 * and renamed over it, so a reader never sees half a file. A name ending in {@code .gz} is
 * gzip-compressed.
 */
final class MatrixMarketWriter {
    private MatrixMarketWriter() {
    }

    static void write(Path path, CsrMatrix a, String comment, boolean symmetricIfPossible)
            throws IOException {
        boolean symmetric = symmetricIfPossible && a.rows() == a.cols() && a.isSymmetric(0.0);
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        int rows = a.rows();
        long count = 0;
        if (symmetric) {
            for (int i = 0; i < rows; i++) {
                for (int k = ptr[i]; k < ptr[i + 1] && col[k] <= i; k++) {
                    count++;
                }
            }
        } else {
            count = a.nnz();
        }
        final long entries = count;
        writeAtomically(path, out -> {
            out.ascii("%%MatrixMarket matrix coordinate real " + (symmetric ? "symmetric" : "general"));
            out.newline();
            comment(out, comment);
            out.ascii(rows + " " + a.cols() + " " + entries);
            out.newline();
            for (int i = 0; i < rows; i++) {
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    int j = col[k];
                    if (symmetric && j > i) {
                        break; // columns ascend: the rest of the row is upper triangle
                    }
                    out.integer(i + 1);
                    out.space();
                    out.integer(j + 1);
                    out.space();
                    out.ascii(Double.toString(val[k]));
                    out.newline();
                }
            }
        });
    }

    static void writeVector(Path path, double[] x, String comment) throws IOException {
        writeAtomically(path, out -> {
            out.ascii("%%MatrixMarket matrix array real general");
            out.newline();
            comment(out, comment);
            out.ascii(x.length + " 1");
            out.newline();
            for (double v : x) {
                out.ascii(Double.toString(v));
                out.newline();
            }
        });
    }

    private static void comment(AsciiSink out, String comment) throws IOException {
        if (comment == null || comment.isEmpty()) {
            return;
        }
        for (String line : comment.split("\r?\n", -1)) {
            out.ascii("% " + line);
            out.newline();
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(AsciiSink out) throws IOException;
    }

    private static void writeAtomically(Path path, Body body) throws IOException {
        boolean gzip = path.getFileName().toString().endsWith(".gz");
        AtomicFiles.write(path, file -> {
            OutputStream os = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
            try (os; AsciiSink out = new AsciiSink(os)) {
                body.write(out);
            } // closing os finishes the gzip trailer; AtomicFiles keeps the file open for its fsync
        });
    }

    /** A byte buffer for ASCII text with an allocation-free integer formatter. */
    private static final class AsciiSink implements AutoCloseable {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private int n;

        AsciiSink(OutputStream out) {
            this.out = out;
        }

        void ascii(String s) throws IOException {
            int len = s.length();
            if (n + len > buf.length) {
                flush();
                if (len > buf.length) {
                    out.write(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    return;
                }
            }
            for (int k = 0; k < len; k++) {
                buf[n++] = (byte) s.charAt(k);
            }
        }

        void integer(int v) throws IOException {
            if (n + 11 > buf.length) {
                flush();
            }
            // v >= 1 here: write digits backwards into place.
            int digits = 1;
            for (int t = v; t >= 10; t /= 10) {
                digits++;
            }
            for (int k = n + digits - 1; k >= n; k--) {
                buf[k] = (byte) ('0' + v % 10);
                v /= 10;
            }
            n += digits;
        }

        void space() throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = ' ';
        }

        void newline() throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = '\n';
        }

        private void flush() throws IOException {
            out.write(buf, 0, n);
            n = 0;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
