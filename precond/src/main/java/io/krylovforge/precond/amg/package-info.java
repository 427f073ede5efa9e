/**
 * Smoothed-aggregation algebraic multigrid after PyAMG: strength of connection, standard
 * aggregation, tentative and Jacobi-smoothed prolongators, Galerkin products
 * ({@link io.krylovforge.precond.amg.SparseMatrixProduct}), smoothers, V/W-cycles, and the
 * {@link io.krylovforge.precond.amg.Hierarchy} of {@link io.krylovforge.precond.amg.Level}s
 * built by {@link io.krylovforge.precond.amg.SmoothedAggregationAmg}.
 */
package io.krylovforge.precond.amg;
