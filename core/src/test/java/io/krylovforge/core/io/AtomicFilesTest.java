package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    /** The permissions a plain new file gets here, i.e. 0666 minus the umask. */
    private Set<PosixFilePermission> umaskPermissions() throws IOException {
        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe).close();
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(probe);
        Files.delete(probe);
        return p;
    }

    @Test
    void newAndReplacedFilesGetTheUmaskPermissionsNotTempFilePermissions() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Set<PosixFilePermission> expected = umaskPermissions();
        assertTrue(expected.contains(PosixFilePermission.OWNER_READ) && expected.contains(PosixFilePermission.OWNER_WRITE));
        Path target = dir.resolve("a.bin");
        AtomicFiles.write(target, new byte[] {1, 2, 3});
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        AtomicFiles.write(target, new byte[] {4}); // replaced by rename: still the umask's permissions
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        Path mtx = dir.resolve("x.mtx");
        MatrixMarket.writeVector(mtx, new double[] {1.5, 2});
        assertEquals(PosixFilePermissions.toString(expected),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(mtx)));
        Path gz = dir.resolve("x.mtx.gz");
        MatrixMarket.writeVector(gz, new double[] {1.5, 2});
        assertArrayEquals(new double[] {1.5, 2}, MatrixMarket.readVector(gz));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "no temporary file is left");
        }
    }

    @Test
    void aFailedWriteNamesTheTargetAndLeavesNoTemporary() throws IOException {
        Path target = dir.resolve("shard.npz");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes(StandardCharsets.US_ASCII));
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains(target.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void temporaryNamesCarryThePidAndAreRecognised() {
        Path tmp = AtomicFiles.temporaryFor(dir.resolve("manifest.json"));
        assertEquals(ProcessHandle.current().pid(), AtomicFiles.isTemporaryOf(tmp, "manifest.json"));
        assertEquals(-1, AtomicFiles.isTemporaryOf(tmp, "manifest"));
        assertEquals(-1, AtomicFiles.isTemporaryOf(dir.resolve(".manifest.json.12.tmp"), "manifest.json"));
        assertEquals(-1, AtomicFiles.isTemporaryOf(dir.resolve("manifest.json"), "manifest.json"));
    }
}
