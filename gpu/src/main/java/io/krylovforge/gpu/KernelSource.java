package io.krylovforge.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The one source of each kernel module and the two texts made from it. A module is
 * {@code name.c} next to its owning class, written in the common dialect; the OpenCL program text
 * is {@code kernels/kf_opencl.h} followed by it, the CUDA text ({@code name.cu}, made by
 * {@code gpu/scripts/build-ptx.sh}) is {@code kernels/kf_cuda.h} followed by it. The committed
 * {@code name.ptx} starts with a line {@value #HASH_TAG} and the SHA-256 of that CUDA text, so a
 * test can tell a stale PTX from an up-to-date one.
 */
public final class KernelSource {
    /** The tag of the first PTX line, followed by the hex SHA-256 of the CUDA text. */
    public static final String HASH_TAG = "// kforge-source-sha256: ";

    private KernelSource() {
    }

    /** The OpenCL program text of {@code source} (next to {@code owner}). */
    public static String openCl(Class<?> owner, String source) {
        return text(KernelSource.class, "kernels/kf_opencl.h") + text(owner, source + ".c");
    }

    /** The CUDA text of {@code source}, byte for byte what build-ptx.sh writes as {@code source.cu}. */
    public static String cuda(Class<?> owner, String source) {
        return text(KernelSource.class, "kernels/kf_cuda.h") + text(owner, source + ".c");
    }

    /** The committed PTX of {@code source} (next to {@code owner}), NUL-terminated for the driver. */
    public static byte[] ptx(Class<?> owner, String source) {
        byte[] text = bytes(owner, source + ".ptx");
        return Arrays.copyOf(text, text.length + 1);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : d) {
                hex.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("internal: no SHA-256 in this JVM", e);
        }
    }

    /** The hash a PTX text says it was built from, or "" when it has no {@value #HASH_TAG} line. */
    public static String recordedHash(String ptx) {
        for (String line : ptx.split("\n", 8)) {
            if (line.startsWith(HASH_TAG)) {
                return line.substring(HASH_TAG.length()).trim();
            }
        }
        return "";
    }

    private static String text(Class<?> owner, String resource) {
        return new String(bytes(owner, resource), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("internal: kernel resource " + resource + " of "
                        + owner.getPackageName() + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("internal: cannot read kernel resource " + resource, e);
        }
    }
}
