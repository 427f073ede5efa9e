package io.krylovforge.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A dataset's output directory on any Hadoop {@link FileSystem} (HDFS, S3A, a local or shared
 * mount). Files appear only complete: each is written under a temporary name unique to the task
 * attempt, then renamed; where a concurrent attempt already published the same name, its bytes
 * are checked instead (attempts write identical bytes).
 */
final class ShardFiles {
    private final FileSystem fs;
    private final Path dir;

    private ShardFiles(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /** The directory {@code uri} on its filesystem. */
    static ShardFiles open(String uri, Configuration conf) throws IOException {
        Path dir = new Path(uri);
        FileSystem fs = dir.getFileSystem(conf);
        if (fs instanceof ChecksumFileSystem c) {
            // The local filesystem would add .crc files beside every shard; we keep our own .sha256.
            c.setWriteChecksum(false);
            c.setVerifyChecksum(false);
        }
        return new ShardFiles(fs, fs.makeQualified(dir));
    }

    /** The directory as a URI string. */
    String uri() {
        return dir.toString();
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
        if (!fs.exists(p)) {
            return null;
        }
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
     * Publishes the local file {@code local} as {@code name}: copy to a temporary name unique to
     * {@code attempt}, then rename. {@code failAfter >= 0} injects a failure after that many bytes
     * (tests of task retries); the temporary file is then left behind, never the target.
     */
    void publish(String name, java.nio.file.Path local, String attempt, long failAfter) throws IOException {
        Path tmp = new Path(dir, "." + name + "." + attempt + ".tmp");
        try (InputStream in = Files.newInputStream(local); FSDataOutputStream out = fs.create(tmp, true)) {
            copy(in, out, failAfter, name);
            out.hsync();
        }
        rename(tmp, name);
    }

    /** Publishes {@code text} (ASCII) as {@code name}, as {@link #publish(String, java.nio.file.Path, String, long)}. */
    void publish(String name, String text, String attempt) throws IOException {
        Path tmp = new Path(dir, "." + name + "." + attempt + ".tmp");
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.hsync();
        }
        rename(tmp, name);
    }

    private void rename(Path tmp, String name) throws IOException {
        Path target = new Path(dir, name);
        if (fs.exists(target)) {
            // A stale file from an earlier run, or an identical one from a concurrent attempt.
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            String want = sha256Of(tmp);
            boolean same = want.equals(sha256(name));
            fs.delete(tmp, false);
            if (!same) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        }
    }

    private String sha256Of(Path p) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = fs.open(p)) {
            md.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Deletes temporary files that killed or failed attempts left ({@code .NAME.attempt-N.tmp}). */
    int deleteTemporaries() throws IOException {
        int n = 0;
        for (FileStatus st : fs.listStatus(dir)) {
            String f = st.getPath().getName();
            if (f.startsWith(".") && f.endsWith(".tmp") && f.contains(".attempt-")) {
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
