package io.krylovforge.core.solve;

/** Thrown only on request ({@link SolveResult#orThrow()}): the solve did not converge. */
public class NotConvergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SolveResult result;

    /** @param result the solve that did not converge; its summary becomes the message */
    public NotConvergedException(SolveResult result) {
        super("solve did not converge: " + result.summary());
        this.result = result;
    }

    /** The result of the failed solve (stop reason, iterations, residual history). */
    public SolveResult result() {
        return result;
    }
}
