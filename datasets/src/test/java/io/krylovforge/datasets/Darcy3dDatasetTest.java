package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.solvers.SolverSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 3D family through the dataset pipeline: shapes, AMG reuse along chains, auto's 3D rule. */
class Darcy3dDatasetTest {
    @Test
    void amgShardsHoldCubeShapedFieldsAndDoNotDependOnTheThreadCount(@TempDir Path dir) throws Exception {
        int c = 8;
        DatasetSpec spec = DatasetSpec.defaults("darcy3d").withResolution(c).withSamples(9).withSeed(5L)
                .withShardSize(9).withSolver(SolverSpec.defaults().withSolver("cg").withPrecond("amg"));
        new DatasetGenerator(spec, dir.resolve("one")).withThreads(1).run();
        new DatasetGenerator(spec, dir.resolve("two")).withThreads(2).run();
        Path shard = dir.resolve("one").resolve(spec.shardFileName(0));
        assertEquals(Sha256.of(shard), Sha256.of(dir.resolve("two").resolve(spec.shardFileName(0))));
        Map<String, NpyReader.Array> z = NpyReader.readNpz(shard);
        assertArrayEquals(new long[] {9, c, c, c}, z.get("inputs").shape());
        assertArrayEquals(new long[] {9, c, c, c}, z.get("solutions").shape());
        assertArrayEquals(new long[] {9, c, c, c}, z.get("rhs").shape());
        PdeFamily fam = Families.create("darcy3d", c);
        int n = fam.size();
        for (int i = 0; i < 9; i++) {
            PdeInstance p = fam.sample(SampleSeeds.of(5L, i));
            double[] x = Arrays.copyOfRange(z.get("solutions").values(), i * n, (i + 1) * n);
            assertTrue(relativeResidual(p, x) <= 1e-8, "sample " + i + ": " + relativeResidual(p, x));
            assertArrayEquals(p.parameters(), Arrays.copyOfRange(z.get("inputs").values(), i * n, (i + 1) * n));
        }
        assertTrue(Manifest.read(dir.resolve("one").resolve("manifest.json")).sampleSolver()
                .contains("AMG aggregates kept along each chain"));
    }

    @Test
    void aChainsAmgKeepsItsAggregatesAndMatchesAFreshSetUpBitForBit() {
        // θ = 0 (AMG's default): every connection is strong, so the aggregates depend on the
        // pattern only and an update must give exactly the hierarchy a fresh set-up gives
        DatasetSpec spec = DatasetSpec.defaults("darcy3d").withResolution(10).withSamples(3).withSeed(2L)
                .withSolver(SolverSpec.defaults().withSolver("cg").withPrecond("amg"));
        SampleSolver.Independent solver = (SampleSolver.Independent) SampleSolvers.create(spec);
        PdeFamily fam = Families.create("darcy3d", 10);
        SampleSolver.Chain chain = solver.newChain();
        SampleSolver.Solved last = null;
        for (int i = 0; i < 3; i++) {
            last = chain.solve(fam.sample(SampleSeeds.of(2L, i)));
            assertTrue(last.result().converged(), last.result().toString());
        }
        PdeInstance third = fam.sample(SampleSeeds.of(2L, 2));
        SampleSolver.Solved alone = solver.newChain().solve(third);
        assertArrayEquals(alone.x(), last.x(), "reused hierarchy = fresh hierarchy at theta 0");
        assertEquals(alone.result().iterations(), last.result().iterations());
        assertTrue(relativeResidual(third, last.x()) <= 1e-8);
    }

    @Test
    void autoNeverFactorises3dSamples() {
        SolverSpec auto = SolverSpec.defaults();
        SolverSpec chosen = DatasetAuto.resolve(auto, "darcy3d", 12);
        assertEquals("cg+ic0", chosen.solver() + "+" + chosen.precond());
        // a 2D family of the same size (1764 unknowns) is still factorised
        assertEquals("cholesky", DatasetAuto.resolve(auto, "darcy", 44).solver());
        // an explicit preconditioner is kept, and AMG then keeps its aggregates along each chain
        SolverSpec amg = DatasetAuto.resolve(auto.withPrecond("amg"), "darcy3d", 12);
        assertEquals("cg+amg", amg.solver() + "+" + amg.precond());
        assertTrue(SampleSolvers.create(DatasetSpec.defaults("darcy3d").withResolution(6).withSamples(1)
                .withSolver(auto.withPrecond("amg"))).name().startsWith("auto -> cg+amg"));
    }

    private static double relativeResidual(PdeInstance p, double[] x) {
        double[] ax = p.a().multiply(x);
        double r = 0;
        double nb = 0;
        for (int q = 0; q < ax.length; q++) {
            r += (p.b()[q] - ax[q]) * (p.b()[q] - ax[q]);
            nb += p.b()[q] * p.b()[q];
        }
        return Math.sqrt(r / nb);
    }
}
