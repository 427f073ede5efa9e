package io.krylovforge.mesh.family;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded distribution over linear systems from one PDE. Sampling is deterministic in the seed:
 * {@code sample(s)} always returns the same system.
 */
public interface PdeFamily {
    /** {@return the registry name ({@link Families#create})} */
    String name();

    /** {@return the number of unknowns of every sample} */
    int size();

    /** {@return whether every sample has the same matrix (only the right-hand side varies)} */
    boolean fixedMatrix();

    /** {@return whether the matrices are symmetric} */
    boolean symmetric();

    /**
     * The space dimension of the PDE (2 unless a family says otherwise): a 3D grid's sparse
     * factors fill far more than a 2D grid's, so {@code datasets}' auto choice depends on it.
     *
     * @return 2 or 3
     */
    default int dimension() {
        return 2;
    }

    /** Draws one system using {@code random}. */
    PdeInstance sample(SplittableRandom random);

    /** Draws the system for {@code seed}. */
    default PdeInstance sample(long seed) {
        PdeInstance p = sample(new SplittableRandom(seed));
        return new PdeInstance(p.family(), seed, p.a(), p.b(), p.parameters(), p.parameterShape(),
                p.discretisation());
    }

    /** {@code count} systems with seeds {@code seed, seed+1, …}. */
    default List<PdeInstance> samples(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<PdeInstance> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(seed + i));
        }
        return out;
    }
}
