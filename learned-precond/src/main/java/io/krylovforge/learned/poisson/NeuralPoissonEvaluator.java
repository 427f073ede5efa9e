package io.krylovforge.learned.poisson;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.Vector;

/**
 * Runs {@link NeuralPoissonNet#forward} for a {@link TwoLevelSystem}: û ≈ A⁻¹b. This is what
 * {@link NeuralPoissonStep} calls for its one-shot prediction and warm start;
 * {@link CpuNeuralPoissonNet} runs it on the host, and module learned-gpu's
 * {@code DeviceNeuralPoissonNet} runs the same network on a device
 * (same results to rounding: the tests hold them to 1e-10 relative).
 *
 * <p>Implementations copy the weights at construction (later training is not seen, except by the
 * CPU evaluator, which reads the live net) and keep per-system buffers for the last system they
 * saw, so repeated predictions for one system allocate nothing. Not thread-safe.
 */
public interface NeuralPoissonEvaluator extends AutoCloseable {

    /** {@return the network evaluated (blocks, width; the device copies its weights at construction)} */
    NeuralPoissonNet net();

    /** u[0..n) (out) ← the network's prediction for {@code system}, n = {@code system.size()}. */
    void predict(TwoLevelSystem system, double[] u);

    /** The prediction as a new array. */
    default double[] predict(TwoLevelSystem system) {
        double[] u = new double[system.size()];
        predict(system, u);
        return u;
    }

    /**
     * u (out) ← the prediction as a vector of {@code system.size()} entries, e.g. the x₀ of a solve
     * that runs on a device. The default serves host vectors directly and others through the host
     * (one upload, allocating); device evaluators override it so that their own backend's vectors
     * receive û by a device-to-device copy.
     */
    default void predict(TwoLevelSystem system, Vector u) {
        if (u.size() != system.size()) {
            throw new DimensionMismatchException("prediction vector has " + u.size() + " entries, the system has "
                    + system.size() + " unknowns");
        }
        if (u instanceof DenseVector d) {
            predict(system, d.data());
            return;
        }
        double[] h = new double[system.size()];
        predict(system, h);
        u.setFrom(h);
    }

    /** A short description, e.g. "cpu" or the device. */
    String device();

    /** Releases buffers (device memory); idempotent. */
    @Override
    void close();

    /** Checks that {@code u} can hold the prediction for {@code system}. */
    static void checkOutput(TwoLevelSystem system, double[] u) {
        if (u.length != system.size()) {
            throw new DimensionMismatchException("prediction array has " + u.length + " entries, the system has "
                    + system.size() + " unknowns");
        }
    }
}
