package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @Test
    void headerIsTheNumpyDictPaddedTo64Bytes() {
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3, 4), }",
                Npy.dict("<f8", new long[] {2, 3, 4}));
        assertEquals("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }", Npy.dict("<i8", new long[] {5}));
        for (long n : new long[] {1, 7, 123456789012L}) {
            byte[] h = Npy.header("<f4", new long[] {n, 66, 66});
            assertEquals(0, h.length % 64);
            assertEquals('\n', h[h.length - 1]);
            assertEquals(h.length - 10, (h[8] & 0xFF) | (h[9] & 0xFF) << 8);
            String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
            assertEquals(Npy.dict("<f4", new long[] {n, 66, 66}), text.strip());
        }
    }

    @Test
    void arraysRoundTripThroughTheReader() throws Exception {
        double[][] rows = {{1.5, -2.25, Math.PI}, {1e-300, Double.MAX_VALUE, -0.0}};
        ByteArrayOutputStream f8 = new ByteArrayOutputStream();
        Npy.write(f8, Dtype.FLOAT64, new long[] {2, 3}, rows);
        NpyReader.Array a = NpyReader.read(f8.toByteArray());
        assertEquals("<f8", a.descr());
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.25, Math.PI, 1e-300, Double.MAX_VALUE, -0.0}, a.values());

        ByteArrayOutputStream f4 = new ByteArrayOutputStream();
        Npy.write(f4, Dtype.FLOAT32, new long[] {6}, rows);
        NpyReader.Array b = NpyReader.read(f4.toByteArray());
        assertEquals("<f4", b.descr());
        assertEquals((float) Math.PI, (float) b.values()[2]);
        assertEquals(0.0, b.values()[3]); // 1e-300 underflows in float32
        assertEquals(Double.POSITIVE_INFINITY, b.values()[4]);

        ByteArrayOutputStream i8 = new ByteArrayOutputStream();
        Npy.writeLongs(i8, new long[] {-1, Long.MAX_VALUE, 3});
        assertArrayEquals(new long[] {-1, Long.MAX_VALUE, 3}, NpyReader.read(i8.toByteArray()).longs());

        ByteArrayOutputStream b1 = new ByteArrayOutputStream();
        Npy.writeBooleans(b1, new boolean[] {true, false});
        NpyReader.Array bools = NpyReader.read(b1.toByteArray());
        assertEquals("|b1", bools.descr());
        assertArrayEquals(new long[] {1, 0}, bools.longs());
    }

    @Test
    void npzIsReproducibleAndReadable(@TempDir Path dir) throws Exception {
        byte[][] twice = new byte[2][];
        for (int t = 0; t < 2; t++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (NpzWriter z = new NpzWriter(bytes)) {
                z.add("x", s -> Npy.write(s, Dtype.FLOAT64, new long[] {1, 2}, new double[][] {{1, 2}}));
                z.add("n", s -> Npy.writeLongs(s, new long[] {42}));
            }
            twice[t] = bytes.toByteArray();
        }
        assertArrayEquals(twice[0], twice[1]);
        Path f = dir.resolve("a.npz");
        Files.write(f, twice[0]);
        Map<String, NpyReader.Array> m = NpyReader.readNpz(f);
        assertEquals(java.util.List.of("x", "n"), java.util.List.copyOf(m.keySet()));
        assertArrayEquals(new double[] {1, 2}, m.get("x").values());
        assertArrayEquals(new long[] {42}, m.get("n").longs());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(f.toFile())) {
            zip.stream().forEach(e -> {
                assertEquals(NpzWriter.ENTRY_TIME, e.getTimeLocal(), e.getName()); // no wall clock
                assertEquals(java.util.zip.ZipEntry.STORED, e.getMethod());
            });
        }
    }
}
