package io.krylovforge.core.solve;

/** Called once per iteration with the residual norm the solver tests; k = 0 is the initial one. */
@FunctionalInterface
public interface Monitor {
    void iteration(int k, double residualNorm);
}
