package io.krylovforge.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes arrays in the NumPy {@code .npy} format, version 1.0: the magic {@code \x93NUMPY}, the
 * version bytes 1 0, a little-endian uint16 header length, then an ASCII Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (N, s, s), }} padded with spaces and
 * ended by a newline so that the data starts at a multiple of 64 bytes, then the data in C
 * (row-major) order.
 *
 * <p>Reference: NumPy Enhancement Proposal 1, "A simple file format for NumPy arrays", and
 * {@code numpy/lib/format.py}.
 */
public final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 15; // elements encoded per buffer fill

    private Npy() {
    }

    /** The header dict for {@code descr} and {@code shape}, without padding. */
    static String dict(String descr, long[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]);
            if (i + 1 < shape.length || shape.length == 1) {
                sb.append(shape.length == 1 ? "," : ", ");
            }
        }
        return sb.append("), }").toString();
    }

    /** Magic, version, length and the padded header; its length is a multiple of 64. */
    static byte[] header(String descr, long[] shape) {
        byte[] dict = dict(descr, shape).getBytes(StandardCharsets.US_ASCII);
        int unpadded = MAGIC.length + 2 + 2 + dict.length + 1; // +1 for the final '\n'
        int total = (unpadded + ALIGN - 1) / ALIGN * ALIGN;
        int headerLen = total - MAGIC.length - 4;
        if (headerLen > 0xFFFF) {
            throw new IllegalStateException("internal: npy header too long for format 1.0");
        }
        byte[] out = new byte[total];
        System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
        out[6] = 1; // major version
        out[7] = 0; // minor version
        out[8] = (byte) (headerLen & 0xFF);
        out[9] = (byte) (headerLen >>> 8);
        System.arraycopy(dict, 0, out, 10, dict.length);
        for (int i = 10 + dict.length; i < total - 1; i++) {
            out[i] = ' ';
        }
        out[total - 1] = '\n';
        return out;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    private static void checkCount(long[] shape, long have) {
        if (count(shape) != have) {
            throw new IllegalStateException("internal: shape holds " + count(shape) + " elements, data has " + have);
        }
    }

    /**
     * Writes {@code rows} (concatenated in order) as one array of {@code shape} and {@code dtype}.
     * Values are converted to float with round-to-nearest for {@link Dtype#FLOAT32}.
     */
    public static void write(OutputStream out, Dtype dtype, long[] shape, double[][] rows) throws IOException {
        long total = 0;
        for (double[] r : rows) {
            total += r.length;
        }
        checkCount(shape, total);
        out.write(header(dtype.descr(), shape));
        // Bulk little-endian views of one byte buffer: the JIT copies whole chunks instead of
        // shifting each double out byte by byte.
        int width = dtype == Dtype.FLOAT64 ? 8 : 4;
        byte[] buf = new byte[CHUNK * width];
        ByteBuffer bytes = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
        DoubleBuffer doubles = bytes.asDoubleBuffer();
        FloatBuffer floats = bytes.asFloatBuffer();
        int pos = 0; // elements in buf
        for (double[] r : rows) {
            for (int i = 0, n = r.length; i < n; ) {
                int take = Math.min(CHUNK - pos, n - i);
                if (width == 8) {
                    doubles.put(pos, r, i, take);
                } else {
                    for (int q = 0; q < take; q++) {
                        floats.put(pos + q, (float) r[i + q]); // round to nearest
                    }
                }
                pos += take;
                i += take;
                if (pos == CHUNK) {
                    out.write(buf, 0, pos * width);
                    pos = 0;
                }
            }
        }
        out.write(buf, 0, pos * width);
    }

    /** Writes a 1-D {@code '<i8'} array. */
    public static void writeLongs(OutputStream out, long[] values) throws IOException {
        out.write(header("<i8", new long[] {values.length}));
        byte[] buf = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            for (int b = 0; b < 8; b++) {
                buf[8 * i + b] = (byte) (v >>> (8 * b));
            }
        }
        out.write(buf);
    }

    /** Writes a 1-D {@code '|b1'} (NumPy bool) array. */
    public static void writeBooleans(OutputStream out, boolean[] values) throws IOException {
        out.write(header("|b1", new long[] {values.length}));
        byte[] buf = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            buf[i] = (byte) (values[i] ? 1 : 0);
        }
        out.write(buf);
    }

    /** Writes {@code rows} (concatenated in order) as one {@code '<i4'} array of {@code shape}. */
    public static void writeInts(OutputStream out, long[] shape, int[][] rows) throws IOException {
        long total = 0;
        for (int[] r : rows) {
            total += r.length;
        }
        checkCount(shape, total);
        out.write(header("<i4", shape));
        byte[] buf = new byte[CHUNK * 4];
        IntBuffer ints = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int pos = 0; // elements in buf
        for (int[] r : rows) {
            for (int i = 0, n = r.length; i < n; ) {
                int take = Math.min(CHUNK - pos, n - i);
                ints.put(pos, r, i, take);
                pos += take;
                i += take;
                if (pos == CHUNK) {
                    out.write(buf, 0, pos * 4);
                    pos = 0;
                }
            }
        }
        out.write(buf, 0, pos * 4);
    }
}
