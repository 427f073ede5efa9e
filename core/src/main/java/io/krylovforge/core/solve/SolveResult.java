package io.krylovforge.core.solve;

import java.util.Locale;

/**
 * What a solve did. Immutable (the history array is copied in and out).
 *
 * @param reason           why it stopped
 * @param iterations       iterations done (matrix-vector products for most methods)
 * @param residualNorm     final ‖b − Ax‖ (true residual, recomputed at the end)
 * @param relativeResidual final ‖b − Ax‖/‖b‖ (0 when b = 0)
 * @param history          residual norm the solver tested at k = 0, 1, ...
 * @param detail           extra words on a failure (the pivot row, ...), or empty
 */
public record SolveResult(StopReason reason, int iterations, double residualNorm,
        double relativeResidual, double[] history, String detail) {

    /**
     * Checks the result is complete; a missing stop reason is an internal error.
     *
     * @param reason           why it stopped
     * @param iterations       iterations done (matrix-vector products for most methods)
     * @param residualNorm     final ‖b − Ax‖ (true residual, recomputed at the end)
     * @param relativeResidual final ‖b − Ax‖/‖b‖ (0 when b = 0)
     * @param history          residual norm the solver tested at k = 0, 1, ...
     * @param detail           extra words on a failure (the pivot row, ...), or empty
     */
    public SolveResult {
        if (reason == null) {
            throw new IllegalStateException("internal: a solver returned no stop reason");
        }
        history = history.clone();
        detail = detail == null ? "" : detail;
    }

    /** A copy of the residual norms the convergence test saw, entry k after iteration k. */
    @Override
    public double[] history() {
        return history.clone();
    }

    /**
     * Whether the stop reason is one of the CONVERGED_* reasons.
     *
     * @return true for CONVERGED_* reasons
     */
    public boolean converged() {
        return reason.converged();
    }

    /** Returns this result, or throws {@link NotConvergedException} if the solve failed. */
    public SolveResult orThrow() {
        if (!converged()) {
            throw new NotConvergedException(this);
        }
        return this;
    }

    /** One line: reason, iterations, relative residual. */
    public String summary() {
        return String.format(Locale.ROOT, "%s after %d iterations, relative residual %.3e%s", reason,
                iterations, relativeResidual, detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
