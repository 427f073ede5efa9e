package io.krylovforge.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, as lower-case hex (the {@code sha256sum} format). */
public final class Sha256 {
    private Sha256() {
    }

    /**
     * The SHA-256 of a file's bytes.
     *
     * @param file the file
     * @return lower-case hex digest
     * @throws IOException if the file cannot be read
     */
    public static String of(Path file) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
        }
        return hex(md);
    }

    /**
     * A fresh SHA-256 digest, e.g. to checksum bytes while they are written instead of reading
     * the file back.
     *
     * @return the digest
     */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("internal: the JDK has no SHA-256", e);
        }
    }

    /**
     * Finishes {@code md} and formats it as {@link #of} does.
     *
     * @param md a digest of {@link #newDigest}
     * @return lower-case hex digest
     */
    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
