package io.krylovforge.datasets;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a NumPy {@code .npz} archive: a zip of {@code name.npy} entries, as
 * {@code numpy.savez} does. Entries are STORED (float data barely compresses, and stored entries
 * are fastest to load). Reproducible bytes: every entry carries the same DOS timestamp
 * (1980-01-01 00:00, set with {@link ZipEntry#setTimeLocal} so no time zone or extended-time
 * field enters), and each entry's CRC and size are computed in a first encoding pass, so no data
 * descriptors are written.
 */
public final class NpzWriter implements AutoCloseable {
    /** The fixed entry time: the DOS epoch. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 0);

    /** Encodes one entry's bytes to a stream; called twice (CRC pass, write pass). */
    @FunctionalInterface
    public interface Entry {
        /**
         * Writes the entry's bytes to {@code out}; must write the same bytes on every call.
         *
         * @param out the destination
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private final ZipOutputStream zip;

    /**
     * Starts an archive on {@code out}. {@link #close()} finishes the archive and flushes
     * {@code out} but leaves it open, so a caller can still force it to disk.
     */
    public NpzWriter(OutputStream out) {
        this.zip = new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len); // FilterOutputStream would write byte by byte
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
        zip.setMethod(ZipOutputStream.STORED);
    }

    /** Adds {@code name}.npy with the bytes {@code entry} writes (an NPY stream). */
    public void add(String name, Entry entry) throws IOException {
        CRC32 crc = new CRC32();
        CountingNullStream counter = new CountingNullStream();
        try (CheckedOutputStream sizing = new CheckedOutputStream(counter, crc)) {
            entry.writeTo(sizing);
        }
        ZipEntry e = new ZipEntry(name + ".npy");
        e.setMethod(ZipEntry.STORED);
        e.setTimeLocal(ENTRY_TIME);
        e.setSize(counter.count);
        e.setCompressedSize(counter.count);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        entry.writeTo(zip);
        zip.closeEntry();
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Counts bytes and drops them. */
    private static final class CountingNullStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
