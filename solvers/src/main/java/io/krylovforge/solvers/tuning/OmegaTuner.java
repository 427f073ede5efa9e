package io.krylovforge.solvers.tuning;

/**
 * Chooses a relaxation factor ω for each system of a sequence and learns from the cost it
 * caused (bandit feedback: only the cost of the ω actually played is seen).
 *
 * <p>Protocol per system: {@code choose(context)} once, solve with that ω, then
 * {@code observe(cost)} once. The context is a scalar describing the system (e.g. the diagonal
 * shift c_t or the diffusivity κ(t)); context-free tuners ignore it.
 */
public interface OmegaTuner {
    /**
     * The ω to play for the next system.
     *
     * @param context the scalar describing the system (ignored by context-free tuners)
     * @return ω
     */
    double choose(double context);

    /**
     * The cost (iteration count) the last chosen ω produced.
     *
     * @param cost the cost observed
     */
    void observe(double cost);

    /** {@return a short name for reports} */
    String name();

    /** {@return a snapshot of the learned state, for JSON persistence and resuming} */
    TunerState state();

    /**
     * Restores a snapshot taken from a tuner of the same kind and configuration.
     *
     * @param state the snapshot
     */
    void restore(TunerState state);
}
