package io.krylovforge.datasets;

import java.nio.file.Path;

/**
 * Receives generation progress. {@link #sampleSolved} is called from worker threads and
 * {@link #shardWritten} from the shard-writing thread, both while other calls may be running, so
 * implementations must be thread-safe; the other calls come from the generating thread.
 */
public interface ProgressListener {
    /** Generation starts: {@code total} samples are owned by this process, {@code done} of them already finished. */
    default void start(long total, long done) {
    }

    /** Shard {@code k} was already complete (checksum verified) and is skipped. */
    default void shardSkipped(int k, int samples) {
    }

    /** One sample was solved in {@code iterations}. */
    default void sampleSolved(long index, int iterations) {
    }

    /** Shard {@code k} was written to {@code file}. */
    default void shardWritten(int k, Path file, String sha256) {
    }

    /** A one-line notice for the user (e.g. a stale lock was taken over). */
    default void notice(String message) {
    }

    /** Generation ended (also after a failure). */
    default void finish() {
    }

    /** Ignores everything. */
    static ProgressListener none() {
        return new ProgressListener() {
        };
    }
}
