package io.krylovforge.learned.poisson;

import io.krylovforge.mesh.fem.CornerRemovedSquare;
import io.krylovforge.mesh.fem.FemSystem;
import io.krylovforge.mesh.fem.MixedBoundaryPoisson;
import io.krylovforge.mesh.fem.TriangleMesh;
import java.util.ArrayList;
import java.util.List;

/**
 * Seeded random-BC Poisson problems on corner-removed squares, the data of
 * {@link NeuralPoissonTrainer} and of the held-out evaluation: sample i of seed S uses the domain
 * {@code CornerRemovedSquare.random(mix(S, i, 1))} and the problem
 * {@code MixedBoundaryPoisson.random(domain, mix(S, i, 2))}, meshed with edge length h. Different
 * seeds give disjoint, independent draws (held-out domains, conditions and sources).
 */
public final class PoissonSamples {
    private PoissonSamples() {
    }

    /** One sample: the assembled system and its two-level data. */
    public record Sample(MixedBoundaryPoisson problem, FemSystem fem, TwoLevelSystem system) {
    }

    /** {@code count} samples of seed {@code seed} on meshes of edge length {@code h}. */
    public static List<Sample> generate(int count, double h, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("sample count must be >= 1, got " + count);
        }
        if (!(h >= 0.005 && h <= 0.25)) {
            throw new IllegalArgumentException("mesh size h must be in [0.005, 0.25], got " + h);
        }
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(i, h, seed));
        }
        return out;
    }

    /** Sample i of seed {@code seed}. */
    public static Sample sample(int i, double h, long seed) {
        CornerRemovedSquare domain = CornerRemovedSquare.random(mix(seed, i, 1));
        MixedBoundaryPoisson problem = MixedBoundaryPoisson.random(domain, mix(seed, i, 2));
        TriangleMesh mesh = domain.mesh(h);
        FemSystem fem = problem.assemble(mesh);
        return new Sample(problem, fem, new TwoLevelSystem(fem.a(), fem.b()));
    }

    /** SplitMix64-style mixing, so nearby seeds give unrelated streams. */
    static long mix(long seed, long i, long salt) {
        long z = seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
