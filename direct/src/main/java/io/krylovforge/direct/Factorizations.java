package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.lu.SparseLu;
import io.krylovforge.direct.lu.SupernodalLu;
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
                return Cholesky.analyze(a);
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
