package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.SplittableRandom;

/**
 * Independent samples from the Crank–Nicolson heat setting of {@link HeatSequence}: a time step t
 * drawn uniformly from the sequence (so κ(t) varies) and a state u drawn as a bump with random
 * centre in [0.3, 0.7]² and radius in [0.15, 0.3], giving A_t and b_t(u). Use
 * {@link #sequence()} for the true time-marching sequence, where b depends on the previous
 * solution. Sort key: (κ(t), t).
 */
public final class HeatFamily implements PdeFamily {
    private final HeatSequence sequence;

    /** @param nx cells per side; n = (nx−1)² unknowns (n_x = 25 … 400 in the paper) */
    public HeatFamily(int nx) {
        this.sequence = HeatSequence.learningToRelax(nx);
    }

    /** {@return the time-stepping sequence whose steps are this family's samples} */
    public HeatSequence sequence() {
        return sequence;
    }

    @Override
    public String name() {
        return "heat";
    }

    @Override
    public int size() {
        return sequence.size();
    }

    @Override
    public boolean fixedMatrix() {
        return false;
    }

    @Override
    public boolean symmetric() {
        return true;
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        int step = random.nextInt(sequence.steps());
        double[] u = sequence.bumpState(random.nextDouble(0.3, 0.7), random.nextDouble(0.3, 0.7),
                random.nextDouble(0.15, 0.3));
        CsrMatrix a = sequence.matrix(step);
        double[] b = sequence.rhs(step, u);
        return new PdeInstance(name(), -1, a, b, new double[] {sequence.kappaAt(step), sequence.time(step)},
                new int[] {2}, sequence.grid());
    }
}
