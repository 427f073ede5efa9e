package io.krylovforge.learned;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;

/**
 * A network evaluated on one grid: out = f(in), both with {@link Grid#size()} cells in the grid's
 * ordering. This is what {@link Dcdm} and {@link NeuralPreconditioner} call; {@link CpuConvNet}
 * runs a {@link ConvNet} on the host, and module learned-gpu's {@code DeviceConvNet}
 * run the same network on a device (same results to rounding).
 *
 * <p>Implementations allocate their buffers once, at construction; {@code apply} allocates
 * nothing. {@link #apply(Vector, Vector)} lets a solver keep its vectors where they live: a device
 * implementation overrides it for its own device vectors, and the default here serves host
 * vectors directly and anything else through one download and one upload. Not thread-safe.
 */
public interface NetworkEvaluator extends AutoCloseable {

    /** {@return the grid this evaluator was built for} */
    Grid grid();

    /** {@return the network's layers (for reports and dimension checks)} */
    Architecture architecture();

    /** out ← f(in) on host arrays of {@code grid().size()} entries; in is unchanged. */
    void apply(double[] in, double[] out);

    /**
     * out ← f(in) on vectors of {@code grid().size()} entries. The default handles host vectors
     * without copies and other vectors through the host (one download and one upload, allocating).
     */
    default void apply(Vector in, Vector out) {
        int n = grid().size();
        if (in.size() != n || out.size() != n) {
            throw new DimensionMismatchException("network input has " + in.size() + " and output " + out.size()
                    + " entries; the grid " + grid() + " has " + n);
        }
        if (in instanceof DenseVector di && out instanceof DenseVector dout) {
            apply(di.data(), dout.data());
            return;
        }
        double[] o = new double[n];
        apply(in.toArray(), o);
        out.setFrom(o);
    }

    /** A short description, e.g. "cpu" or the device. */
    String device();

    /** Releases buffers (device memory); idempotent. */
    @Override
    void close();

    /** Checks that a network of {@code arch} can run on {@code grid} (same spatial dimension). */
    static void checkGrid(Architecture arch, Grid grid) {
        if (arch.spatialDims() != grid.spatialDims()) {
            throw new IllegalArgumentException("a " + arch.spatialDims()
                    + "D network cannot run on the " + grid.spatialDims() + "D grid " + grid);
        }
    }
}
