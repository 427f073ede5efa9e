/**
 * The solver registry: {@link io.krylovforge.solvers.Solvers} builds solvers by name from
 * {@link io.krylovforge.solvers.SolverParameters}; {@code auto} chooses CG or GMRES per matrix.
 */
package io.krylovforge.solvers;
