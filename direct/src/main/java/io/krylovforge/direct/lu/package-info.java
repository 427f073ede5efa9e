/**
 * Sparse LU with threshold partial pivoting ({@link io.krylovforge.direct.lu.SparseLu}: left-looking,
 * after J. R. Gilbert and T. Peierls, SIAM J. Sci. Stat. Comput. 9, 1988, with KLU's symmetric
 * pruning and refactorisation) and its column orders ({@link io.krylovforge.direct.lu.LuColumnOrder}):
 * AMD on A+Aᵀ, AMD on an explicitly formed AᵀA graph, or approximate column minimum degree on A's
 * own pattern, after T. A. Davis, J. R. Gilbert, S. I. Larimore and E. G. Ng, "A column approximate
 * minimum degree ordering algorithm", ACM Trans. Math. Software 30 (2004) 353–376. The COLAMD
 * here is written fresh in Java from that paper's description (row elements, element absorption,
 * approximate external degrees); no code was copied.
 */
package io.krylovforge.direct.lu;
