package io.krylovforge.core.solve;

import java.util.Arrays;

/**
 * The one convergence test all solvers share, created per solve: ‖r‖ ≤ max(rtol·‖b‖, atol)
 * converges; NaN/∞ and ‖r‖ > dtol·‖r₀‖ diverge; k ≥ maxIterations stops. It records the
 * residual history and calls the monitor, so solvers only report norms.
 */
public final class ConvergenceTest {
    private final SolverOptions options;
    private final double bnorm;
    private final double threshold;
    private double r0 = Double.NaN;
    private double[] history = new double[64];
    private int count;

    /**
     * A test for one solve.
     *
     * @param options the solve's tolerances, iteration limit and monitor
     * @param bnorm   ‖b‖₂ of the right-hand side
     */
    public ConvergenceTest(SolverOptions options, double bnorm) {
        this.options = options;
        this.bnorm = bnorm;
        this.threshold = Math.max(options.rtol() * bnorm, options.atol());
    }

    /** max(rtol·‖b‖, atol). */
    public double threshold() {
        return threshold;
    }

    /** ‖b‖₂ of this solve's right-hand side. */
    public double bnorm() {
        return bnorm;
    }

    /** The iteration limit of this solve. */
    public int maxIterations() {
        return options.maxIterations();
    }

    /** Whether {@code rnorm} meets the tolerance (no recording). */
    public boolean satisfied(double rnorm) {
        return rnorm <= threshold;
    }

    /**
     * Records iteration k's residual norm and says whether to stop: returns the reason, or
     * {@code null} to go on. k = 0 is the initial residual.
     */
    public StopReason check(int k, double rnorm) {
        record(k, rnorm);
        if (Double.isNaN(rnorm) || Double.isInfinite(rnorm)) {
            return StopReason.DIVERGED_NAN;
        }
        if (rnorm <= threshold) {
            return rnorm <= options.rtol() * bnorm ? StopReason.CONVERGED_RTOL : StopReason.CONVERGED_ATOL;
        }
        if (k == 0) {
            r0 = rnorm;
        } else if (rnorm > options.dtol() * Math.max(r0, threshold)) {
            return StopReason.DIVERGED_DTOL;
        }
        if (k >= options.maxIterations()) {
            return StopReason.DIVERGED_MAX_ITERATIONS;
        }
        return null;
    }

    /** Records a norm and calls the monitor without testing it. */
    public void record(int k, double rnorm) {
        if (count == history.length) {
            history = Arrays.copyOf(history, 2 * count);
        }
        history[count++] = rnorm;
        Monitor m = options.monitor();
        if (m != null) {
            m.iteration(k, rnorm);
        }
    }

    /** The reason a converged recurrence residual turns into once the true residual is known. */
    public StopReason reasonFor(double trueResidualNorm) {
        if (Double.isNaN(trueResidualNorm) || Double.isInfinite(trueResidualNorm)) {
            return StopReason.DIVERGED_NAN;
        }
        if (trueResidualNorm <= options.rtol() * bnorm) {
            return StopReason.CONVERGED_RTOL;
        }
        return trueResidualNorm <= options.atol() ? StopReason.CONVERGED_ATOL : null;
    }

    /** Builds the immutable result from the recorded history. */
    public SolveResult result(StopReason reason, int iterations, double trueResidualNorm, String detail) {
        double rel = bnorm > 0 ? trueResidualNorm / bnorm : 0.0;
        return new SolveResult(reason, iterations, trueResidualNorm, rel, Arrays.copyOf(history, count),
                detail);
    }
}
