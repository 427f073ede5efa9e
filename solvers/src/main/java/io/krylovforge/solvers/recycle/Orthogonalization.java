package io.krylovforge.solvers.recycle;

/**
 * How the Arnoldi process of {@link GcroDr} orthogonalises A·v against C and V.
 *
 * <ul>
 *   <li>{@link #MODIFIED}: (I − CCᵀ)w in one blocked pass, then modified Gram–Schmidt against
 *       V, one dot and one axpy per basis vector in turn
 *       (the textbook choice and the default).</li>
 *   <li>{@link #CLASSICAL_TWICE}: classical Gram–Schmidt done twice ("twice is enough", Giraud,
 *       Langou, Rozložník 2005): all dots of a pass in one blocked sweep, then one blocked update;
 *       as stable as MGS for Arnoldi, twice the flops in fewer, blocked passes. Measured on the
 *       SKR Darcy sequence (n = 6400, m = 40, k = 20) it did not pay on the host.</li>
 * </ul>
 */
public enum Orthogonalization {
    MODIFIED,
    CLASSICAL_TWICE
}
