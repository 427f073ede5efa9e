/**
 * Sparse direct solvers: fill-reducing orderings, symbolic analysis and numeric factorisations
 * (Cholesky, LDLᵀ, LU) whose ordering and symbolic work is done once per sparsity pattern and
 * reused for every matrix with that pattern.
 *
 * <p>The shared contract is {@link io.krylovforge.direct.SparseFactorization}: analyse once,
 * then {@code factor(A_k)} and {@code solve(b)} as often as needed.
 */
package io.krylovforge.direct;
