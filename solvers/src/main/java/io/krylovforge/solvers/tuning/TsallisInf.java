package io.krylovforge.solvers.tuning;

import java.util.SplittableRandom;

/**
 * Tsallis-INF (½-Tsallis entropy regulariser) over a grid of ω values: the bandit algorithm of
 * Khodak et al., "Learning to Relax" (ICLR 2024), Alg. 2, after Zimmert and Seldin (2021).
 *
 * <p>Keeps importance-weighted cumulative losses k_i. Each round p_i = 4 (η(k_i/K − x))⁻² with the
 * normaliser x found by Newton's method (x ← x − (Σp − 1)/(η Σp^{3/2})), the anytime step
 * η_t = 2/√t, and the loss scale K = (mean cost so far − 1), set online (paper App. G). After
 * playing arm i with probability p_i and seeing cost c: k_i ← k_i + (c − 1)/p_i.
 * Per-round work O(d). Deterministic for a given seed.
 */
public final class TsallisInf implements OmegaTuner {
    private static final int NEWTON_STEPS = 20;
    private final OmegaGrid grid;
    private final long seed;
    private final double[] k;
    private final double[] p;
    private SplittableRandom rnd;
    private long round;
    private double costSum;
    private int lastArm = -1;

    /**
     * @param grid the arms (ω values)
     * @param seed seed of the arm sampling
     */
    public TsallisInf(OmegaGrid grid, long seed) {
        this.grid = grid;
        this.seed = seed;
        this.k = new double[grid.size()];
        this.p = new double[grid.size()];
        this.rnd = new SplittableRandom(seed);
    }

    /** {@return the arms} */
    public OmegaGrid grid() {
        return grid;
    }

    @Override
    public double choose(double context) {
        if (lastArm >= 0) {
            throw new IllegalStateException("choose() called twice without observe()");
        }
        computeProbabilities(round + 1);
        double u = rnd.nextDouble();
        int arm = p.length - 1;
        double acc = 0.0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                arm = i;
                break;
            }
        }
        lastArm = arm;
        return grid.omega(arm);
    }

    /** {@return the arm played last (for tests and reports)} */
    public int lastArm() {
        return lastArm;
    }

    /** Current sampling distribution (copy), as used by the last {@link #choose}. */
    public double[] probabilities() {
        return p.clone();
    }

    @Override
    public void observe(double cost) {
        if (lastArm < 0) {
            throw new IllegalStateException("observe() without choose()");
        }
        if (!(cost >= 0.0) || Double.isInfinite(cost)) {
            throw new IllegalArgumentException("cost must be finite and >= 0, got " + cost);
        }
        round++;
        costSum += cost;
        k[lastArm] += (cost - 1.0) / p[lastArm];
        lastArm = -1;
    }

    private void computeProbabilities(long t) {
        int d = k.length;
        double eta = 2.0 / Math.sqrt(t);
        double scale = round > 0 ? Math.max(1.0, costSum / round - 1.0) : 1.0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : k) {
            min = Math.min(min, v);
        }
        // Shifted losses L_i = (k_i - min k)/K >= 0; the normaliser x stays below min L = 0.
        double x = -1.0;
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double sum = 0.0;
            double sum32 = 0.0;
            for (int i = 0; i < d; i++) {
                double gap = eta * ((k[i] - min) / scale - x);
                double pi = 4.0 / (gap * gap);
                sum += pi;
                sum32 += pi * Math.sqrt(pi);
            }
            double next = x - (sum - 1.0) / (eta * sum32);
            x = Math.min(next, -1e-12); // stay strictly below the smallest shifted loss
        }
        double total = 0.0;
        for (int i = 0; i < d; i++) {
            double gap = eta * ((k[i] - min) / scale - x);
            p[i] = 4.0 / (gap * gap);
            total += p[i];
        }
        for (int i = 0; i < d; i++) {
            p[i] /= total; // remove the last Newton residual
        }
    }

    @Override
    public String name() {
        return "tsallis-inf";
    }

    /** values = [k_0..k_{d-1}, costSum]; rngSeed re-seeds the generator on restore. */
    @Override
    public TunerState state() {
        double[] v = new double[k.length + 1];
        System.arraycopy(k, 0, v, 0, k.length);
        v[k.length] = costSum;
        long next = rnd.split().nextLong();
        rnd = new SplittableRandom(next);
        return new TunerState(name(), round, next, v);
    }

    @Override
    public void restore(TunerState state) {
        state.requireKind(name(), k.length + 1);
        double[] v = state.values();
        System.arraycopy(v, 0, k, 0, k.length);
        costSum = v[k.length];
        round = state.round();
        rnd = new SplittableRandom(state.rngSeed());
        lastArm = -1;
    }

    long seed() {
        return seed;
    }
}
