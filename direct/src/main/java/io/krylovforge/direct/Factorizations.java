package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.lu.SparseLu;
import io.krylovforge.direct.lu.SupernodalLu;
import io.krylovforge.direct.ordering.Ordering;
import java.util.List;
import java.util.Locale;

/** The direct factorisations by name, and {@link DirectSolver}s built on them. */
public final class Factorizations {
    private Factorizations() {
    }

    /**
     * Names {@link #analyze} accepts. {@code supernodal-lu} ({@link SupernodalLu}) is for
     * structurally symmetric matrices (its solver falls back to {@code lu} for a sample whose
     * residual fails); {@code lu} ({@link SparseLu}) serves any square matrix.
     */
    public static List<String> names() {
        return List.of("cholesky", "ldlt", "lu", "supernodal-lu");
    }

    /**
     * Orders and analyses {@code a}'s pattern for the factorisation called {@code name}; may throw
     * {@link FactorTooLargeException} when the factors would not fit.
     */
    public static SparseFactorization analyze(String name, CsrMatrix a) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "cholesky":
                return Cholesky.analyze(a, choleskyOrdering());
            case "ldlt":
                return Ldlt.analyze(a);
            case "lu":
                return SparseLu.analyze(a);
            case "supernodal-lu":
                return SupernodalLu.analyze(a);
            default:
                throw new IllegalArgumentException("unknown factorisation '" + name + "'; valid names: "
                        + String.join(", ", names()));
        }
    }

    /**
     * The fill-reducing ordering of the registry's "cholesky" (and so of {@code auto}'s and the
     * dataset generator's): approximate minimum degree or graph nested dissection, whichever the
     * symbolic column counts say needs fewer flops. Nested dissection wins on 2D grids from about
     * 100² unknowns on (darcy 126²: 2.08e7 against AMD's 2.51e7 flops, 254²: 1.76e8 against
     * 2.83e8) and on 3D grids (Laplacian 32³: 2.6e9 against 8.4e9); it is PETSc's choice
     * ({@code nd}). AMD stays where it is better (small or irregular patterns). Both orderings
     * run once per pattern.
     *
     * @return the ordering used by {@code analyze("cholesky", a)}
     */
    public static Ordering choleskyOrdering() {
        return Ordering.fewestFlops(Ordering.amd(), Ordering.nestedDissection());
    }

    /** A {@link DirectSolver} for the factorisation called {@code name}. */
    public static DirectSolver solver(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        analyzeCheck(key);
        if (key.equals("supernodal-lu")) {
            return new DirectSolver(key, a -> analyze(key, a), SparseLu::analyze);
        }
        return new DirectSolver(key, a -> analyze(key, a));
    }

    private static void analyzeCheck(String key) {
        if (!names().contains(key)) {
            throw new IllegalArgumentException("unknown factorisation '" + key + "'; valid names: "
                    + String.join(", ", names()));
        }
    }
}
