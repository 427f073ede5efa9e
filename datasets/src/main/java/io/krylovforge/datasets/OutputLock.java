package io.krylovforge.datasets;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A lock on one writer's part of an output directory: the file {@code .<manifest name>.lock}
 * holding {@code pid host}. Created with {@code CREATE_NEW}, so of two writers exactly one gets it
 * and the other fails at once with a message naming the owner. Processes splitting a dataset with
 * {@code --shard i/N} each lock their own manifest, so they can share the directory.
 *
 * <p>A lock whose owner is on this host and no longer running (a killed run) is taken over, with
 * a notice; a lock from another host is never taken over, since its pid cannot be checked here.
 * The lock is removed by {@link #close} and, if the JVM exits first (Ctrl-C), by a shutdown hook.
 */
public final class OutputLock implements AutoCloseable {
    private final Path file;
    private final String content;
    private final Thread cleanup;

    private OutputLock(Path file, String content) {
        this.file = file;
        this.content = content;
        this.cleanup = new Thread(this::release, "kforge-lock-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The lock file of the writer whose manifest is {@code manifestName} in {@code dir}. */
    public static Path fileFor(Path dir, String manifestName) {
        return dir.resolve("." + manifestName + ".lock");
    }

    /**
     * Takes the lock or throws {@link DatasetArgumentException} naming the process that holds it.
     *
     * @param notice receives a one-line message when a stale lock is taken over
     */
    public static OutputLock acquire(Path dir, String manifestName, Consumer<String> notice) throws IOException {
        Path file = fileFor(dir, manifestName);
        String me = ProcessHandle.current().pid() + " " + hostName();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                create(file, me);
                return new OutputLock(file, me);
            } catch (FileAlreadyExistsException e) {
                String owner;
                try {
                    owner = Files.readString(file, StandardCharsets.US_ASCII).trim();
                } catch (NoSuchFileException gone) {
                    continue; // released between our attempt and the read
                }
                if (!isStale(owner)) {
                    throw new DatasetArgumentException(String.format(Locale.ROOT,
                            "output directory %s is in use by another kforge process (%s; lock file %s);"
                                    + " wait for it to finish, or use another --out", dir, describe(owner), file));
                }
                notice.accept(String.format(Locale.ROOT, "taking over the stale lock %s of %s, which is no longer"
                        + " running", file, describe(owner)));
                Files.deleteIfExists(file);
            }
        }
        throw new DatasetArgumentException("cannot lock output directory " + dir + ": lock file " + file
                + " keeps reappearing");
    }

    /**
     * Creates {@code file} holding {@code content} or throws {@link FileAlreadyExistsException}.
     * A hard link from a fully written private file makes the lock appear with its content, so a
     * competitor never reads an empty lock; where links are unsupported, CREATE_NEW is the fallback.
     */
    private static void create(Path file, String content) throws IOException {
        byte[] bytes = (content + "\n").getBytes(StandardCharsets.US_ASCII);
        Path mine = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid());
        try {
            Files.write(mine, bytes);
            Files.createLink(file, mine);
        } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
            if (e instanceof FileAlreadyExistsException fe) {
                throw fe;
            }
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(mine);
        }
    }

    /** Whether the lock content names a process on this host that no longer runs; unreadable content counts as stale. */
    static boolean isStale(String owner) {
        String[] parts = owner.split("\\s+", 2);
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return true; // empty or garbled: written by a writer killed between create and write
        }
        if (parts.length == 2 && !parts[1].equals(hostName())) {
            return false;
        }
        return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    private static String describe(String owner) {
        String[] parts = owner.split("\\s+", 2);
        return "pid " + parts[0] + (parts.length == 2 ? " on host " + parts[1] : "");
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env.trim();
        }
    }

    /** {@return the lock file} */
    public Path file() {
        return file;
    }

    private void release() {
        try {
            // Only our own lock: after a takeover by another process the file is theirs.
            if (Files.isRegularFile(file) && Files.readString(file, StandardCharsets.US_ASCII).trim().equals(content)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // nothing more to do: a leftover lock is taken over by the next run
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs release() again, harmlessly
        }
    }
}
