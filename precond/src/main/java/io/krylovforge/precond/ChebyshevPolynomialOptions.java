package io.krylovforge.precond;

/**
 * Options of {@link ChebyshevPolynomial}. Immutable and validated:
 * {@code new ChebyshevPolynomial(ChebyshevPolynomialOptions.defaults().withDegree(3))}.
 *
 * @param degree polynomial degree k ≥ 1 in D⁻¹A (k = 1 is scaled Jacobi; default {@value #DEFAULT_DEGREE})
 * @param seed   seed of the Lanczos start vector of the spectral estimate (default {@value #DEFAULT_SEED})
 */
public record ChebyshevPolynomialOptions(int degree, long seed) {
    /** Default degree, as the registry's {@code chebyshev}. */
    public static final int DEFAULT_DEGREE = 4;
    /** Default seed of the Lanczos start vector. */
    public static final long DEFAULT_SEED = 42L;

    /**
     * Validates the degree.
     *
     * @param degree k ≥ 1
     * @param seed   any
     * @throws IllegalArgumentException if k &lt; 1
     */
    public ChebyshevPolynomialOptions {
        if (degree < 1) {
            throw new IllegalArgumentException("Chebyshev degree must be >= 1, got " + degree);
        }
    }

    /**
     * Degree {@value #DEFAULT_DEGREE}, seed {@value #DEFAULT_SEED}.
     *
     * @return the defaults
     */
    public static ChebyshevPolynomialOptions defaults() {
        return new ChebyshevPolynomialOptions(DEFAULT_DEGREE, DEFAULT_SEED);
    }

    /**
     * A copy with degree {@code value}.
     *
     * @param value k ≥ 1
     * @return the changed copy
     */
    public ChebyshevPolynomialOptions withDegree(int value) {
        return new ChebyshevPolynomialOptions(value, seed);
    }

    /**
     * A copy with Lanczos seed {@code value}.
     *
     * @param value the seed
     * @return the changed copy
     */
    public ChebyshevPolynomialOptions withSeed(long value) {
        return new ChebyshevPolynomialOptions(degree, value);
    }
}
