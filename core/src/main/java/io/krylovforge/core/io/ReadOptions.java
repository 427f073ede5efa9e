package io.krylovforge.core.io;

/**
 * Options for {@link MatrixMarket} reading.
 *
 * @param allowNonFinite accept NaN and infinite values (rejected by default: a solver fed one
 *                       can only fail later, far from the cause)
 * @param requireSquare  reject matrices whose row and column counts differ
 */
public record ReadOptions(boolean allowNonFinite, boolean requireSquare) {

    /** Finite values only, any shape. */
    public static ReadOptions defaults() {
        return new ReadOptions(false, false);
    }

    /**
     * A copy that accepts (true) or rejects (false) NaN and infinite values.
     *
     * @param allow whether non-finite values are accepted
     * @return the changed copy
     */
    public ReadOptions withAllowNonFinite(boolean allow) {
        return new ReadOptions(allow, requireSquare);
    }

    /**
     * A copy that rejects (true) or accepts (false) a non-square matrix.
     *
     * @param require whether the matrix must be square
     * @return the changed copy
     */
    public ReadOptions withRequireSquare(boolean require) {
        return new ReadOptions(allowNonFinite, require);
    }
}
