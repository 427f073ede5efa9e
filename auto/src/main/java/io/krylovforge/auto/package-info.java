/**
 * The {@code auto} polyalgorithm and the registry names of the direct solvers. This is the lowest
 * module that sees {@code direct}, {@code solvers} and {@code precond} (AMG and ILU live in
 * precond, which must not see solvers), so {@code auto} lives here and reaches
 * {@link io.krylovforge.solvers.Solvers} through {@link io.krylovforge.solvers.SolverProvider}.
 */
package io.krylovforge.auto;
