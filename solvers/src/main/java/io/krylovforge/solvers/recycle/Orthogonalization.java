package io.krylovforge.solvers.recycle;

/**
 * How the Arnoldi process of {@link GcroDr} orthogonalises A·v against C and V.
 *
 * <ul>
 *   <li>{@link #MODIFIED}: (I − CCᵀ)w in one blocked pass, then modified Gram–Schmidt against
 *       V, one dot and one axpy per basis vector in turn
 *       (the textbook choice).</li>
 *   <li>{@link #CLASSICAL_TWICE}: classical Gram–Schmidt done twice ("twice is enough", Giraud,
 *       Langou, Rozložník 2005): all dots of a pass in one blocked sweep, then one blocked update;
 *       as stable as MGS for Arnoldi, twice the flops in fewer, blocked passes. Measured on the
 *       SKR Darcy sequence (n = 6400, m = 40, k = 20) it did not pay on the host.</li>
 *   <li>{@link #CLASSICAL_REFINED}: classical Gram–Schmidt against [C, V] in one blocked pass
 *       (that pass also gives ‖w‖²), one blocked update, and a second pass only if needed
 *       (the test of Daniel, Gragg, Kaufman, Stewart 1976, as PETSc's
 *       {@code -ksp_gmres_cgs_refinement_type refine_ifneeded}): when the norm left after the
 *       first pass, estimated as √(‖w‖² − ‖h‖²), is below ‖w‖/100. DGKS's own threshold
 *       ‖w‖/√2 fired on 95 % of the Arnoldi steps of the SKR sequences (it was CGS2 and
 *       slower than MGS); at 1/100 none fired there. Fewest passes over the basis
 *       (about 7 % less time per GCRO-DR(40, 20) iteration than MGS, n = 6400–10⁴); the default.</li>
 * </ul>
 */
public enum Orthogonalization {
    MODIFIED,
    CLASSICAL_TWICE,
    CLASSICAL_REFINED
}
