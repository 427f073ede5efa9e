package io.krylovforge.datasets;

/**
 * The seed of every sample, a pure function of (dataset seed, global sample index), so that a
 * sample's system does not depend on which process, shard or thread draws it.
 *
 * <p>Method: seed_j = mix64(seed + (j + 1)·γ) with γ = 0x9E3779B97F4A7C15 and the SplitMix64
 * finaliser mix64, i.e. the (j+1)-th output of a SplitMix64 generator started at {@code seed}
 * (Steele, Lea, Flood: Fast splittable pseudorandom number generators, OOPSLA 2014). Sample j is
 * then {@code family.sample(seed_j)}, which draws from {@code new SplittableRandom(seed_j)}.
 * This is the one rule: npz, hdf5 and mtx output of {@code generate} and the systems of
 * {@code sequence} all follow it, so the same {@code --seed} gives the same systems everywhere.
 */
public final class SampleSeeds {
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SampleSeeds() {
    }

    /** The seed of sample {@code index} (0-based, global) of the dataset with {@code seed}. */
    public static long of(long seed, long index) {
        if (index < 0) {
            throw new IllegalArgumentException("sample index must be >= 0, got " + index);
        }
        return mix64(seed + (index + 1) * GOLDEN_GAMMA);
    }

    /**
     * Samples {@code first} … {@code first + count − 1} of {@code family} for dataset {@code seed}:
     * the same systems {@code generate} writes (any format) and {@code sequence} solves.
     */
    public static java.util.List<io.krylovforge.mesh.family.PdeInstance> draw(
            io.krylovforge.mesh.family.PdeFamily family, long seed, long first, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        java.util.List<io.krylovforge.mesh.family.PdeInstance> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(family.sample(of(seed, first + i)));
        }
        return out;
    }

    /** The SplitMix64 output function (Stafford variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A one-line description for the manifest. */
    static String description() {
        return "seed_j = splitmix64_mix(seed + (j+1)*0x9E3779B97F4A7C15) for global sample index j; "
                + "system_j = Families.create(family, resolution).sample(seed_j)";
    }
}
