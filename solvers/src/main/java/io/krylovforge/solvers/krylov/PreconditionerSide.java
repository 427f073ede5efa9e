package io.krylovforge.solvers.krylov;

/**
 * Where a GMRES-type method applies M. RIGHT solves A·M⁻¹·u = b, x = M⁻¹u, and tests the true
 * residual ‖b − Ax‖ (PETSc's default for FGMRES; ours for GMRES). LEFT solves M⁻¹A·x = M⁻¹b and
 * tests the preconditioned residual ‖M⁻¹(b − Ax)‖ against rtol·‖M⁻¹b‖ (SciPy's gmres and
 * PETSc's default for GMRES).
 */
public enum PreconditionerSide {
    /** Solve M⁻¹A·x = M⁻¹b; the preconditioned residual is tested. */
    LEFT,
    /** Solve A·M⁻¹·u = b, x = M⁻¹u; the true residual is tested. */
    RIGHT
}
