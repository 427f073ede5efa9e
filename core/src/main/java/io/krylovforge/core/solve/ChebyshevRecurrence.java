package io.krylovforge.core.solve;

/**
 * The scalar three-term recurrence of Chebyshev acceleration on a spectral interval [lo, hi]
 * (Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Algorithm 12.1), written once for
 * the Chebyshev iteration solver and the Chebyshev polynomial preconditioner / AMG smoother,
 * which differ only in their vector kernels.
 *
 * <p>With θ = (hi + lo)/2, δ = (hi − lo)/2, σ = θ/δ: the first step is d = z/θ with
 * ρ = {@link #firstRho()}; every later step takes ρ' = {@link #nextRho(double) 1/(2σ − ρ)} and
 * d ← {@link #directionWeight ρ'ρ}·d + {@link #correctionWeight 2ρ'/δ}·z, where z is the
 * preconditioned residual. Immutable; no allocation per step.
 */
public final class ChebyshevRecurrence {
    private final double lo;
    private final double hi;
    private final double theta;
    private final double delta;
    private final double sigma;

    /**
     * The recurrence on [lo, hi].
     *
     * <p>Not checked here: the solver rejects a non-positive or empty estimated interval with a
     * stop reason, the preconditioner builds its interval with 0 &lt; lo &lt; hi by construction.
     *
     * @param lo lower end of the interval
     * @param hi upper end, &gt; lo
     */
    public ChebyshevRecurrence(double lo, double hi) {
        this.lo = lo;
        this.hi = hi;
        this.theta = 0.5 * (hi + lo);
        this.delta = 0.5 * (hi - lo);
        this.sigma = theta / delta;
    }

    /** Lower end of the interval. */
    public double lo() {
        return lo;
    }

    /** Upper end of the interval. */
    public double hi() {
        return hi;
    }

    /** θ = (hi + lo)/2, the centre: the first direction is z/θ. */
    public double theta() {
        return theta;
    }

    /** ρ of the first step, 1/σ. */
    public double firstRho() {
        return 1.0 / sigma;
    }

    /** ρ' = 1/(2σ − ρ), the next step's ρ from this step's. */
    public double nextRho(double rho) {
        return 1.0 / (2.0 * sigma - rho);
    }

    /** Weight ρ'ρ of the previous direction in d ← ρ'ρ d + (2ρ'/δ) z. */
    public double directionWeight(double rhoNew, double rho) {
        return rhoNew * rho;
    }

    /** Weight 2ρ'/δ of the preconditioned residual in d ← ρ'ρ d + (2ρ'/δ) z. */
    public double correctionWeight(double rhoNew) {
        return 2.0 * rhoNew / delta;
    }
}
