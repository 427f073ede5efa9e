package io.krylovforge.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see either the old content or the complete new one: write to a
 * temporary file beside the target, force it to disk, then rename over the target.
 *
 * <p>The temporary file is created like any other file (no explicit permissions), so the target
 * gets the permissions the process's umask gives new files (0644 under umask 022), also after
 * the rename — {@code Files.createTempFile} would make it 0600. Its name is
 * {@code .<target name>.<pid>-<random>.tmp} ({@link #isTemporaryOf}), so a clean-up can tell
 * whose it is. Errors name the target, never the temporary file.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes the bytes a {@link Writer} produces to {@code target} atomically. */
    @FunctionalInterface
    public interface Writer {
        /**
         * Writes the content.
         *
         * @param out the temporary file's stream (buffered; closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Produces the content of {@code file}, a fresh path the writer creates itself (e.g. a library that opens files by name). */
    @FunctionalInterface
    public interface FileWriter {
        /**
         * Creates {@code file} with the content.
         *
         * @param file the temporary path to create
         * @throws IOException if writing fails
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes {@code target} atomically: into a temporary file beside it, then renamed over it.
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if writing or renaming fails (the temporary file is removed)
     */
    public static void write(Path target, Writer writer) throws IOException {
        writeFile(target, tmp -> {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                OutputStream buffered = new java.io.BufferedOutputStream(new Unclosable(out), 1 << 16);
                writer.writeTo(buffered);
                buffered.flush();
            }
        });
    }

    /**
     * Lets {@code writer} create and fill a temporary path beside {@code target}, then forces it
     * to disk and renames it over the target.
     */
    public static void writeFile(Path target, FileWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IOException("cannot write " + target + ": output directory does not exist: " + dir);
        }
        Path tmp = temporaryFor(absolute);
        boolean done = false;
        try {
            writer.writeTo(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
            syncDirectory(dir);
        } catch (java.nio.channels.ClosedByInterruptException e) {
            throw e; // callers map an interrupt to their own message
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e, tmp, target), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the write error above is the one to report
                }
            }
        }
    }

    /** A fresh temporary name beside {@code target}: {@code .<name>.<pid>-<random>.tmp}. */
    static Path temporaryFor(Path target) {
        long r = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        String name = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-" + r + SUFFIX;
        return target.resolveSibling(name);
    }

    /**
     * Whether {@code file} is a temporary file this class made for a target named
     * {@code targetName}; returns the pid of the process that made it, or -1 if it is not one.
     */
    public static long isTemporaryOf(Path file, String targetName) {
        String name = file.getFileName().toString();
        String prefix = "." + targetName + ".";
        if (!name.startsWith(prefix) || !name.endsWith(SUFFIX)) {
            return -1;
        }
        String middle = name.substring(prefix.length(), name.length() - SUFFIX.length());
        int dash = middle.indexOf('-');
        if (dash <= 0 || !middle.substring(0, dash).chars().allMatch(Character::isDigit)
                || !middle.substring(dash + 1).chars().allMatch(Character::isDigit) || dash == middle.length() - 1) {
            return -1;
        }
        try {
            return Long.parseLong(middle.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The cause of {@code e}, with the temporary file's name replaced by the target's. */
    private static String reason(IOException e, Path tmp, Path target) {
        String msg = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return msg.replace(tmp.toString(), target.toString())
                .replace(tmp.getFileName().toString(), target.getFileName().toString());
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

    /** Keeps a writer that closes its stream (e.g. a zip or gzip stream) from closing the channel before the fsync. */
    private static final class Unclosable extends FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
