package io.krylovforge.mesh.family;

/**
 * A Chebyshev series Σ_k c_k T_k(t) on an interval [lo, hi] (mapped to t ∈ [−1, 1]), evaluated
 * with Clenshaw's recurrence. Used for the random sources and boundary data of the SKR Poisson
 * set (MATLAB {@code chebfun} series with U(−1,1) coefficients).
 */
public final class ChebyshevSeries {
    private final double[] c;
    private final double lo;
    private final double hi;

    /**
     * @param coefficients c_0 … c_{m−1} (at least one; copied)
     * @param lo           left end of the interval
     * @param hi           right end of the interval (&gt; lo)
     */
    public ChebyshevSeries(double[] coefficients, double lo, double hi) {
        if (coefficients.length == 0) {
            throw new IllegalArgumentException("a Chebyshev series needs at least one coefficient");
        }
        if (!(hi > lo)) {
            throw new IllegalArgumentException("interval must have hi > lo, got [" + lo + ", " + hi + "]");
        }
        this.c = coefficients.clone();
        this.lo = lo;
        this.hi = hi;
    }

    /** Value at s ∈ [lo, hi]. */
    public double value(double s) {
        double t = (2.0 * s - lo - hi) / (hi - lo);
        double b1 = 0.0;
        double b2 = 0.0;
        for (int k = c.length - 1; k >= 1; k--) {
            double b0 = 2.0 * t * b1 - b2 + c[k]; // Clenshaw: b_k = 2t b_{k+1} − b_{k+2} + c_k
            b2 = b1;
            b1 = b0;
        }
        return t * b1 - b2 + c[0];
    }
}
