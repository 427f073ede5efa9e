package io.krylovforge.core.solve;

/** Called once per iteration with the residual norm the solver tests; k = 0 is the initial one. */
@FunctionalInterface
public interface Monitor {
    /**
     * Called once before the first iteration (k = 0, the initial residual) and once after each
     * iteration.
     *
     * @param k            iteration number
     * @param residualNorm the residual norm the convergence test sees at step k
     */
    void iteration(int k, double residualNorm);
}
