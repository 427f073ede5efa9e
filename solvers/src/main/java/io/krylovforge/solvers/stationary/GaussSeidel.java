package io.krylovforge.solvers.stationary;

/**
 * Forward Gauss–Seidel: x_i ← (b_i − Σ_{j≠i} a_ij x_j)/a_ii for i = 0..n−1, using the newest
 * values. SOR with ω = 1.
 *
 * <p>Converges for SPD A and for strictly diagonally dominant A. Needs a
 * {@link io.krylovforge.core.linalg.CsrMatrix} with a nonzero diagonal. Stopping rule: the true
 * residual, recomputed by one SpMV after every sweep, see {@link SweepSolver}.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Section 4.1.
 */
public final class GaussSeidel extends SweepSolver {
    @Override
    public String name() {
        return "gauss-seidel";
    }

    @Override
    void sweep(Csr a, double[] b, double[] x, double[] r) {
        SuccessiveOverRelaxation.forward(a, b, x, 1.0);
    }
}
