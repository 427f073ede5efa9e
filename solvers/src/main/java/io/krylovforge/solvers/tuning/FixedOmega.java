package io.krylovforge.solvers.tuning;

/** Baseline: always the same ω. */
public final class FixedOmega implements OmegaTuner {
    private final double omega;

    /** @param omega the relaxation factor played every round, in (0, 2) */
    public FixedOmega(double omega) {
        if (!(omega > 0.0 && omega < 2.0)) {
            throw new IllegalArgumentException("omega must be in (0, 2), got " + omega);
        }
        this.omega = omega;
    }

    @Override
    public double choose(double context) {
        return omega;
    }

    @Override
    public void observe(double cost) {
        // nothing to learn
    }

    @Override
    public String name() {
        return "fixed:" + omega;
    }

    @Override
    public TunerState state() {
        return new TunerState("fixed", 0, 0, new double[] {omega});
    }

    @Override
    public void restore(TunerState state) {
        state.requireKind("fixed", 1);
        if (state.values()[0] != omega) {
            throw new IllegalArgumentException("state is for omega " + state.values()[0] + ", not " + omega);
        }
    }
}
