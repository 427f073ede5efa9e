package io.krylovforge.solvers.tuning;

import java.util.Arrays;

/**
 * A tuner's learned state as plain numbers (serialisable with any JSON library): the tuner kind,
 * the round counter, the random generator's seed-derived state, and named arrays.
 *
 * @param kind    tuner name, checked on restore
 * @param round   rounds played so far
 * @param rngSeed seed that reproduces the generator at this round
 * @param values  the tuner's numeric state, flattened in a documented order
 */
public record TunerState(String kind, long round, long rngSeed, double[] values) {
    /**
     * Copies {@code values}, so the state cannot change under the caller.
     *
     * @param kind    tuner name, checked on restore
     * @param round   rounds played so far
     * @param rngSeed seed that reproduces the generator at this round
     * @param values  the tuner's numeric state, flattened in a documented order
     */
    public TunerState {
        values = values.clone();
    }

    /** A copy of the tuner's numeric state. */
    @Override
    public double[] values() {
        return values.clone();
    }

    void requireKind(String expected, int length) {
        if (!expected.equals(kind)) {
            throw new IllegalArgumentException("tuner state is for '" + kind + "', not '" + expected + "'");
        }
        if (length >= 0 && values.length != length) {
            throw new IllegalArgumentException("tuner state for '" + kind + "' has " + values.length
                    + " values, expected " + length + " (different configuration?)");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TunerState s && kind.equals(s.kind) && round == s.round
                && rngSeed == s.rngSeed && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Arrays.hashCode(values);
    }
}
