package io.krylovforge.direct;

/**
 * Outcome of a numeric factorisation. On failure {@code column} is the (0-based, original
 * numbering) column whose pivot was zero or too small, or −1 when the failure is not a pivot.
 */
public record FactorStatus(boolean ok, int column, String message) {

    private static final FactorStatus OK = new FactorStatus(true, -1, "factorised");

    /** The successful outcome. */
    public static FactorStatus success() {
        return OK;
    }

    /** A zero, tiny or (for Cholesky) non-positive pivot in column {@code column}. */
    public static FactorStatus pivotFailure(int column, String message) {
        return new FactorStatus(false, column, message);
    }
}
