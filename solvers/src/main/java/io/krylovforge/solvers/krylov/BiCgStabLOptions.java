package io.krylovforge.solvers.krylov;

/**
 * Options of {@link BiCgStabL}. Immutable and validated:
 * {@code new BiCgStabL(BiCgStabLOptions.defaults().withEll(4))}.
 *
 * @param ell degree ℓ ≥ 1 of the minimal-residual polynomial (default {@value BiCgStabL#DEFAULT_ELL})
 */
public record BiCgStabLOptions(int ell) {
    /**
     * Validates ℓ.
     *
     * @param ell ℓ ≥ 1
     * @throws IllegalArgumentException if ℓ &lt; 1
     */
    public BiCgStabLOptions {
        if (ell < 1) {
            throw new IllegalArgumentException("BiCGStab(l) needs l >= 1, got " + ell);
        }
    }

    /**
     * ℓ = {@value BiCgStabL#DEFAULT_ELL}.
     *
     * @return the defaults
     */
    public static BiCgStabLOptions defaults() {
        return new BiCgStabLOptions(BiCgStabL.DEFAULT_ELL);
    }

    /**
     * A copy with degree {@code value}.
     *
     * @param value ℓ ≥ 1
     * @return the changed copy
     */
    public BiCgStabLOptions withEll(int value) {
        return new BiCgStabLOptions(value);
    }
}
