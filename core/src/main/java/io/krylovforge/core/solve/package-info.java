/**
 * The solve contracts shared by the {@code solvers}, {@code precond} and {@code direct}
 * modules, so that those need not depend on each other (PETSc's KSP/PC split):
 * {@link io.krylovforge.core.solve.IterativeSolver} solves A x = b under
 * {@link io.krylovforge.core.solve.SolverOptions} (tolerances, iteration limit,
 * {@link io.krylovforge.core.solve.Preconditioner}, {@link io.krylovforge.core.solve.Monitor})
 * and returns an immutable {@link io.krylovforge.core.solve.SolveResult} whose
 * {@link io.krylovforge.core.solve.StopReason} says why it stopped. A numerical failure is a
 * stop reason, never an exception; {@code SolveResult.orThrow()} makes it one on request.
 * Every solver tests convergence with the one
 * {@link io.krylovforge.core.solve.ConvergenceTest}: ‖r‖ ≤ max(rtol·‖b‖, atol).
 */
package io.krylovforge.core.solve;
