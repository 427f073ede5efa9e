package io.krylovforge.precond.amg;

/**
 * One relaxation step on a fixed level matrix: x ← x + S(b − A x) in place. Smoothers used
 * by the symmetric cycles are self-adjoint in the A-inner product (symmetric Gauss–Seidel,
 * weighted Jacobi, Chebyshev), so a V- or W-cycle with the same pre- and post-smoother is a
 * symmetric preconditioner.
 */
public interface Smoother {
    /** Improves x for A x = b; b unchanged. */
    void smooth(double[] b, double[] x);

    /** Short name for the hierarchy table. */
    String name();
}
