package io.krylovforge.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a kernel module's committed PTX was built from its current one source (by hash)
 * and loads as the driver wants it (NUL-terminated, compute_75, every kernel present). Shared by
 * the gpu and learned-gpu tests; needs no device.
 */
public final class PtxChecks {
    private static final Pattern KERNEL = Pattern.compile("KF_KERNEL\\s+(\\w+)\\s*\\(");

    private PtxChecks() {
    }

    /** Asserts that {@code source}.ptx next to {@code owner} is up to date with {@code source}.c. */
    public static void assertUpToDate(Class<?> owner, String source) {
        byte[] ptx = KernelSource.ptx(owner, source);
        assertEquals(0, ptx[ptx.length - 1], source + ".ptx must reach the driver NUL-terminated");
        String text = new String(ptx, 0, ptx.length - 1, StandardCharsets.US_ASCII);
        String cuda = KernelSource.cuda(owner, source);
        assertEquals(KernelSource.sha256(cuda), KernelSource.recordedHash(text),
                source + ".ptx is stale: run bash gpu/scripts/build-ptx.sh and commit the .ptx");
        assertTrue(text.contains(".target sm_75") || text.contains(".target compute_75"), source);
        Matcher m = KERNEL.matcher(KernelSource.openCl(owner, source));
        int kernels = 0;
        while (m.find()) {
            assertTrue(text.contains(".entry " + m.group(1) + "("), source + ".ptx lacks kernel " + m.group(1));
            kernels++;
        }
        assertTrue(kernels > 0, source + ".c declares no KF_KERNEL");
        assertFalse(cuda.contains("__kernel"), source + ".c must use the KF_ macros, not OpenCL keywords");
    }
}
