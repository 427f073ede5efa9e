package io.krylovforge.solvers.stationary;

/**
 * Weighted Jacobi: x ← x + ω D⁻¹(b − Ax).
 *
 * <p>Converges for strictly or irreducibly diagonally dominant A, and for SPD A when
 * 0 &lt; ω &lt; 2/λ_max(D⁻¹A); on the Laplacian it is slow (a smoother, not a solver: its
 * spectral radius is 1 − O(h²)). Needs a {@link io.krylovforge.core.linalg.CsrMatrix} with a
 * nonzero diagonal. Stopping rule: the true residual, recomputed every iteration (and reused by
 * the next sweep), see {@link SweepSolver}.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Section 4.1.
 */
public final class Jacobi extends SweepSolver {
    private final double omega;

    /** Plain Jacobi (ω = 1). */
    public Jacobi() {
        this(1.0);
    }

    /** @param omega damping weight in (0, 2) */
    public Jacobi(double omega) {
        checkOmega(omega, 2.0);
        this.omega = omega;
    }

    /** {@return the damping factor ω} */
    public double omega() {
        return omega;
    }

    @Override
    public String name() {
        return "jacobi";
    }

    @Override
    void sweep(Csr a, double[] b, double[] x, double[] r) {
        final int[] diag = a.diagPos;
        final double[] val = a.values;
        final double w = omega;
        for (int i = 0, n = a.n; i < n; i++) {
            x[i] += w * r[i] / val[diag[i]]; // x <- x + omega D^-1 r
        }
    }
}
