package io.krylovforge.solvers.recycle;

/**
 * Where a recycling Krylov solver applies the preconditioner M.
 *
 * <ul>
 *   <li>{@link #RIGHT} (default): the Krylov operator is A·M⁻¹; the residual it minimises and tests
 *       is the true residual b − Ax.</li>
 *   <li>{@link #LEFT}: the operator is M⁻¹·A; the residual minimised and tested is M⁻¹(b − Ax)
 *       against rtol·‖M⁻¹b‖ (PETSc's preconditioned norm); the reported residual is still the true
 *       one.</li>
 * </ul>
 */
public enum PreconditionerSide {
    LEFT,
    RIGHT
}
