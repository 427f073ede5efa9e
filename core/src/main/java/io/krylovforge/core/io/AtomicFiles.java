package io.krylovforge.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old content or the complete new one: write to a
 * temporary file beside the target, force it to disk, then rename over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes the bytes a {@link Writer} produces to {@code target} atomically. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the whole content to {@code out} (not closed by the writer).
         *
         * @param out the temporary file's stream
         * @throws IOException if writing fails; the target is then left as it was
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically: to a temporary file in the same directory, forced to disk,
     * then renamed over the target (an atomic move where the file system has one).
     *
     * @param target the file to create or replace; its directory must exist
     * @param writer produces the content
     * @throws IOException if the directory is missing or writing fails; the temporary file is
     *        removed and the target left unchanged
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("output directory does not exist: " + dir);
        }
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(ch)) {
                OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
                writer.writeTo(buffered);
                buffered.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Forces the directory entry of the rename to disk where the platform allows it. */
    private static void syncDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot open directories; the file itself is already durable.
        }
    }

    /** Writes {@code content} to {@code target} atomically. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }
}
