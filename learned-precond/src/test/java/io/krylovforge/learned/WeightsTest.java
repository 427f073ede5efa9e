package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .kfw format: round trip, and one clear error per kind of damage. */
class WeightsTest {
    @TempDir
    Path dir;

    private static ConvNet smallNet(int dims) {
        return new ConvNet(Architecture.dcdm(new Grid(6, 6, dims == 3 ? 6 : 1), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1)), 42);
    }

    private Path written(ConvNet net) {
        Path p = dir.resolve("net.kfw");
        Weights.write(p, net);
        return p;
    }

    private WeightsFormatException damaged(byte[] bytes, String problemFragment) throws IOException {
        Path p = dir.resolve("damaged.kfw");
        Files.write(p, bytes);
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problemFragment), e.getMessage());
        assertEquals(p.toString(), e.source());
        return e;
    }

    @Test
    void roundTripIsBitExactInTwoAndThreeDimensions() {
        for (int dims = 2; dims <= 3; dims++) {
            ConvNet net = smallNet(dims);
            ConvNet back = Weights.read(written(net));
            assertEquals(net.architecture(), back.architecture());
            assertArrayEquals(net.parameters(), back.parameters());
            int n = dims == 3 ? 216 : 36;
            double[] in = new double[n];
            Random r = new Random(1);
            for (int i = 0; i < n; i++) {
                in[i] = r.nextGaussian();
            }
            double[] o1 = new double[n];
            double[] o2 = new double[n];
            int nz = dims == 3 ? 6 : 1;
            net.forward(in, o1, net.workspace(6, 6, nz));
            back.forward(in, o2, back.workspace(6, 6, nz));
            assertArrayEquals(o1, o2);
        }
    }

    @Test
    void twoLevelNetRoundTripsAndOneLevelBuilderIsUnchanged() {
        ConvNet net = new ConvNet(Architecture.dcdm(new Grid(8, 8, 8), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 2, 1, 1)), 5);
        ConvNet back = Weights.read(written(net));
        assertEquals(net.architecture(), back.architecture());
        assertArrayEquals(net.parameters(), back.parameters());
        assertEquals(2, java.util.Arrays.stream(net.architecture().slotLevels()).max().getAsInt());
        // the shape API gives the positional (pre, mid, post) layer list: shipped one-level files still match
        assertEquals(deprecatedDcdm(), Architecture.dcdm(new Grid(16, 16, 16), DcdmShape.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> Architecture.dcdm(new Grid(8, 8, 8), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1, 1)));
    }

    @Test
    void headerStartsWithMagicAndVersion() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        assertEquals("KFW1", new String(b, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, ByteBuffer.wrap(b, 4, 4).getInt());
    }

    @Test
    void wrongMagic() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        b[3] = '2';
        damaged(b, "magic bytes are 'KFW2', expected 'KFW1'");
    }

    @Test
    void unsupportedVersion() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        b[7] = 9;
        damaged(b, "unsupported format version 9");
    }

    @Test
    void truncatedAnywhere() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        damaged(Arrays.copyOf(b, 5), "truncated");
        damaged(Arrays.copyOf(b, 20), "truncated: the file ends (at 20 bytes) while reading the architecture descriptor");
        damaged(Arrays.copyOf(b, b.length / 2), "truncated or inconsistent: the architecture needs");
        damaged(Arrays.copyOf(b, b.length - 100), "truncated: the file ends (at " + (b.length - 100)
                + " bytes) while reading the tensor 'L");
        damaged(Arrays.copyOf(b, b.length - 2), "CRC32 trailer");
        damaged(new byte[0], "truncated");
    }

    @Test
    void flippedValueByteFailsTheChecksum() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(3)));
        b[b.length - 100] ^= 0x10;
        damaged(b, "CRC32 mismatch");
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        byte[] longer = Arrays.copyOf(b, b.length + 3);
        damaged(longer, "3 unexpected bytes after the last tensor");
    }

    @Test
    void tensorShapeThatDoesNotFitTheArchitecture() throws IOException {
        ConvNet net = smallNet(2);
        List<String> names = new ArrayList<>(net.tensorNames());
        List<int[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String name : names) {
            int[] s = net.tensorShape(name);
            shapes.add(s);
            int len = 1;
            for (int d : s) {
                len *= d;
            }
            values.add(new double[len]);
        }
        shapes.set(0, new int[] {4, 1, 3, 3, 1}); // same size, wrong shape
        WeightsFormatException e = damaged(Weights.encode(net.architecture(), names, shapes, values),
                "tensor 'L0.w' has shape [4, 1, 3, 3, 1] but the architecture needs [4, 1, 1, 3, 3]");
        assertTrue(e instanceof IllegalArgumentException);
        names.remove(names.size() - 1);
        shapes.remove(shapes.size() - 1);
        values.remove(values.size() - 1);
        damaged(Weights.encode(net.architecture(), names, shapes, values), "tensors but its architecture needs");
    }

    @Test
    void architectureMismatchWithTheExpectedOne() {
        Path p = written(smallNet(2));
        Architecture other = Architecture.dcdm(new Grid(6, 6, 1), DcdmShape.defaults().withChannels(4).withBlocks(2, 1, 1));
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(p, other));
        assertTrue(e.getMessage().startsWith(p + ": architecture mismatch"), e.getMessage());
        // a different training grid is fine: the net is fully convolutional
        Weights.read(p, Architecture.dcdm(new Grid(64, 64, 1), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1)));
        WeightsFormatException e3 = assertThrows(WeightsFormatException.class,
                () -> Weights.read(p, Architecture.dcdm(new Grid(6, 6, 6), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1))));
        assertTrue(e3.getMessage().contains("file has 2D"), e3.getMessage());
    }

    @Test
    void badArchitectureDescriptor() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        ByteBuffer.wrap(b).putInt(8, 5); // spatial dimension 5
        damaged(b, "bad architecture descriptor: spatialDims must be 2 or 3, got 5");
    }

    @Test
    void absurdChannelCountIsRejectedBeforeAllocating() throws IOException {
        byte[] b = Files.readAllBytes(written(smallNet(2)));
        // layer records start at byte 32, 14 bytes each: kind(1) src(4) add(4) out(4) relu(1).
        // Layer 1 (the block's inner conv) may legally have any width: give it 2^28 channels.
        ByteBuffer.wrap(b).putInt(32 + 14 + 9, 1 << 28);
        damaged(b, "the architecture needs 19595788929 parameters");
    }

    @Test
    void missingFileAndResource() {
        Path p = dir.resolve("absent.kfw");
        WeightsFormatException e = assertThrows(WeightsFormatException.class, () -> Weights.read(p));
        assertTrue(e.getMessage().contains("absent.kfw: no such file"), e.getMessage());
        assertThrows(WeightsFormatException.class, () -> Weights.readResource("/nope.kfw"));
    }

    @SuppressWarnings("deprecation")
    private static Architecture deprecatedDcdm() {
        return Architecture.dcdm(3, 16, 1, 2, 1, 16, 16, 16);
    }
}
