/**
 * Sparse direct solvers: fill-reducing orderings, symbolic analysis and numeric factorisations
 * whose ordering and symbolic work is done once per sparsity pattern and reused for every matrix
 * with that pattern.
 *
 * <p>The pipeline, one package per stage: {@code ordering} (approximate minimum degree after
 * Amestoy–Davis–Duff and Davis's CSparse presentation, reverse Cuthill–McKee after George–Liu,
 * geometric nested dissection for structured grids, {@code Ordering.fewestFlops} to pick among
 * them by predicted work) → {@code symbolic} (elimination tree with Liu's path compression,
 * postorder, Gilbert–Ng–Peyton column counts, CHOLMOD-style relaxed supernodes, nnz(L), flops,
 * memory) → numeric ({@link io.krylovforge.direct.Cholesky}, {@link io.krylovforge.direct.Ldlt}:
 * right-looking supernodal sweeps whose dense work goes through {@code dense}: jblas's native
 * BLAS/LAPACK or the pure-Java fallback). The code is written here in Java from the cited
 * papers and books; the AMD main loop follows the structure and array names of cs_amd as
 * printed in T. A. Davis, Direct Methods for Sparse Linear Systems (SIAM 2006).
 *
 * <p>The shared contract is {@link io.krylovforge.direct.SparseFactorization}: analyse once,
 * then {@code factor(A_k)} and {@code solve(b)} as often as needed:
 * <pre>{@code
 * Cholesky chol = Cholesky.analyze(a, Ordering.nestedDissection(GridShape.of(nx, ny)));
 * FactorStatus st = chol.factor(a);          // st.ok(), or st.column() of the failed pivot
 * chol.solve(b, x);
 * }</pre>
 */
package io.krylovforge.direct;
