package io.krylovforge.solvers.recycle;

/**
 * Options of {@link RecycledConjugateGradient}. Immutable and validated:
 * {@code new RecycledConjugateGradient(RecycledConjugateGradientOptions.defaults().withCollect(40).withDeflation(20))}
 * (raise {@code collect} before {@code deflation}: each copy is validated on its own).
 *
 * @param deflation k ≥ 0: deflation vectors carried to the next solve (0 is plain PCG; default 10)
 * @param collect   search directions kept per solve to build the next space, ≥ k (default 20)
 */
public record RecycledConjugateGradientOptions(int deflation, int collect) {
    /** Default deflation dimension k. */
    public static final int DEFAULT_DEFLATION = 10;
    /** Default number of search directions collected per solve. */
    public static final int DEFAULT_COLLECT = 20;

    /**
     * Validates the options.
     *
     * @param deflation k ≥ 0
     * @param collect   ≥ k
     * @throws IllegalArgumentException if k &lt; 0 or collect &lt; k
     */
    public RecycledConjugateGradientOptions {
        if (deflation < 0 || collect < deflation) {
            throw new IllegalArgumentException("need 0 <= deflation k <= collect, got k=" + deflation + ", collect="
                    + collect);
        }
    }

    /**
     * k = 10 deflation vectors from the first 20 search directions.
     *
     * @return the defaults
     */
    public static RecycledConjugateGradientOptions defaults() {
        return new RecycledConjugateGradientOptions(DEFAULT_DEFLATION, DEFAULT_COLLECT);
    }

    /**
     * A copy with deflation dimension {@code k}.
     *
     * @param k 0 ≤ k ≤ collect
     * @return the changed copy
     */
    public RecycledConjugateGradientOptions withDeflation(int k) {
        return new RecycledConjugateGradientOptions(k, collect);
    }

    /**
     * A copy that collects {@code value} search directions per solve.
     *
     * @param value ≥ deflation
     * @return the changed copy
     */
    public RecycledConjugateGradientOptions withCollect(int value) {
        return new RecycledConjugateGradientOptions(deflation, value);
    }
}
