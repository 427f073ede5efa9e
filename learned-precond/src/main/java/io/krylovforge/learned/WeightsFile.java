package io.krylovforge.learned;

import io.krylovforge.core.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The container shared by the learned-precond weights formats ({@link Weights}, the DCDM
 * {@code .kfw}, and {@code poisson.NeuralPoissonWeights}): a 4-byte ASCII magic, a big-endian
 * int32 version, a format-specific body and an int32 CRC32 trailer over every byte before it.
 *
 * <p>This class holds only what both formats do identically, so the two stay byte-for-byte what
 * they were: the atomic write, reading a file or class-path resource (a missing file is a
 * {@link WeightsFormatException} "no such file", other I/O errors are unchecked), the header check
 * (length, magic, version) and the CRC check. Each format keeps its own body layout, length and
 * trailing-byte checks, since their messages differ. Every failure message starts with the
 * source name. Public only because the formats live in two packages; not a user API.
 */
public final class WeightsFile {
    /** Magic (4 bytes) + version (int32). */
    public static final int HEADER_BYTES = 8;

    private WeightsFile() {
    }

    /** Writes {@code bytes} to {@code path} atomically (a crash leaves the old file or the new one). */
    public static void write(Path path, byte[] bytes) {
        try {
            AtomicFiles.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The most bytes a weights file may have (the bundled networks are well under 1 MiB): a
     * larger file, or a device such as /dev/zero, is refused instead of filling the heap.
     */
    public static final int MAX_BYTES = 64 << 20;

    /**
     * A file's bytes, streamed up to {@link #MAX_BYTES}; a missing file, a directory or a file
     * over the limit is a {@link WeightsFormatException}.
     */
    public static byte[] read(Path path) {
        if (Files.isDirectory(path)) {
            throw new WeightsFormatException(path.toString(), "is a directory, not a weights file");
        }
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                throw tooLarge(path, Files.size(path) + " bytes");
            }
            try (InputStream in = Files.newInputStream(path)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1); // a device may not know its size
                if (bytes.length > MAX_BYTES) {
                    throw tooLarge(path, "more than " + MAX_BYTES + " bytes");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new WeightsFormatException(path.toString(), "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights " + path + ": " + e.getMessage(), e);
        }
    }

    private static WeightsFormatException tooLarge(Path path, String size) {
        return new WeightsFormatException(path.toString(), "too large for a weights file (" + size
                + "; at most " + MAX_BYTES + " bytes): is this a weights file?");
    }

    /**
     * A class-path resource's bytes, resolved against {@code anchor}; a missing one is a
     * {@link WeightsFormatException}.
     */
    public static byte[] readResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new WeightsFormatException(name, "no such class-path resource");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read weights resource " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * A weights file format: its 4-letter ASCII magic and its format version.
     *
     * @param magic   the 4 ASCII letters that open the file
     * @param version the format version written after the magic
     */
    public record Format(String magic, int version) {
        /**
         * Validates the magic.
         *
         * @param magic   4 ASCII letters
         * @param version the format version
         * @throws IllegalArgumentException for a magic that is not 4 ASCII letters
         */
        public Format {
            if (magic == null || magic.length() != 4 || !StandardCharsets.US_ASCII.newEncoder().canEncode(magic)) {
                throw new IllegalArgumentException("a weights magic is 4 ASCII letters, got '" + magic + "'");
            }
        }
    }

    /**
     * A big-endian buffer of {@code size} bytes (body plus the 4-byte trailer) with the format's
     * magic and version already written.
     *
     * @param format magic and version
     * @param size   total bytes, trailer included
     * @return the buffer, positioned after the version
     */
    public static ByteBuffer startEncoding(Format format, int size) {
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
        buf.put(format.magic().getBytes(StandardCharsets.US_ASCII)).putInt(format.version());
        return buf;
    }

    /** Appends the CRC32 of every byte written so far and returns the backing array. */
    public static byte[] finishEncoding(ByteBuffer buf) {
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    /**
     * Checks the header and returns a big-endian buffer over {@code bytes} positioned after it.
     *
     * @param kind         what the format is called in the wrong-magic message ("a .kfw weights file")
     * @param foreignMagic a sibling format's magic that deserves a hint, or null
     * @param foreignHint  appended to the wrong-magic message when the file has {@code foreignMagic}
     */
    public static ByteBuffer openHeader(byte[] bytes, String source, String magic, int version, String kind,
            String foreignMagic, String foreignHint) {
        if (bytes.length < HEADER_BYTES) {
            throw new WeightsFormatException(source, "truncated: " + bytes.length
                    + " bytes, shorter than the 8-byte header (magic + version)");
        }
        String found = new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
        if (!found.equals(magic)) {
            String hint = found.equals(foreignMagic) ? foreignHint : "";
            throw new WeightsFormatException(source, "not " + kind + ": magic bytes are '" + printable(found)
                    + "', expected '" + magic + "'" + hint);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
        buf.position(4);
        int fileVersion = buf.getInt();
        if (fileVersion != version) {
            throw new WeightsFormatException(source, "unsupported format version " + fileVersion
                    + " (this reader knows version " + version + ")");
        }
        return buf;
    }

    /**
     * Reads the int32 CRC trailer at the buffer's position and checks it against the CRC32 of every
     * byte before it. The caller has already checked that exactly 4 bytes remain (or lets a
     * {@link java.nio.BufferUnderflowException} report the truncation).
     */
    public static void checkCrc(ByteBuffer buf, byte[] bytes, String source) {
        int end = buf.position();
        int stored = buf.getInt();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, end);
        if (stored != (int) crc.getValue()) {
            throw new WeightsFormatException(source, String.format(
                    "CRC32 mismatch: stored %08x, computed %08x (the file is corrupt)", stored, (int) crc.getValue()));
        }
    }

    /** Index of the first NaN or infinite value among {@code values[0..n)}, or -1 if all are finite. */
    public static int firstNonFinite(double[] values, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** {@code s} with non-printable characters as {@code \xNN} (a binary magic in a message). */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return sb.toString();
    }
}
