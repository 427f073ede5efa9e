package io.krylovforge.learned;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code .kfw} weights file of a {@link ConvNet}: versioned, self-describing, checksummed.
 *
 * <p>Format, version 1 (all integers and doubles big-endian):
 * <pre>
 *   4 bytes          magic "KFW1" (ASCII)
 *   int32            version = 1
 *   -- architecture descriptor --
 *   int32            spatial dimension (2 or 3)
 *   int32            channels
 *   int32 × 3        training grid nx, ny, nz
 *   int32            layer count L
 *   L × { int8 kind (0 CONV, 1 POOL, 2 UPSAMPLE, 3 DENSE), int32 src slot, int32 add slot (-1 none),
 *         int32 output channels, int8 relu (0/1) }
 *   -- tensors --
 *   int32            tensor count T (must equal the architecture's: one weight and one bias per
 *                    CONV/DENSE layer, in layer order)
 *   T × { uint16 name length, UTF-8 name ("L&lt;i&gt;.w" / "L&lt;i&gt;.b"), int32 rank, int32 × rank shape,
 *         float64 × prod(shape) values }
 *   -- trailer --
 *   int32            CRC32 of every byte before it
 * </pre>
 * Convolution weights have shape [co, ci, kd, 3, 3] (kd = 1 in 2D, 3 in 3D), dense weights
 * [co, ci], biases [co]. Reading checks, in order: magic, version, structure (a short file is
 * reported as truncated, naming the field), the architecture, every tensor's name and shape,
 * trailing bytes, then the CRC. Every failure is a {@link WeightsFormatException} whose message
 * starts with the file name. Header, CRC and file handling are shared with the neural Poisson
 * format through {@link WeightsFile}.
 */
public final class Weights {
    /** The four magic bytes. */
    public static final String MAGIC = "KFW1";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    private static final int MAX_RANK = 8;

    private Weights() {
    }

    /** Writes {@code net} to {@code path} (atomically: a crash leaves the old file or the new one). */
    public static void write(Path path, ConvNet net) {
        WeightsFile.write(path, encode(net));
    }

    /** The file's bytes for {@code net}. */
    public static byte[] encode(ConvNet net) {
        Architecture arch = net.architecture();
        List<String> names = net.tensorNames();
        List<int[]> shapes = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        double[] p = net.parameters();
        for (String name : names) {
            int[] shape = net.tensorShape(name);
            shapes.add(shape);
            int off = net.tensorOffset(name);
            values.add(Arrays.copyOfRange(p, off, off + product(shape)));
        }
        return encode(arch, names, shapes, values);
    }

    /** Low-level encoder (also used by tests to build inconsistent files on purpose). */
    static byte[] encode(Architecture arch, List<String> names, List<int[]> shapes, List<double[]> values) {
        int size = 4 + 4 + 4 * 6 + arch.layers().size() * 14 + 4;
        for (int t = 0; t < names.size(); t++) {
            size += 2 + names.get(t).getBytes(StandardCharsets.UTF_8).length + 4 + 4 * shapes.get(t).length
                    + 8 * values.get(t).length;
        }
        ByteBuffer buf = WeightsFile.startEncoding(new WeightsFile.Format(MAGIC, VERSION), size + 4);
        buf.putInt(arch.spatialDims()).putInt(arch.channels());
        buf.putInt(arch.gridX()).putInt(arch.gridY()).putInt(arch.gridZ());
        buf.putInt(arch.layers().size());
        for (Layer l : arch.layers()) {
            buf.put((byte) l.kind().ordinal()).putInt(l.src()).putInt(l.add()).putInt(l.outChannels())
                    .put((byte) (l.relu() ? 1 : 0));
        }
        buf.putInt(names.size());
        for (int t = 0; t < names.size(); t++) {
            byte[] nb = names.get(t).getBytes(StandardCharsets.UTF_8);
            buf.putShort((short) nb.length).put(nb);
            int[] shape = shapes.get(t);
            buf.putInt(shape.length);
            for (int d : shape) {
                buf.putInt(d);
            }
            for (double v : values.get(t)) {
                buf.putDouble(v);
            }
        }
        return WeightsFile.finishEncoding(buf);
    }

    /** Reads a network from a file. */
    public static ConvNet read(Path path) {
        return decode(WeightsFile.read(path), path.toString());
    }

    /**
     * Reads a network from a file and checks it has the {@code expected} layer list, spatial
     * dimension and channel width (the training grid may differ: the net is fully convolutional).
     */
    public static ConvNet read(Path path, Architecture expected) {
        ConvNet net = read(path);
        requireCompatible(net.architecture(), expected, path.toString());
        return net;
    }

    /**
     * Reads a bundled weights resource: a name relative to this package (e.g. {@link Dcdm#POISSON_2D_WEIGHTS}),
     * or an absolute class-path name starting with a slash.
     */
    public static ConvNet readResource(String name) {
        return decode(WeightsFile.readResource(Weights.class, name), name);
    }

    static void requireCompatible(Architecture actual, Architecture expected, String source) {
        if (actual.spatialDims() != expected.spatialDims() || actual.channels() != expected.channels()
                || !actual.layers().equals(expected.layers())) {
            throw new WeightsFormatException(source, "architecture mismatch: file has "
                    + actual.spatialDims() + "D, " + actual.channels() + " channels, " + actual.layers().size()
                    + " layers " + actual.layers() + "; expected " + expected.spatialDims() + "D, "
                    + expected.channels() + " channels, " + expected.layers().size() + " layers "
                    + expected.layers());
        }
    }

    /** Decodes a file's bytes; {@code source} names it in error messages. */
    public static ConvNet decode(byte[] bytes, String source) {
        ByteBuffer buf = WeightsFile.openHeader(bytes, source, MAGIC, VERSION, "a .kfw weights file", null, "");
        String what = "architecture descriptor";
        try {
            int dims = buf.getInt();
            int channels = buf.getInt();
            int gx = buf.getInt();
            int gy = buf.getInt();
            int gz = buf.getInt();
            int nl = buf.getInt();
            if (nl < 1 || nl > buf.remaining() / 14) {
                throw new WeightsFormatException(source, "layer count " + nl + " is impossible for a file of "
                        + bytes.length + " bytes");
            }
            Layer.Kind[] kinds = Layer.Kind.values();
            List<Layer> layers = new ArrayList<>(nl);
            for (int i = 0; i < nl; i++) {
                what = "layer " + i;
                int k = buf.get();
                int src = buf.getInt();
                int add = buf.getInt();
                int out = buf.getInt();
                int relu = buf.get();
                if (k < 0 || k >= kinds.length || relu < 0 || relu > 1) {
                    throw new WeightsFormatException(source, "layer " + i + " has kind code " + k
                            + " and relu flag " + relu + " (kinds 0..3, flag 0/1)");
                }
                layers.add(new Layer(kinds[k], src, add, out, relu == 1));
            }
            Architecture arch;
            try {
                arch = new Architecture(dims, channels, gx, gy, gz, layers);
            } catch (WeightsFormatException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new WeightsFormatException(source, "bad architecture descriptor: " + e.getMessage());
            }
            long declared = parameterCount(arch);
            if (declared * 8 > buf.remaining()) {
                throw new WeightsFormatException(source, "truncated or inconsistent: the architecture needs "
                        + declared + " parameters (" + declared * 8 + " bytes) but only " + buf.remaining()
                        + " bytes follow its descriptor");
            }
            ConvNet net = new ConvNet(arch, 0L);
            List<String> expectedNames = net.tensorNames();
            what = "tensor count";
            int count = buf.getInt();
            if (count != expectedNames.size()) {
                throw new WeightsFormatException(source, "file has " + count + " tensors but its architecture needs "
                        + expectedNames.size() + " " + expectedNames);
            }
            double[] p = net.parameters();
            for (int t = 0; t < count; t++) {
                String expectedName = expectedNames.get(t);
                what = "tensor " + t + " (" + expectedName + ") header";
                int len = buf.getShort() & 0xffff;
                byte[] nb = new byte[len];
                buf.get(nb);
                String name = new String(nb, StandardCharsets.UTF_8);
                if (!name.equals(expectedName)) {
                    throw new WeightsFormatException(source, "tensor " + t + " is named '"
                            + WeightsFile.printable(name) + "' but the architecture needs '" + expectedName
                            + "' there");
                }
                int rank = buf.getInt();
                if (rank < 0 || rank > MAX_RANK) {
                    throw new WeightsFormatException(source, "tensor '" + name + "' has rank " + rank
                            + " (0.." + MAX_RANK + ")");
                }
                int[] shape = new int[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = buf.getInt();
                }
                int[] want = net.tensorShape(name);
                if (!Arrays.equals(shape, want)) {
                    throw new WeightsFormatException(source, "tensor '" + name + "' has shape "
                            + Arrays.toString(shape) + " but the architecture needs " + Arrays.toString(want));
                }
                what = "tensor '" + name + "' values";
                int off = net.tensorOffset(name);
                for (int j = 0, m = product(shape); j < m; j++) {
                    p[off + j] = buf.getDouble();
                }
            }
            what = "CRC32 trailer";
            if (buf.remaining() > 4) {
                throw new WeightsFormatException(source, (buf.remaining() - 4)
                        + " unexpected bytes after the last tensor");
            }
            WeightsFile.checkCrc(buf, bytes, source);
            if (WeightsFile.firstNonFinite(p, p.length) >= 0) {
                throw new WeightsFormatException(source, "a parameter is NaN or infinite");
            }
            return net;
        } catch (BufferUnderflowException e) {
            throw new WeightsFormatException(source, "truncated: the file ends (at " + bytes.length
                    + " bytes) while reading the " + what);
        }
    }

    /** Parameter count of an architecture, in long arithmetic (a corrupt descriptor may overflow int). */
    private static long parameterCount(Architecture arch) {
        int[] ch = arch.slotChannels();
        long k = 9L * arch.kernelDepth();
        long total = 0;
        for (Layer l : arch.layers()) {
            long in = ch[l.src()];
            if (l.kind() == Layer.Kind.CONV) {
                total += l.outChannels() * in * k + l.outChannels();
            } else if (l.kind() == Layer.Kind.DENSE) {
                total += l.outChannels() * in + l.outChannels();
            }
        }
        return total;
    }

    private static int product(int[] shape) {
        int p = 1;
        for (int d : shape) {
            p *= d;
        }
        return p;
    }
}
