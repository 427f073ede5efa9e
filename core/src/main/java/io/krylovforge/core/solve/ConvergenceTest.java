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

    public ConvergenceTest(SolverOptions options, double bnorm) {
        this.options = options;
        this.bnorm = bnorm;
        this.threshold = Math.max(options.rtol() * bnorm, options.atol());
    }

    /** max(rtol·‖b‖, atol). */
    public double threshold() {
        return threshold;
    }

    public double bnorm() {
        return bnorm;
    }

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

    /** Detail of a DIVERGED_STAGNATION result from {@link #confirm}. */
    public static final String STAGNATION_DETAIL = "true residual stays above the tolerance";

    /**
     * Confirms a converged recurrence residual on the residual recomputed from b − Ax (the block
     * every solver with a recurrence residual runs before it may report CONVERGED).
     *
     * @param k                iterations so far
     * @param trueResidualNorm the recomputed (tested) residual norm
     * @param attempt          how many confirmations of this solve failed before (0 the first time)
     * @return CONVERGED_RTOL/ATOL (or DIVERGED_NAN) decided by the true norm; DIVERGED_STAGNATION
     *         when it misses and {@link SolverSupport#MAX_REPLACEMENTS} restarts were spent or k has
     *         reached maxIterations; {@code null}: restart the recurrences from the true residual
     */
    public StopReason confirmReason(int k, double trueResidualNorm, int attempt) {
        StopReason confirmed = reasonFor(trueResidualNorm);
        if (confirmed != null) {
            return confirmed;
        }
        if (attempt >= SolverSupport.MAX_REPLACEMENTS || k >= options.maxIterations()) {
            return StopReason.DIVERGED_STAGNATION;
        }
        return null;
    }

    /**
     * {@link #confirmReason} as a finished result (true norm reported, the stagnation detail set),
     * or {@code null} to go on from the true residual.
     */
    public SolveResult confirm(int k, double trueResidualNorm, int attempt) {
        StopReason reason = confirmReason(k, trueResidualNorm, attempt);
        if (reason == null) {
            return null;
        }
        return result(reason, k, trueResidualNorm,
                reason == StopReason.DIVERGED_STAGNATION ? STAGNATION_DETAIL : "");
    }

    /** Builds the immutable result from the recorded history. */
    public SolveResult result(StopReason reason, int iterations, double trueResidualNorm, String detail) {
        double rel = bnorm > 0 ? trueResidualNorm / bnorm : 0.0;
        return new SolveResult(reason, iterations, trueResidualNorm, rel, Arrays.copyOf(history, count),
                detail);
    }
}
