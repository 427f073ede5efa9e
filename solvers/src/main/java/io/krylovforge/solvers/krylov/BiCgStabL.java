package io.krylovforge.solvers.krylov;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * BiCGStab(ℓ): ℓ BiCG steps followed by a degree-ℓ minimal-residual polynomial (modified
 * Gram–Schmidt on the r_j), instead of BiCGStab's degree-1 step.
 *
 * <p>Why this and not IDR(s): both fix BiCGStab's stagnation on matrices with strongly complex
 * spectra (convection-dominated problems, where BiCGStab's ω ≈ 0), but BiCGStab(ℓ) is
 * deterministic (IDR(s) needs a random shadow space), reduces to BiCGStab at ℓ = 1 (an easy
 * cross-check), and is PETSc's KSPBCGSL, so results can be compared one to one.
 *
 * <p>Requires a nonsingular A; M is applied on the right (the method runs on A·M⁻¹; x is
 * updated by M⁻¹ of the accumulated correction), so the tested residual is ‖b − Ax‖ by
 * recurrence. One iteration = one BiCG step = two products with A, like {@link BiCgStab}; the
 * residual is tested after each BiCG step, and the ℓ-th test of a cycle comes after the MR
 * polynomial. Convergence is confirmed with the true residual (restart from it otherwise, at most
 * {@value SolverSupport#MAX_REPLACEMENTS} times). Breakdowns (ρ₀ = 0, r̂ᵀu = 0, σ_j = 0) give
 * DIVERGED_BREAKDOWN.
 *
 * <p>Reference: Sleijpen and Fokkema, BiCGstab(ℓ) for linear equations involving unsymmetric
 * matrices with complex spectrum, ETNA 1 (1993), Algorithm 3.1.
 */
public final class BiCgStabL implements IterativeSolver {
    /** Default dtol of this method: see {@link #defaultDtol()}. */
    public static final double TRANSIENT_DTOL = 1e10;

    /** Default polynomial degree ℓ. */
    public static final int DEFAULT_ELL = 2;

    private final int ell;

    /** BiCGStab(ℓ) with the default degree ℓ = {@link #DEFAULT_ELL}. */
    public BiCgStabL() {
        this(DEFAULT_ELL);
    }

    /** @param ell degree ℓ ≥ 1 of the minimal-residual polynomial */
    public BiCgStabL(int ell) {
        this(new BiCgStabLOptions(ell));
    }

    /**
     * BiCGStab(ℓ) with {@code options}: {@code new BiCgStabL(BiCgStabLOptions.defaults().withEll(4))}.
     *
     * @param options the degree ℓ
     */
    public BiCgStabL(BiCgStabLOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("BiCGStab(l) options must not be null");
        }
        this.ell = options.ell();
    }

    /** The degree ℓ of the minimal-residual polynomial part. */
    public int ell() {
        return ell;
    }

    /**
     * 1e10: BiCGStab(ℓ)'s residual may grow by several orders of magnitude before it converges (the
     * BentPipe2D convection–diffusion matrix passes 2·10⁵× in SciPy's BiCGStab), so the common 1e5
     * would stop it during the transient. NaN and infinity are still caught at once.
     */
    @Override
    public double defaultDtol() {
        return TRANSIENT_DTOL;
    }

    @Override
    public String name() {
        return "bicgstabl";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        SolveResult early = SolverSupport.finishEarly(a, x, options, test);
        if (early != null) {
            return early;
        }
        Preconditioner m = options.preconditioner();
        int l = ell;
        Vector[] r = new Vector[l + 1];
        Vector[] u = new Vector[l + 1];
        for (int i = 0; i <= l; i++) {
            r[i] = b.zerosLike();
            u[i] = b.zerosLike();
        }
        Vector rtilde = b.zerosLike();
        Vector dx = b.zerosLike(); // correction in the preconditioned variable since the last flush
        Vector work = b.zerosLike();
        Vector z = m != null ? b.zerosLike() : null;
        double[][] tau = new double[l + 1][l + 1];
        double[] sigma = new double[l + 1];
        double[] gamma = new double[l + 1];
        double[] gammaP = new double[l + 1];
        double[] gammaPP = new double[l + 1];

        if (options.nonzeroGuess()) {
            SolverSupport.residual(a, b, x, r[0]);
        } else {
            x.fill(0.0);
            r[0].copyFrom(b);
        }
        StopReason reason = test.check(0, r[0].norm2());
        int k = 0;
        int replacements = 0;
        outer:
        while (true) {
            if (reason != null) {
                flush(x, dx, m, z);
                if (!reason.converged()) {
                    return KrylovSupport.finish(test, reason, k, a, b, x, work, "");
                }
                double trueNorm = SolverSupport.trueResidualNorm(a, b, x, work);
                SolveResult confirmed = test.confirm(k, trueNorm, replacements++);
                if (confirmed != null) {
                    return confirmed;
                }
                r[0].copyFrom(work); // restart from the true residual
                reason = null;
                continue;
            }
            // (Re)start: shadow vector, u_0 = 0, rho0 = alpha = omega = 1.
            rtilde.copyFrom(r[0]);
            u[0].fill(0.0);
            double rho0 = 1.0;
            double alpha = 0.0;
            double omega = 1.0;
            while (true) {
                rho0 = -omega * rho0;
                // BiCG part
                for (int j = 0; j < l; j++) {
                    double rho1 = rtilde.dot(r[j]);
                    double beta = alpha * rho1 / rho0;
                    if (!KrylovSupport.usable(rho0) || Double.isNaN(beta) || Double.isInfinite(beta)) {
                        reason = KrylovSupport.nanOr(rho1, StopReason.DIVERGED_BREAKDOWN);
                        flush(x, dx, m, z);
                        return KrylovSupport.finish(test, reason, k, a, b, x, work,
                                "rho0 = " + rho0 + ", rho1 = " + rho1);
                    }
                    rho0 = rho1;
                    for (int i = 0; i <= j; i++) {
                        u[i].axpby(1.0, r[i], -beta); // u_i = r_i - beta u_i
                    }
                    applyOp(a, m, u[j], u[j + 1], z); // u_{j+1} = A M^-1 u_j
                    double g = rtilde.dot(u[j + 1]);
                    alpha = rho0 / g;
                    if (!KrylovSupport.usable(g) || !KrylovSupport.usable(alpha)) {
                        flush(x, dx, m, z);
                        return KrylovSupport.finish(test, KrylovSupport.nanOr(g, StopReason.DIVERGED_BREAKDOWN),
                                k, a, b, x, work, "r~'u = " + g);
                    }
                    for (int i = 0; i <= j; i++) {
                        r[i].axpy(-alpha, u[i + 1]); // r_i = r_i - alpha u_{i+1}
                    }
                    applyOp(a, m, r[j], r[j + 1], z); // r_{j+1} = A M^-1 r_j
                    dx.axpy(alpha, u[0]); // x <- x + alpha M^-1 u_0 (deferred)
                    k++;
                    if (j < l - 1) {
                        reason = test.check(k, r[0].norm2());
                        if (reason != null) {
                            continue outer;
                        }
                    }
                }
                // MR part: minimise ||r_0 - sum gamma_j r_j|| by MGS on r_1..r_l.
                for (int j = 1; j <= l; j++) {
                    for (int i = 1; i < j; i++) {
                        tau[i][j] = r[j].dot(r[i]) / sigma[i];
                        r[j].axpy(-tau[i][j], r[i]); // r_j = r_j - tau_ij r_i
                    }
                    sigma[j] = r[j].dot(r[j]);
                    if (!KrylovSupport.usable(sigma[j])) {
                        flush(x, dx, m, z);
                        return KrylovSupport.finish(test,
                                KrylovSupport.nanOr(sigma[j], StopReason.DIVERGED_BREAKDOWN), k, a, b, x,
                                work, "sigma_" + j + " = " + sigma[j]);
                    }
                    gammaP[j] = r[0].dot(r[j]) / sigma[j];
                }
                gamma[l] = gammaP[l];
                omega = gamma[l];
                for (int j = l - 1; j >= 1; j--) {
                    double sum = 0.0;
                    for (int i = j + 1; i <= l; i++) {
                        sum += tau[j][i] * gamma[i];
                    }
                    gamma[j] = gammaP[j] - sum;
                }
                for (int j = 1; j <= l - 1; j++) {
                    double sum = 0.0;
                    for (int i = j + 1; i <= l - 1; i++) {
                        sum += tau[j][i] * gamma[i + 1];
                    }
                    gammaPP[j] = gamma[j + 1] + sum;
                }
                if (Double.isNaN(gamma[1]) || Double.isInfinite(gamma[1])) {
                    flush(x, dx, m, z);
                    return KrylovSupport.finish(test, StopReason.DIVERGED_NAN, k, a, b, x, work,
                            "NaN in the minimal-residual polynomial");
                }
                dx.axpy(gamma[1], r[0]); // x <- x + gamma_1 r_0
                r[0].axpy(-gammaP[l], r[l]); // r_0 <- r_0 - gamma'_l r_l
                u[0].axpy(-gamma[l], u[l]); // u_0 <- u_0 - gamma_l u_l
                for (int j = 1; j <= l - 1; j++) {
                    u[0].axpy(-gamma[j], u[j]);
                    dx.axpy(gammaPP[j], r[j]);
                    r[0].axpy(-gammaP[j], r[j]);
                }
                reason = test.check(k, r[0].norm2());
                if (reason != null) {
                    continue outer;
                }
                if (omega == 0.0) {
                    flush(x, dx, m, z);
                    return KrylovSupport.finish(test, StopReason.DIVERGED_BREAKDOWN, k, a, b, x, work,
                            "omega = 0 in the minimal-residual step");
                }
            }
        }
    }

    /** y ← A·M⁻¹·v (y ← A·v without M). */
    private static void applyOp(LinearOperator a, Preconditioner m, Vector v, Vector y, Vector z) {
        if (m == null) {
            a.apply(v, y);
        } else {
            m.apply(v, z);
            a.apply(z, y);
        }
    }

    /** x ← x + M⁻¹·dx, dx ← 0. */
    private static void flush(Vector x, Vector dx, Preconditioner m, Vector z) {
        if (m == null) {
            x.axpy(1.0, dx);
        } else {
            m.apply(dx, z);
            x.axpy(1.0, z);
        }
        dx.fill(0.0);
    }
}
