/**
 * Preconditioners for the KrylovForge solvers, all implementing
 * {@link io.krylovforge.core.solve.Preconditioner} over an assembled
 * {@link io.krylovforge.core.linalg.CsrMatrix}: Jacobi, block-Jacobi, SSOR, Chebyshev
 * polynomial; incomplete factorisations in {@code factor}; smoothed-aggregation AMG in
 * {@code amg}. {@link io.krylovforge.precond.Preconditioners} creates them by name.
 *
 * <p>Common contract: {@code setUp} reads the matrix arrays once and skips all work when handed
 * the operator it was last set up with; a breakdown (zero pivot, non-positive diagonal) throws
 * {@link io.krylovforge.core.solve.PreconditionerFailedException} naming the row, which the
 * solvers map to {@code DIVERGED_PRECONDITIONER_FAILED}; operators that are not CSR matrices get
 * an IllegalArgumentException. Instances hold work arrays: use one per thread.
 *
 * <p>Naming: every class is named for its method, as a reader would search for it
 * ({@code PointJacobi}, {@code BlockJacobi}, {@code SymmetricSor}, {@code ChebyshevPolynomial},
 * {@code IncompleteCholesky0}, {@code SmoothedAggregationAmg}); none carries a
 * {@code Preconditioner} suffix, since the package and the interface already say so.
 *
 * <p>Dense kernels (block-Jacobi blocks, the AMG coarse solve) use the pure-Java
 * {@link io.krylovforge.direct.dense.DenseLu}; jblas is not used, as the blocks are too small for
 * native LAPACK to pay.
 */
package io.krylovforge.precond;
