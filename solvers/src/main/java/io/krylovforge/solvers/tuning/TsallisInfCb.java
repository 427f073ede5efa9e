package io.krylovforge.solvers.tuning;

import java.util.Arrays;

/**
 * Contextual Tsallis-INF: the context interval [a, b] is cut into equal bins and each bin runs
 * its own {@link TsallisInf} (Khodak et al. 2024, §2.3; m = 5 bins for the SOR experiments,
 * 6 for the heat equation). A context outside [a, b] goes to the nearest bin.
 */
public final class TsallisInfCb implements OmegaTuner {
    private final double low;
    private final double high;
    private final TsallisInf[] bins;
    private int lastBin = -1;

    /**
     * @param grid     the arms (ω values)
     * @param low      lower end a of the context range
     * @param high     upper end b of the context range (&gt; a)
     * @param binCount number of equal context bins (≥ 1)
     * @param seed     seed of the arm sampling
     */
    public TsallisInfCb(OmegaGrid grid, double low, double high, int binCount, long seed) {
        if (!(high > low) || binCount < 1) {
            throw new IllegalArgumentException("need low < high and binCount >= 1");
        }
        this.low = low;
        this.high = high;
        this.bins = new TsallisInf[binCount];
        for (int i = 0; i < binCount; i++) {
            bins[i] = new TsallisInf(grid, seed + 0x9E3779B97F4A7C15L * (i + 1));
        }
    }

    int binOf(double context) {
        int b = (int) Math.floor((context - low) / (high - low) * bins.length);
        return Math.max(0, Math.min(bins.length - 1, b));
    }

    @Override
    public double choose(double context) {
        lastBin = binOf(context);
        return bins[lastBin].choose(context);
    }

    @Override
    public void observe(double cost) {
        if (lastBin < 0) {
            throw new IllegalStateException("observe() without choose()");
        }
        bins[lastBin].observe(cost);
        lastBin = -1;
    }

    @Override
    public String name() {
        return "tsallis-inf-cb";
    }

    /** values = the bins' states, each [k..., costSum, round, rngSeed], concatenated. */
    @Override
    public TunerState state() {
        int per = bins[0].grid().size() + 3;
        double[] v = new double[per * bins.length];
        for (int i = 0; i < bins.length; i++) {
            TunerState s = bins[i].state();
            double[] sv = s.values();
            System.arraycopy(sv, 0, v, i * per, sv.length);
            v[i * per + per - 2] = s.round();
            v[i * per + per - 1] = Double.longBitsToDouble(s.rngSeed());
        }
        return new TunerState(name(), 0, 0, v);
    }

    @Override
    public void restore(TunerState state) {
        int per = bins[0].grid().size() + 3;
        state.requireKind(name(), per * bins.length);
        double[] v = state.values();
        for (int i = 0; i < bins.length; i++) {
            double[] sv = Arrays.copyOfRange(v, i * per, i * per + per - 2);
            bins[i].restore(new TunerState("tsallis-inf", (long) v[i * per + per - 2],
                    Double.doubleToRawLongBits(v[i * per + per - 1]), sv));
        }
        lastBin = -1;
    }
}
