package io.krylovforge.solvers.tuning;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.LanczosEstimator;

/**
 * Baseline "instance-optimal" ω by Young's formula, ω* = 1 + (β/(1 + √(1 − β²)))², with
 * β = ρ(I − D⁻¹A) the Jacobi spectral radius. For symmetric A with positive diagonal the
 * eigenvalues λ of D⁻¹A are real and β = max(|1 − λ_min|, |1 − λ_max|); they come from a few
 * Lanczos steps in the D-inner product (no dense eigensolve, so it scales with nnz).
 * Exact for consistently ordered matrices (5-point grids); a good guess elsewhere.
 * Needs the matrix, so it is a comparator, not a learner: {@link #choose} uses the matrix given
 * to {@link #prepare}.
 */
public final class InstanceOptimalOmega implements OmegaTuner {
    private final LanczosEstimator lanczos;
    private double omega = 1.0;

    /**
     * @param lanczosSteps Lanczos steps of the eigenvalue estimate
     * @param seed         seed of the Lanczos start vector
     */
    public InstanceOptimalOmega(int lanczosSteps, long seed) {
        this.lanczos = new LanczosEstimator(lanczosSteps, seed);
    }

    /** Young's ω for {@code a}; β ≥ 1 (Jacobi divergent) gives ω = 1. */
    public double optimalOmega(CsrMatrix a) {
        double beta = jacobiSpectralRadius(a);
        if (!(beta < 1.0)) {
            return 1.0;
        }
        double q = beta / (1.0 + Math.sqrt(1.0 - beta * beta));
        return 1.0 + q * q;
    }

    /** ρ(I − D⁻¹A) from the extreme Ritz values of D⁻¹A. */
    public double jacobiSpectralRadius(CsrMatrix a) {
        double[] d = a.diagonal();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] > 0.0)) {
                throw new IllegalArgumentException("Young's formula needs a positive diagonal; row "
                        + i + " has " + d[i]);
            }
        }
        Preconditioner jacobi = new Preconditioner() {
            @Override
            public void setUp(LinearOperator op) {
                // diagonal captured above
            }

            @Override
            public void apply(Vector r, Vector z) {
                double[] rr = DenseVector.array(r);
                double[] zz = DenseVector.array(z);
                for (int i = 0; i < rr.length; i++) {
                    zz[i] = rr[i] / d[i]; // z = D^-1 r
                }
            }

            @Override
            public boolean isSymmetric() {
                return true;
            }
        };
        LanczosEstimator.Bounds b = lanczos.estimate(a, jacobi, DenseVector.zeros(a.rows()));
        return Math.max(Math.abs(1.0 - b.min()), Math.abs(1.0 - b.max()));
    }

    /** Computes ω* for the next system's matrix. */
    public void prepare(CsrMatrix a) {
        omega = optimalOmega(a);
    }

    @Override
    public double choose(double context) {
        return omega;
    }

    @Override
    public void observe(double cost) {
        // a comparator: nothing to learn
    }

    @Override
    public String name() {
        return "instance-optimal";
    }

    @Override
    public TunerState state() {
        return new TunerState(name(), 0, 0, new double[] {omega});
    }

    @Override
    public void restore(TunerState state) {
        state.requireKind(name(), 1);
        omega = state.values()[0];
    }
}
