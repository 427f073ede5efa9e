package io.krylovforge.core.solve;

/**
 * Options every solver shares. Immutable; change with the {@code withX} copies.
 *
 * @param rtol           stop when ‖r‖ ≤ max(rtol·‖b‖, atol)
 * @param atol           absolute residual floor (0 to use rtol alone)
 * @param dtol           report divergence when ‖r‖ > dtol·‖r₀‖
 * @param maxIterations  iteration limit (≥ 0)
 * @param nonzeroGuess   use the incoming x as initial guess; else start from x = 0
 * @param preconditioner M, or {@code null} for none
 * @param monitor        called every iteration, or {@code null}
 */
public record SolverOptions(double rtol, double atol, double dtol, int maxIterations,
        boolean nonzeroGuess, Preconditioner preconditioner, Monitor monitor) {

    /**
     * Validates the options.
     *
     * @param rtol           stop when ‖r‖ ≤ max(rtol·‖b‖, atol)
     * @param atol           absolute residual floor (0 to use rtol alone)
     * @param dtol           report divergence when ‖r‖ > dtol·‖r₀‖
     * @param maxIterations  iteration limit (≥ 0)
     * @param nonzeroGuess   use the incoming x as initial guess; else start from x = 0
     * @param preconditioner M, or {@code null} for none
     * @param monitor        called every iteration, or {@code null}
     * @throws IllegalArgumentException if rtol or atol is negative or both are zero, dtol is not
     *        above 1, or maxIterations is negative
     */
    public SolverOptions {
        if (!(rtol >= 0.0) || !(atol >= 0.0) || rtol == 0.0 && atol == 0.0) {
            throw new IllegalArgumentException("need rtol >= 0 and atol >= 0, not both zero; got rtol="
                    + rtol + ", atol=" + atol);
        }
        if (!(dtol > 1.0)) {
            throw new IllegalArgumentException("dtol must be > 1, got " + dtol);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
    }

    /**
     * rtol 1e-8, atol 0, dtol 1e5, 10000 iterations, zero guess, no preconditioner.
     *
     * @return the default options
     */
    public static SolverOptions defaults() {
        return new SolverOptions(1e-8, 0.0, 1e5, 10_000, false, null, null);
    }

    /**
     * A copy with relative tolerance {@code value}: stop when ‖r‖ ≤ max(rtol·‖b‖, atol).
     *
     * @param value rtol ≥ 0
     * @return the changed copy
     */
    public SolverOptions withRtol(double value) {
        return new SolverOptions(value, atol, dtol, maxIterations, nonzeroGuess, preconditioner, monitor);
    }

    /**
     * A copy with absolute residual floor {@code value}.
     *
     * @param value atol ≥ 0
     * @return the changed copy
     */
    public SolverOptions withAtol(double value) {
        return new SolverOptions(rtol, value, dtol, maxIterations, nonzeroGuess, preconditioner, monitor);
    }

    /**
     * A copy that reports DIVERGED_DTOL once ‖r‖ > value·‖r₀‖.
     *
     * @param value dtol &gt; 1
     * @return the changed copy
     */
    public SolverOptions withDtol(double value) {
        return new SolverOptions(rtol, atol, value, maxIterations, nonzeroGuess, preconditioner, monitor);
    }

    /**
     * A copy with iteration limit {@code value}.
     *
     * @param value iteration limit ≥ 0
     * @return the changed copy
     */
    public SolverOptions withMaxIterations(int value) {
        return new SolverOptions(rtol, atol, dtol, value, nonzeroGuess, preconditioner, monitor);
    }

    /**
     * A copy that starts from the incoming x (true) or from x = 0 (false).
     *
     * @param value whether x comes in as the initial guess
     * @return the changed copy
     */
    public SolverOptions withNonzeroGuess(boolean value) {
        return new SolverOptions(rtol, atol, dtol, maxIterations, value, preconditioner, monitor);
    }

    /**
     * A copy with preconditioner M = {@code value} ({@code null} for none); the solver sets it up.
     *
     * @param value M, or {@code null}
     * @return the changed copy
     */
    public SolverOptions withPreconditioner(Preconditioner value) {
        return new SolverOptions(rtol, atol, dtol, maxIterations, nonzeroGuess, value, monitor);
    }

    /**
     * A copy that calls {@code value} every iteration ({@code null} for none).
     *
     * @param value the monitor, or {@code null}
     * @return the changed copy
     */
    public SolverOptions withMonitor(Monitor value) {
        return new SolverOptions(rtol, atol, dtol, maxIterations, nonzeroGuess, preconditioner, value);
    }

    /**
     * The preconditioner, or the identity when none was given.
     *
     * @return M, never {@code null}
     */
    public Preconditioner preconditionerOrIdentity() {
        return preconditioner == null ? new IdentityPreconditioner() : preconditioner;
    }
}
