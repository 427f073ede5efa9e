package io.krylovforge.precond.amg;

/**
 * Options of {@link SmoothedAggregationAmg}, PyAMG's defaults unless changed. Immutable and
 * validated: {@code new SmoothedAggregationAmg(AmgOptions.defaults().withTheta(0.08).withCycle(Cycle.W))}.
 *
 * @param theta     strength threshold θ in [0, 1] (default 0: every off-diagonal entry is strong)
 * @param maxLevels most levels, counting the finest, ≥ 1 (default 10)
 * @param maxCoarse stop coarsening at this many unknowns or fewer, ≥ 1 (default 10)
 * @param smoother  pre- and post-smoother (default symmetric Gauss–Seidel)
 * @param cycle     cycle shape (default V)
 * @param seed      seed of the Lanczos start vectors (default 42)
 */
public record AmgOptions(double theta, int maxLevels, int maxCoarse, SmootherKind smoother, Cycle cycle, long seed) {
    /**
     * Validates the options.
     *
     * @param theta     θ in [0, 1]
     * @param maxLevels ≥ 1
     * @param maxCoarse ≥ 1
     * @param smoother  not null
     * @param cycle     not null
     * @param seed      any
     * @throws IllegalArgumentException naming the bad option
     */
    public AmgOptions {
        if (!(theta >= 0.0 && theta <= 1.0)) {
            throw new IllegalArgumentException("theta must be in [0, 1], got " + theta);
        }
        if (maxLevels < 1) {
            throw new IllegalArgumentException("maxLevels must be >= 1, got " + maxLevels);
        }
        if (maxCoarse < 1) {
            throw new IllegalArgumentException("maxCoarse must be >= 1, got " + maxCoarse);
        }
        if (smoother == null) {
            throw new IllegalArgumentException("smoother must not be null");
        }
        if (cycle == null) {
            throw new IllegalArgumentException("cycle must not be null");
        }
    }

    /**
     * PyAMG's defaults: θ = 0, 10 levels, max coarse 10, symmetric Gauss–Seidel, V-cycle, seed 42.
     *
     * @return the defaults
     */
    public static AmgOptions defaults() {
        return new AmgOptions(0.0, 10, 10, SmootherKind.SYMMETRIC_GAUSS_SEIDEL, Cycle.V, 42L);
    }

    /**
     * A copy with strength threshold {@code value}.
     *
     * @param value θ in [0, 1]
     * @return the changed copy
     */
    public AmgOptions withTheta(double value) {
        return new AmgOptions(value, maxLevels, maxCoarse, smoother, cycle, seed);
    }

    /**
     * A copy with level limit {@code value}.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public AmgOptions withMaxLevels(int value) {
        return new AmgOptions(theta, value, maxCoarse, smoother, cycle, seed);
    }

    /**
     * A copy that stops coarsening at {@code value} unknowns.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public AmgOptions withMaxCoarse(int value) {
        return new AmgOptions(theta, maxLevels, value, smoother, cycle, seed);
    }

    /**
     * A copy with smoother {@code value}.
     *
     * @param value the smoother
     * @return the changed copy
     */
    public AmgOptions withSmoother(SmootherKind value) {
        return new AmgOptions(theta, maxLevels, maxCoarse, value, cycle, seed);
    }

    /**
     * A copy with cycle {@code value}.
     *
     * @param value V or W
     * @return the changed copy
     */
    public AmgOptions withCycle(Cycle value) {
        return new AmgOptions(theta, maxLevels, maxCoarse, smoother, value, seed);
    }

    /**
     * A copy with Lanczos seed {@code value}.
     *
     * @param value the seed
     * @return the changed copy
     */
    public AmgOptions withSeed(long value) {
        return new AmgOptions(theta, maxLevels, maxCoarse, smoother, cycle, value);
    }
}
