package io.krylovforge.solvers.stationary;

/**
 * Options of {@link ChebyshevIteration}: the spectral interval of M⁻¹A, given or estimated.
 * Immutable and validated; {@code defaults()} estimates both bounds per solve;
 * {@code defaults().withLowerBound(0.1).withUpperBound(8.0)} fixes them (give both or neither).
 *
 * @param lowerBound   λ_min bound &gt; 0, or NaN to estimate it
 * @param upperBound   λ_max bound &gt; lowerBound, or NaN to estimate it
 * @param lanczosSteps Lanczos steps of the estimate, ≥ 1 (default {@value ChebyshevIteration#DEFAULT_LANCZOS_STEPS})
 * @param seed         seed of the estimate's start vector (default {@value ChebyshevIteration#DEFAULT_SEED})
 */
public record ChebyshevIterationOptions(double lowerBound, double upperBound, int lanczosSteps, long seed) {
    /**
     * Validates the options.
     *
     * @param lowerBound   &gt; 0 and finite, or NaN
     * @param upperBound   &gt; 0 and finite, or NaN; above lowerBound when both are given
     * @param lanczosSteps ≥ 1
     * @param seed         any
     * @throws IllegalArgumentException naming the bad option
     */
    public ChebyshevIterationOptions {
        if (!Double.isNaN(lowerBound) && !(lowerBound > 0.0 && lowerBound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Chebyshev lower bound must be > 0 and finite, got " + lowerBound);
        }
        if (!Double.isNaN(upperBound) && !(upperBound > 0.0 && upperBound < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("Chebyshev upper bound must be > 0 and finite, got " + upperBound);
        }
        if (!(upperBound > lowerBound) && !Double.isNaN(lowerBound) && !Double.isNaN(upperBound)) {
            throw new IllegalArgumentException("need 0 < lower < upper bound, got [" + lowerBound + ", " + upperBound
                    + "]");
        }
        if (lanczosSteps < 1) {
            throw new IllegalArgumentException("Lanczos steps must be >= 1, got " + lanczosSteps);
        }
    }

    /**
     * Both bounds estimated per solve by {@value ChebyshevIteration#DEFAULT_LANCZOS_STEPS} Lanczos
     * steps, seed {@value ChebyshevIteration#DEFAULT_SEED}.
     *
     * @return the defaults
     */
    public static ChebyshevIterationOptions defaults() {
        return new ChebyshevIterationOptions(Double.NaN, Double.NaN, ChebyshevIteration.DEFAULT_LANCZOS_STEPS,
                ChebyshevIteration.DEFAULT_SEED);
    }

    /**
     * Whether the interval is given (both bounds), not estimated.
     *
     * @return true when both bounds are numbers
     */
    public boolean fixedInterval() {
        return !Double.isNaN(lowerBound) && !Double.isNaN(upperBound);
    }

    /**
     * A copy with λ_min bound {@code value}.
     *
     * @param value &gt; 0, or NaN to estimate
     * @return the changed copy
     */
    public ChebyshevIterationOptions withLowerBound(double value) {
        return new ChebyshevIterationOptions(value, upperBound, lanczosSteps, seed);
    }

    /**
     * A copy with λ_max bound {@code value}.
     *
     * @param value &gt; lowerBound, or NaN to estimate
     * @return the changed copy
     */
    public ChebyshevIterationOptions withUpperBound(double value) {
        return new ChebyshevIterationOptions(lowerBound, value, lanczosSteps, seed);
    }

    /**
     * A copy whose estimate takes {@code value} Lanczos steps.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public ChebyshevIterationOptions withLanczosSteps(int value) {
        return new ChebyshevIterationOptions(lowerBound, upperBound, value, seed);
    }

    /**
     * A copy whose estimate starts from a vector seeded with {@code value}.
     *
     * @param value the seed
     * @return the changed copy
     */
    public ChebyshevIterationOptions withSeed(long value) {
        return new ChebyshevIterationOptions(lowerBound, upperBound, lanczosSteps, value);
    }
}
