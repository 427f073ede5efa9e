package io.krylovforge.solvers.stationary;

/**
 * SSOR: a forward SOR sweep followed by a backward one, so the iteration matrix is symmetrisable
 * for symmetric A (which is why SSOR, unlike SOR, can precondition CG).
 *
 * <p>Converges for SPD A and 0 &lt; ω &lt; 2. Needs a
 * {@link io.krylovforge.core.linalg.CsrMatrix} with a nonzero diagonal. One iteration = both
 * sweeps; stopping rule: the true residual after every iteration (one SpMV), see
 * {@link SweepSolver}.
 *
 * <p>Reference: Sheldon (1955); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed.,
 * Section 4.1.2.
 */
public final class SymmetricSuccessiveOverRelaxation extends SweepSolver {
    private final double omega;

    /** SSOR with ω = 1 (symmetric Gauss–Seidel). */
    public SymmetricSuccessiveOverRelaxation() {
        this(1.0);
    }

    /** @param omega relaxation in (0, 2) */
    public SymmetricSuccessiveOverRelaxation(double omega) {
        checkOmega(omega, 2.0);
        this.omega = omega;
    }

    /** {@return the relaxation factor ω} */
    public double omega() {
        return omega;
    }

    @Override
    public String name() {
        return "ssor";
    }

    @Override
    void sweep(Csr a, double[] b, double[] x, double[] r) {
        SuccessiveOverRelaxation.forward(a, b, x, omega);
        SuccessiveOverRelaxation.backward(a, b, x, omega);
    }
}
