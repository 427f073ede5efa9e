/**
 * Krylov subspace recycling for sequences of linear systems (SKR, ICLR 2024).
 *
 * <ul>
 *   <li>{@link io.krylovforge.solvers.recycle.GcroDr}: GCRO-DR(m, k) for nonsymmetric systems, with
 *       a caller-owned {@link io.krylovforge.solvers.recycle.RecycleSpace}.</li>
 *   <li>{@link io.krylovforge.solvers.recycle.RecycledConjugateGradient}: deflated CG for SPD
 *       sequences, with a caller-owned {@link io.krylovforge.solvers.recycle.DeflationSpace}.</li>
 *   <li>{@link io.krylovforge.solvers.recycle.SequenceSolver}: sort (package {@code sort}), solve
 *       with recycling along one or more chains, results in input order.</li>
 * </ul>
 *
 * <pre>{@code
 * GcroDr gcro = new GcroDr(GcroDrOptions.defaults().withRestart(40).withRecycle(20)); // m, k
 * RecycleSpace space = RecycleSpace.empty();  // caller-owned, as in gcrotmk
 * for (LinearSystem s : sortedSystems) gcro.solve(s.a(), s.b(), x, opts, space);
 * }</pre>
 */
package io.krylovforge.solvers.recycle;
