/**
 * Orderings of a sequence of systems by parameter similarity: {@link
 * io.krylovforge.solvers.recycle.sort.GreedySort} (SKR Alg. 1, O(N²d)) and {@link
 * io.krylovforge.solvers.recycle.sort.ScalableSort} (projection, Hilbert curve, grouped greedy;
 * O(N log N + N·G·d)).
 */
package io.krylovforge.solvers.recycle.sort;
