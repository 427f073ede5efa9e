package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weights files that are not weights files (issue #20): refused by name, never read whole. */
class WeightsHostileTest {
    @TempDir
    Path dir;

    @Test
    void aDirectoryIsAClearError() throws Exception {
        Path d = Files.createDirectory(dir.resolve("w.kfw"));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(d));
        assertTrue(e.getMessage().endsWith("w.kfw: is a directory, not a weights file"), e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedFromItsSize() throws Exception {
        Path big = dir.resolve("big.kfw");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30); // sparse: 3 GiB that take no disk space
        }
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(big));
        assertTrue(e.getMessage().contains("too large for a weights file"), e.getMessage());
    }

    @Test
    void anEndlessDeviceIsReadOnlyUpToTheLimit() {
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(zero), "no /dev/zero here");
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(zero));
        assertTrue(e.getMessage().contains("more than " + WeightsFile.MAX_BYTES + " bytes"), e.getMessage());
    }
}
