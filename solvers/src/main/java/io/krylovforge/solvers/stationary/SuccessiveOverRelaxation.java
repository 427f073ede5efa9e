package io.krylovforge.solvers.stationary;

/**
 * SOR: a forward Gauss–Seidel sweep over-relaxed by ω,
 * x_i ← (1 − ω) x_i + ω (b_i − Σ_{j≠i} a_ij x_j)/a_ii.
 *
 * <p>Converges for SPD A iff 0 &lt; ω &lt; 2 (Ostrowski–Reich); the optimal ω for the model
 * Laplacian is 2/(1 + sin(πh)). Needs a {@link io.krylovforge.core.linalg.CsrMatrix} with a
 * nonzero diagonal. Stopping rule: the true residual after every sweep (one SpMV), see
 * {@link SweepSolver}.
 *
 * <p>Reference: Young, Iterative methods for solving partial difference equations of elliptic
 * type (1950); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., Section 4.1.
 */
public final class SuccessiveOverRelaxation extends SweepSolver {
    private final double omega;

    /** SOR with ω = 1, that is Gauss–Seidel. */
    public SuccessiveOverRelaxation() {
        this(1.0);
    }

    /** @param omega relaxation in (0, 2) */
    public SuccessiveOverRelaxation(double omega) {
        checkOmega(omega, 2.0);
        this.omega = omega;
    }

    /** {@return the relaxation factor ω} */
    public double omega() {
        return omega;
    }

    @Override
    public String name() {
        return "sor";
    }

    @Override
    void sweep(Csr a, double[] b, double[] x, double[] r) {
        forward(a, b, x, omega);
    }

    /** One forward SOR sweep over rows 0..n−1. */
    static void forward(Csr a, double[] b, double[] x, double omega) {
        final int[] ptr = a.rowPtr;
        final int[] col = a.colIdx;
        final double[] val = a.values;
        final int[] diag = a.diagPos;
        for (int i = 0, n = a.n; i < n; i++) {
            double sigma = b[i];
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                sigma -= val[k] * x[col[k]];
            }
            double aii = val[diag[i]];
            sigma += aii * x[i]; // b_i - sum_{j != i} a_ij x_j
            x[i] += omega * (sigma / aii - x[i]); // x_i <- (1-omega) x_i + omega sigma / a_ii
        }
    }

    /** One backward SOR sweep over rows n−1..0. */
    static void backward(Csr a, double[] b, double[] x, double omega) {
        final int[] ptr = a.rowPtr;
        final int[] col = a.colIdx;
        final double[] val = a.values;
        final int[] diag = a.diagPos;
        for (int i = a.n - 1; i >= 0; i--) {
            double sigma = b[i];
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                sigma -= val[k] * x[col[k]];
            }
            double aii = val[diag[i]];
            sigma += aii * x[i];
            x[i] += omega * (sigma / aii - x[i]);
        }
    }
}
