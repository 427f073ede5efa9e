package io.krylovforge.solvers.tuning;

/** The arms of a bandit: d relaxation factors evenly spaced in [low, high]. */
public record OmegaGrid(double low, double high, int size) {
    /**
     * Validates the grid.
     *
     * @throws IllegalArgumentException unless 0 &lt; low ≤ high &lt; 2 and size ≥ 1
     */
    public OmegaGrid {
        if (size < 1 || !(low > 0.0) || !(high >= low) || !(high < 2.0)) {
            throw new IllegalArgumentException("need 0 < low <= high < 2 and size >= 1, got [" + low
                    + ", " + high + "] x " + size);
        }
    }

    /** {@return the paper's grid: 20 values in [1, 1.95]} */
    public static OmegaGrid standard() {
        return new OmegaGrid(1.0, 1.95, 20);
    }

    /** The ω of arm {@code arm} (0-based): low + (high − low)·arm/(size − 1). */
    public double omega(int arm) {
        return size == 1 ? low : low + (high - low) * arm / (size - 1);
    }

    /** The arm whose ω is nearest to {@code omega}. */
    public int nearestArm(double omega) {
        if (size == 1) {
            return 0;
        }
        long k = Math.round((omega - low) / (high - low) * (size - 1));
        return (int) Math.max(0, Math.min(size - 1, k));
    }
}
