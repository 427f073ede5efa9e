package io.krylovforge.precond.factor;

/**
 * Options of {@link IncompleteLuThreshold}. Immutable and validated:
 * {@code new IncompleteLuThreshold(IncompleteLuThresholdOptions.defaults().withDropTolerance(1e-3).withFill(20))}.
 *
 * @param dropTolerance τ ≥ 0: entries below τ·‖row‖₂ are dropped (default {@value #DEFAULT_DROP_TOLERANCE})
 * @param fill          p ≥ 0: largest entries kept per row in each of L and U (default {@value #DEFAULT_FILL})
 */
public record IncompleteLuThresholdOptions(double dropTolerance, int fill) {
    /** Default drop tolerance τ, as the registry's {@code ilut}. */
    public static final double DEFAULT_DROP_TOLERANCE = 1e-4;
    /** Default fill p per row. */
    public static final int DEFAULT_FILL = 10;

    /**
     * Validates the options.
     *
     * @param dropTolerance τ ≥ 0 and finite
     * @param fill          p ≥ 0
     * @throws IllegalArgumentException naming the bad option
     */
    public IncompleteLuThresholdOptions {
        if (!(dropTolerance >= 0.0) || Double.isInfinite(dropTolerance)) {
            throw new IllegalArgumentException("ILUT drop tolerance must be >= 0, got " + dropTolerance);
        }
        if (fill < 0) {
            throw new IllegalArgumentException("ILUT fill p must be >= 0, got " + fill);
        }
    }

    /**
     * τ = {@value #DEFAULT_DROP_TOLERANCE}, p = {@value #DEFAULT_FILL}.
     *
     * @return the defaults
     */
    public static IncompleteLuThresholdOptions defaults() {
        return new IncompleteLuThresholdOptions(DEFAULT_DROP_TOLERANCE, DEFAULT_FILL);
    }

    /**
     * A copy with drop tolerance {@code value}.
     *
     * @param value τ ≥ 0
     * @return the changed copy
     */
    public IncompleteLuThresholdOptions withDropTolerance(double value) {
        return new IncompleteLuThresholdOptions(value, fill);
    }

    /**
     * A copy keeping {@code value} entries per row.
     *
     * @param value p ≥ 0
     * @return the changed copy
     */
    public IncompleteLuThresholdOptions withFill(int value) {
        return new IncompleteLuThresholdOptions(dropTolerance, value);
    }
}
