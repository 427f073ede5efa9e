package io.krylovforge.solvers;

import io.krylovforge.solvers.krylov.BiCgStabL;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.GmresOptions;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.krylov.Reorthogonalization;

/**
 * Method parameters the registry passes to the solver it builds; each method reads the ones it
 * has and ignores the rest. Immutable; change with the {@code withX} copies.
 *
 * @param restart         GMRES/FGMRES restart length m (default 30, as SciPy and PETSc)
 * @param omega           relaxation/damping ω of Richardson, Jacobi, SOR, SSOR (default 1.0)
 * @param ell             BiCGStab(ℓ) degree ℓ (default 2)
 * @param reorthogonalization GMRES/FGMRES second Gram–Schmidt pass (default NONE)
 * @param side            GMRES preconditioner side (default RIGHT)
 */
public record SolverParameters(int restart, double omega, int ell, Reorthogonalization reorthogonalization,
        PreconditionerSide side) {

    /**
     * Validates the parameters.
     *
     * @param restart         GMRES/FGMRES restart length m (default 30, as SciPy and PETSc)
     * @param omega           relaxation/damping ω of Richardson, Jacobi, SOR, SSOR (default 1.0)
     * @param ell             BiCGStab(ℓ) degree ℓ (default 2)
     * @param reorthogonalization GMRES/FGMRES second Gram–Schmidt pass (default NONE)
     * @param side            GMRES preconditioner side (default RIGHT)
     * @throws IllegalArgumentException if restart or ell is below 1, ω is not positive and finite,
     *        or side or reorthogonalization is null
     */
    public SolverParameters {
        if (restart < 1) {
            throw new IllegalArgumentException("restart must be >= 1, got " + restart);
        }
        if (!(omega > 0.0) || Double.isInfinite(omega)) {
            throw new IllegalArgumentException("omega must be > 0 and finite, got " + omega);
        }
        if (ell < 1) {
            throw new IllegalArgumentException("ell must be >= 1, got " + ell);
        }
        if (side == null || reorthogonalization == null) {
            throw new IllegalArgumentException("side and reorthogonalization must not be null");
        }
    }

    /**
     * restart 30, ω 1.0, ℓ 2, no re-orthogonalisation, right preconditioning.
     *
     * @return the defaults
     */
    public static SolverParameters defaults() {
        return new SolverParameters(Gmres.DEFAULT_RESTART, 1.0, BiCgStabL.DEFAULT_ELL, Reorthogonalization.NONE,
                PreconditionerSide.RIGHT);
    }

    /**
     * A copy with GMRES/FGMRES restart length {@code value}.
     *
     * @param value m ≥ 1
     * @return the changed copy
     */
    public SolverParameters withRestart(int value) {
        return new SolverParameters(value, omega, ell, reorthogonalization, side);
    }

    /**
     * A copy with relaxation factor ω = {@code value}.
     *
     * @param value ω &gt; 0
     * @return the changed copy
     */
    public SolverParameters withOmega(double value) {
        return new SolverParameters(restart, value, ell, reorthogonalization, side);
    }

    /**
     * A copy with BiCGStab(ℓ) degree ℓ = {@code value}.
     *
     * @param value ℓ ≥ 1
     * @return the changed copy
     */
    public SolverParameters withEll(int value) {
        return new SolverParameters(restart, omega, value, reorthogonalization, side);
    }

    /**
     * A copy with GMRES/FGMRES re-orthogonalisation {@code value}.
     *
     * @param value NONE or IF_NEEDED
     * @return the changed copy
     */
    public SolverParameters withReorthogonalization(Reorthogonalization value) {
        return new SolverParameters(restart, omega, ell, value, side);
    }

    /**
     * The GMRES/FGMRES options these parameters give.
     *
     * @return restart, re-orthogonalisation and side as a {@link GmresOptions}
     */
    public GmresOptions gmresOptions() {
        return new GmresOptions(restart, reorthogonalization, side);
    }

    /**
     * A copy with GMRES preconditioner side {@code value}.
     *
     * @param value LEFT or RIGHT
     * @return the changed copy
     */
    public SolverParameters withSide(PreconditionerSide value) {
        return new SolverParameters(restart, omega, ell, reorthogonalization, value);
    }
}
