package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared weights container: the shipped files of both formats load and re-save to identical
 * bytes (the formats did not drift when their common code moved into {@link WeightsFile}), and
 * the shared header and CRC checks give the same messages for either format.
 */
class WeightsFileTest {
    @TempDir
    Path dir;

    private static byte[] resourceBytes(Class<?> anchor, String name) throws Exception {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void shippedDcdmWeightsResaveToIdenticalBytes() throws Exception {
        for (String name : new String[] {Dcdm.POISSON_2D_WEIGHTS, Dcdm.POISSON_3D_WEIGHTS}) {
            byte[] shipped = resourceBytes(Weights.class, name);
            ConvNet net = Weights.readResource(name);
            assertArrayEquals(shipped, Weights.encode(net), name);
            Path f = dir.resolve("copy.kfw");
            Weights.write(f, net);
            assertArrayEquals(shipped, Files.readAllBytes(f), name);
        }
    }

    @Test
    void shippedNeuralPoissonWeightsResaveToIdenticalBytes() throws Exception {
        byte[] shipped = resourceBytes(NeuralPoissonWeights.class, NeuralPoissonWeights.BUNDLED);
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        assertArrayEquals(shipped, NeuralPoissonWeights.encode(net));
        Path f = dir.resolve("copy.kfw");
        NeuralPoissonWeights.write(f, net);
        assertArrayEquals(shipped, Files.readAllBytes(f));
    }

    @Test
    void headerAndCrcChecksNameTheSourceAndTheProblem() {
        ByteBuffer buf = WeightsFile.startEncoding(new WeightsFile.Format("TEST", 3), 8 + 8 + 4);
        buf.putDouble(1.5);
        byte[] good = WeightsFile.finishEncoding(buf);

        ByteBuffer body = WeightsFile.openHeader(good, "t.bin", "TEST", 3, "a test file", null, "");
        assertEquals(1.5, body.getDouble(), 0.0);
        WeightsFile.checkCrc(body, good, "t.bin");

        assertEquals("t.bin: truncated: 5 bytes, shorter than the 8-byte header (magic + version)",
                assertThrows(WeightsFormatException.class, () -> WeightsFile.openHeader(new byte[5], "t.bin",
                        "TEST", 3, "a test file", null, "")).getMessage());
        byte[] foreign = good.clone();
        foreign[0] = 'K';
        foreign[1] = 0x01;
        assertEquals("t.bin: not a test file: magic bytes are 'K\\x01ST', expected 'TEST' (hint)",
                assertThrows(WeightsFormatException.class, () -> WeightsFile.openHeader(foreign, "t.bin",
                        "TEST", 3, "a test file", "K\u0001ST", " (hint)")).getMessage());
        assertEquals("t.bin: unsupported format version 3 (this reader knows version 4)",
                assertThrows(WeightsFormatException.class, () -> WeightsFile.openHeader(good, "t.bin",
                        "TEST", 4, "a test file", null, "")).getMessage());

        byte[] flipped = good.clone();
        flipped[9] ^= 0x20;
        ByteBuffer bad = WeightsFile.openHeader(flipped, "t.bin", "TEST", 3, "a test file", null, "");
        bad.getDouble();
        String m = assertThrows(WeightsFormatException.class, () -> WeightsFile.checkCrc(bad, flipped, "t.bin"))
                .getMessage();
        assertTrue(m.matches("t\\.bin: CRC32 mismatch: stored [0-9a-f]{8}, computed [0-9a-f]{8} "
                + "\\(the file is corrupt\\)"), m);
    }

    @Test
    void firstNonFiniteFindsTheIndexWithinTheGivenLength() {
        double[] v = {0.0, 1.0, Double.NaN, Double.POSITIVE_INFINITY};
        assertEquals(2, WeightsFile.firstNonFinite(v, 4));
        assertEquals(-1, WeightsFile.firstNonFinite(v, 2));
    }
}
