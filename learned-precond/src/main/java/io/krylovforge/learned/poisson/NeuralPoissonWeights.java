package io.krylovforge.learned.poisson;

import io.krylovforge.learned.Weights;
import io.krylovforge.learned.WeightsFile;
import io.krylovforge.learned.WeightsFormatException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The weights file of a {@link NeuralPoissonNet}: a sibling of the DCDM {@code .kfw} format
 * ({@link Weights}) with its own magic, so neither reader mistakes the other's file for its own.
 * Conventionally also named {@code *.kfw}. Header, CRC and file handling are shared through
 * {@link WeightsFile}.
 *
 * <p>Format, version 1 (big-endian):
 * <pre>
 *   4 bytes   magic "KFNP" (ASCII)
 *   int32     version = 1
 *   int32     blocks L (1..64)
 *   int32     hidden width H (1..1024)
 *   int32     inputs per node (must be {@link NeuralPoissonNet#INPUTS})
 *   int32     parameter count (must be 2L(3H + 2))
 *   float64 × count   the weights: per smoother (pre, post of block 1, …): a[2], W₁[H][2], w₂[H]
 *   int32     CRC32 of every byte before it
 * </pre>
 * Reading checks magic, version, sizes, length, CRC and finiteness, in that order; every failure is
 * a {@link WeightsFormatException} whose message starts with the file name and says what is wrong.
 */
public final class NeuralPoissonWeights {
    /** The four magic bytes. */
    public static final String MAGIC = "KFNP";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;
    /**
     * The shipped weights, a resource name relative to this package (trained by the command in
     * {@code bench/results/learned-npsolver.md}).
     */
    public static final String BUNDLED = "npsolver-corner-square.kfw";
    private static final int HEADER = 4 + 4 * 5;

    private NeuralPoissonWeights() {
    }

    /** Writes {@code net} to {@code path} atomically. */
    public static void write(Path path, NeuralPoissonNet net) {
        WeightsFile.write(path, encode(net));
    }

    /** The file's bytes for {@code net}. */
    public static byte[] encode(NeuralPoissonNet net) {
        double[] p = net.parameters();
        ByteBuffer buf = WeightsFile.startEncoding(new WeightsFile.Format(MAGIC, VERSION), HEADER + 8 * p.length + 4);
        buf.putInt(net.blocks()).putInt(net.hidden()).putInt(NeuralPoissonNet.INPUTS).putInt(p.length);
        for (double v : p) {
            buf.putDouble(v);
        }
        return WeightsFile.finishEncoding(buf);
    }

    /** Reads a net from a file. */
    public static NeuralPoissonNet read(Path path) {
        return decode(WeightsFile.read(path), path.toString());
    }

    /**
     * Reads a net from a file and checks it has the expected size.
     *
     * @param path the weights file
     * @param size the blocks and hidden width the file must have
     * @return the net
     * @throws WeightsFormatException for a bad file or another size
     */
    public static NeuralPoissonNet read(Path path, NeuralPoissonNet.Size size) {
        int blocks = size.blocks();
        int hidden = size.hidden();
        NeuralPoissonNet net = read(path);
        if (net.blocks() != blocks || net.hidden() != hidden) {
            throw new WeightsFormatException(path.toString(), "architecture mismatch: file has " + net.blocks()
                    + " blocks of width " + net.hidden() + "; expected " + blocks + " blocks of width " + hidden);
        }
        return net;
    }

    /** {@return the bundled weights} */
    public static NeuralPoissonNet bundled() {
        return readResource(BUNDLED);
    }

    /** Reads a class-path resource. */
    public static NeuralPoissonNet readResource(String name) {
        return decode(WeightsFile.readResource(NeuralPoissonWeights.class, name), name);
    }

    /** Decodes a file's bytes; {@code source} names it in messages. */
    public static NeuralPoissonNet decode(byte[] bytes, String source) {
        ByteBuffer buf = WeightsFile.openHeader(bytes, source, MAGIC, VERSION, "a neural Poisson weights file",
                Weights.MAGIC, " (this is a DCDM ConvNet weights file, not a neural Poisson step)");
        if (bytes.length < HEADER) {
            throw new WeightsFormatException(source, "truncated: " + bytes.length + " bytes, the header needs " + HEADER);
        }
        int blocks = buf.getInt();
        int hidden = buf.getInt();
        int inputs = buf.getInt();
        int count = buf.getInt();
        if (blocks < 1 || blocks > 64 || hidden < 1 || hidden > 1024) {
            throw new WeightsFormatException(source, "bad sizes: " + blocks + " blocks (1..64), hidden width "
                    + hidden + " (1..1024)");
        }
        if (inputs != NeuralPoissonNet.INPUTS) {
            throw new WeightsFormatException(source, "network has " + inputs + " inputs per node; this version uses "
                    + NeuralPoissonNet.INPUTS);
        }
        NeuralPoissonNet.Size size = new NeuralPoissonNet.Size(blocks, hidden);
        int want = size.parameterCount();
        if (count != want) {
            throw new WeightsFormatException(source, "parameter count " + count + " does not match " + blocks
                    + " blocks of width " + hidden + " (needs " + want + ")");
        }
        long expectedLength = HEADER + 8L * count + 4;
        if (bytes.length != expectedLength) {
            throw new WeightsFormatException(source, (bytes.length < expectedLength ? "truncated" : "trailing bytes")
                    + ": file has " + bytes.length + " bytes, " + blocks + " blocks of width " + hidden + " need "
                    + expectedLength);
        }
        NeuralPoissonNet net = new NeuralPoissonNet(size);
        double[] p = net.parameters();
        for (int i = 0; i < count; i++) {
            p[i] = buf.getDouble();
        }
        WeightsFile.checkCrc(buf, bytes, source);
        int bad = WeightsFile.firstNonFinite(p, count);
        if (bad >= 0) {
            throw new WeightsFormatException(source, "weight " + bad + " is NaN or infinite");
        }
        return net;
    }
}
