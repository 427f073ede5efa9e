package io.krylovforge.learned.poisson;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.WeightsFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeuralPoissonWeightsTest {
    @TempDir
    Path dir;

    private static String message(byte[] bytes) {
        return assertThrows(WeightsFormatException.class, () -> NeuralPoissonWeights.decode(bytes, "w.kfw")).getMessage();
    }

    @Test
    void roundTripsThroughAFile() throws Exception {
        NeuralPoissonNet net = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(3).withHidden(16), 2L);
        Path f = dir.resolve("w.kfw");
        NeuralPoissonWeights.write(f, net);
        NeuralPoissonNet back = NeuralPoissonWeights.read(f, NeuralPoissonNet.Size.defaults().withBlocks(3).withHidden(16));
        assertArrayEquals(net.parameters(), back.parameters(), 0.0);
        assertEquals(24 + 8 * net.parameterCount() + 4, Files.size(f));
    }

    @Test
    void corruptOrMismatchedFilesGiveClearErrors() throws Exception {
        NeuralPoissonNet net = NeuralPoissonNet.initial(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16), 2L);
        byte[] good = NeuralPoissonWeights.encode(net);

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        assertTrue(message(flipped).matches("w\\.kfw: CRC32 mismatch.*corrupt.*"), message(flipped));

        String m = message(Arrays.copyOf(good, good.length - 9));
        assertTrue(m.startsWith("w.kfw: truncated"), m);

        byte[] longer = Arrays.copyOf(good, good.length + 8);
        assertTrue(message(longer).contains("trailing bytes"), message(longer));

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertTrue(message(magic).contains("not a neural Poisson weights file"), message(magic));

        byte[] dcdm = good.clone();
        System.arraycopy("KFW1".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, dcdm, 0, 4);
        assertTrue(message(dcdm).contains("DCDM"), message(dcdm));

        byte[] version = good.clone();
        ByteBuffer.wrap(version).putInt(4, 7);
        assertTrue(message(version).contains("unsupported format version 7"), message(version));

        byte[] count = good.clone();
        ByteBuffer.wrap(count).putInt(20, 5);
        assertTrue(message(count).contains("parameter count 5"), message(count));

        byte[] inputs = good.clone();
        ByteBuffer.wrap(inputs).putInt(16, 3);
        assertTrue(message(inputs).contains("3 inputs"), message(inputs));

        assertTrue(message(new byte[3]).contains("truncated: 3 bytes"));

        Path f = dir.resolve("two-blocks.kfw");
        NeuralPoissonWeights.write(f, net);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> NeuralPoissonWeights.read(f, NeuralPoissonNet.Size.defaults()));
        assertTrue(e.getMessage().contains("architecture mismatch: file has 2 blocks of width 16; expected 8 blocks"),
                e.getMessage());
        assertEquals(f.toString(), e.source());

        WeightsFormatException missing = assertThrows(WeightsFormatException.class,
                () -> NeuralPoissonWeights.read(dir.resolve("nope.kfw")));
        assertTrue(missing.getMessage().endsWith("no such file"));
    }

    @Test
    void bundledWeightsLoad() {
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        assertEquals(8, net.blocks());
        assertEquals(16, net.hidden());
        assertEquals(NeuralPoissonNet.parameterCount(NeuralPoissonNet.Size.defaults()), net.parameterCount());
    }
}
