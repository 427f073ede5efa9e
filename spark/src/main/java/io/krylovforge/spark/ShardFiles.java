package io.krylovforge.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A dataset's output directory on any Hadoop {@link FileSystem} (HDFS, S3A, GCS, ABFS, a local
 * or shared mount), committing files as its {@link CommitMode} says. With {@link CommitMode#RENAME}
 * files appear only complete (temporary name unique to the task attempt, then rename). With
 * {@link CommitMode#VERIFY} the final name is written directly, read back and checked against
 * the task's SHA-256; a shard's {@code .sha256} sidecar is written last and is its completion
 * marker. Attempts write identical bytes, so a file another attempt already committed is kept.
 */
final class ShardFiles {
    private final FileSystem fs;
    private final Path dir;
    private final CommitMode mode;

    private ShardFiles(FileSystem fs, Path dir, CommitMode mode) {
        this.fs = fs;
        this.dir = dir;
        this.mode = mode;
    }

    /**
     * The directory {@code uri} on its filesystem.
     *
     * @param mode how files are committed, or null to choose by the URI's scheme ({@link CommitMode#forScheme})
     */
    static ShardFiles open(String uri, Configuration conf, CommitMode mode) throws IOException {
        Path dir = new Path(uri);
        FileSystem fs = dir.getFileSystem(conf);
        if (fs instanceof ChecksumFileSystem c) {
            // The local filesystem would add .crc files beside every shard; we keep our own .sha256.
            c.setWriteChecksum(false);
            c.setVerifyChecksum(false);
        }
        Path qualified = fs.makeQualified(dir);
        return new ShardFiles(fs, qualified, mode != null ? mode : CommitMode.forScheme(qualified.toUri().getScheme()));
    }

    /** The directory as a URI string. */
    String uri() {
        return dir.toString();
    }

    /** How files are committed. */
    CommitMode mode() {
        return mode;
    }

    /** Creates the directory; fails with one line if the path is a file or cannot be created. */
    void prepare() {
        try {
            if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
                throw new JobArgumentException("output path " + dir + " exists and is not a directory");
            }
            if (!fs.mkdirs(dir)) {
                throw new JobArgumentException("cannot create output directory " + dir);
            }
        } catch (IOException e) {
            throw new JobArgumentException("cannot create output directory " + dir + ": " + e.getMessage());
        }
    }

    /** The bytes of {@code name}, or null when it does not exist. */
    byte[] readOrNull(String name) throws IOException {
        Path p = new Path(dir, name);
        if (!fs.exists(p)) {
            return null;
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        }
    }

    /** Hex SHA-256 of {@code name}, or null when it does not exist. */
    String sha256(String name) throws IOException {
        Path p = new Path(dir, name);
        return fs.exists(p) ? sha256Of(p) : null;
    }

    /** The sidecar (and, with {@link CommitMode#VERIFY}, completion marker) of shard file {@code name}. */
    static String sidecarName(String name) {
        return name + ".sha256";
    }

    /** The sidecar's text, as {@code kforge generate} writes it ({@code sha256sum} format). */
    static String sidecarText(String name, String sha) {
        return sha + "  " + name + "\n";
    }

    /**
     * Commits shard file {@code name} from the local file {@code local} (SHA-256 {@code sha}) and
     * then its sidecar. {@code failAfter >= 0} injects a failure after that many bytes of the
     * shard (tests of task retries): with {@link CommitMode#RENAME} a temporary file is left
     * behind, with {@link CommitMode#VERIFY} a half-written shard without marker.
     */
    void publishShard(String name, java.nio.file.Path local, String sha, String attempt, long failAfter)
            throws IOException {
        String side = sidecarName(name);
        String marker = sidecarText(name, sha);
        if (mode == CommitMode.RENAME) {
            publish(name, local, sha, attempt, failAfter);
            publishText(side, marker, attempt);
            return;
        }
        byte[] there = readOrNull(side);
        if (there != null && new String(there, StandardCharsets.US_ASCII).equals(marker) && sha.equals(sha256(name))) {
            return; // another attempt committed the same bytes
        }
        // The marker goes first, so a shard being rewritten is never taken as done.
        fs.delete(new Path(dir, side), false);
        publish(name, local, sha, attempt, failAfter);
        publishText(side, marker, attempt);
    }

    /** Commits the local file {@code local} (SHA-256 {@code sha}) as {@code name}. */
    void publish(String name, java.nio.file.Path local, String sha, String attempt, long failAfter) throws IOException {
        Path target = new Path(dir, name);
        Path written = mode == CommitMode.RENAME ? temporary(name, attempt) : target;
        try (InputStream in = Files.newInputStream(local); FSDataOutputStream out = fs.create(written, true)) {
            copy(in, out, failAfter, name);
            out.hsync();
        }
        commit(written, target, sha);
    }

    /** Commits {@code text} (ASCII) as {@code name}. */
    void publishText(String name, String text, String attempt) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        Path target = new Path(dir, name);
        Path written = mode == CommitMode.RENAME ? temporary(name, attempt) : target;
        try (FSDataOutputStream out = fs.create(written, true)) {
            out.write(bytes);
            out.hsync();
        }
        MessageDigest md = sha();
        commit(written, target, HexFormat.of().formatHex(md.digest(bytes)));
    }

    private Path temporary(String name, String attempt) {
        return new Path(dir, "." + name + "." + attempt + ".tmp");
    }

    private void commit(Path written, Path target, String sha) throws IOException {
        if (mode == CommitMode.VERIFY) {
            String got = sha256Of(target);
            if (!got.equals(sha)) {
                fs.delete(target, false);
                throw new IOException("read-back check failed for " + target + ": wrote SHA-256 " + sha
                        + ", read back " + got);
            }
            return;
        }
        if (fs.exists(target)) {
            // A stale file from an earlier run, or an identical one from a concurrent attempt.
            fs.delete(target, false);
        }
        boolean renamed;
        try {
            renamed = fs.rename(written, target);
        } catch (IOException | UnsupportedOperationException e) {
            renamed = false;
        }
        if (!renamed) {
            boolean same = sha.equals(sha256(target.getName()));
            fs.delete(written, false);
            if (!same) {
                throw new IOException("cannot rename " + written + " to " + target + " (a store without atomic rename?"
                        + " set " + CommitMode.KEY + "=verify)");
            }
        }
    }

    private String sha256Of(Path p) throws IOException {
        MessageDigest md = sha();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = fs.open(p)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Deletes temporary files that killed or failed attempts left ({@code .NAME.attempt-N.tmp})
     * for the given target names only: jobs writing other {@code --shard} selections into the same
     * directory keep theirs.
     */
    int deleteTemporaries(Set<String> names) throws IOException {
        int n = 0;
        for (FileStatus st : fs.listStatus(dir)) {
            String f = st.getPath().getName();
            int at = f.lastIndexOf(".attempt-");
            if (f.startsWith(".") && f.endsWith(".tmp") && at > 1 && names.contains(f.substring(1, at))) {
                fs.delete(st.getPath(), false);
                n++;
            }
        }
        return n;
    }

    private static void copy(InputStream in, OutputStream out, long failAfter, String name) throws IOException {
        byte[] buf = new byte[1 << 16];
        long written = 0;
        for (int r; (r = in.read(buf)) > 0; ) {
            if (failAfter >= 0 && written + r > failAfter) {
                out.write(buf, 0, (int) (failAfter - written));
                out.flush();
                throw new IOException("injected failure while writing " + name + " after " + failAfter + " bytes");
            }
            out.write(buf, 0, r);
            written += r;
        }
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
