package io.krylovforge.spark;

import java.util.Locale;
import java.util.Set;

/**
 * How a finished file becomes visible. {@link #RENAME}: write a temporary name, then rename
 * (atomic on HDFS and POSIX mounts). {@link #VERIFY}, for object stores whose rename is a copy
 * (S3A, GCS, ABFS): write the final name directly, read it back and compare its SHA-256 with the
 * task's digest, and write the shard's {@code .sha256} sidecar last as its completion marker, so
 * a half-written shard (no marker) is never taken as done.
 */
enum CommitMode {
    /** Temporary name, then rename. */
    RENAME,
    /** Final name written directly, read back and verified; the sidecar is the marker, written last. */
    VERIFY;

    /** Spark/Hadoop configuration key that overrides the choice by scheme ({@code rename} or {@code verify}). */
    static final String KEY = "spark.kforge.commit";

    /** Object stores: rename is a copy plus delete, neither atomic nor cheap. */
    private static final Set<String> OBJECT_STORES = Set.of("s3", "s3a", "s3n", "gs", "abfs", "abfss", "wasb", "wasbs",
            "oss", "cos", "cosn", "obs");

    /** The mode for a filesystem scheme: {@link #VERIFY} for object stores, else {@link #RENAME}. */
    static CommitMode forScheme(String scheme) {
        return scheme != null && OBJECT_STORES.contains(scheme.toLowerCase(Locale.ROOT)) ? VERIFY : RENAME;
    }

    /** Parses {@code rename} or {@code verify} (the value of {@link #KEY}). */
    static CommitMode parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "rename" -> RENAME;
            case "verify" -> VERIFY;
            default -> throw new JobArgumentException(KEY + " must be rename or verify, got '" + s + "'");
        };
    }
}
