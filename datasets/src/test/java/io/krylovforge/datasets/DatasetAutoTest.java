package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.Solvers;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAutoTest {
    @Test
    void autoDecidesPerFamilyAndKeepsExplicitChoices() {
        SolverSpec auto = SolverSpec.defaults();
        // the direct solvers are registered (auto module), so small 2D families are factorised
        String spd = "cholesky+none";
        String nonsymmetric = "lu+none";
        assertEquals(spd, name(DatasetAuto.resolve(auto, "darcy", 12)));
        assertEquals(spd, name(DatasetAuto.resolve(auto, "poisson", 12)));
        assertEquals(spd, name(DatasetAuto.resolve(auto, "helmholtz", 12)));
        assertEquals(nonsymmetric, name(DatasetAuto.resolve(auto, "convdiff", 12)));
        assertEquals(nonsymmetric, name(DatasetAuto.resolve(auto, "darcy-skr", 12)));
        // from 10 000 unknowns a structurally symmetric unsymmetric family gets the supernodal LU
        assertEquals("supernodal-lu+none", name(DatasetAuto.resolve(auto, "convdiff", 128)));
        assertEquals("cg+ic0", name(DatasetAuto.resolve(auto, "darcy", 600))); // beyond the direct limit
        assertEquals("cg+jacobi", name(DatasetAuto.resolve(auto.withPrecond("jacobi"), "darcy", 12)));
        assertEquals("bicgstab+none", name(DatasetAuto.resolve(auto.withSolver("bicgstab"), "darcy", 12)));
    }

    private static String name(SolverSpec s) {
        return s.solver() + "+" + s.precond();
    }

    @Test
    void autoSolvesEveryBenchmarkFamilyToTolerance(@TempDir Path dir) throws Exception {
        for (String family : new String[] {"darcy", "poisson", "helmholtz", "convdiff"}) {
            DatasetSpec spec = DatasetSpec.defaults(family)
                    .withResolution(16).withSamples(3).withSeed(5L).withSolver(SolverSpec.defaults());
            DatasetGenerator.Summary s = new DatasetGenerator(spec, dir.resolve(family)).withThreads(2).run();
            assertEquals(0, s.notConverged(), family);
            Manifest m = Manifest.read(s.manifest());
            assertTrue(m.sampleSolver().startsWith("auto -> "), m.sampleSolver());
            for (Manifest.SampleStats st : m.shards().get(0).stats()) {
                assertTrue(st.relativeResidual() <= 1e-8, family + ": " + st);
            }
        }
    }

    @Test
    void factorisedSamplesMeetRtolByTheirOwnResidualAndDoNotDependOnTheWorkers(@TempDir Path dir) throws Exception {
        // the auto module is on the class path, so the registry's direct solvers are what auto picks
        assertTrue(Solvers.names().containsAll(java.util.List.of("cholesky", "lu")), Solvers.names().toString());
        DatasetSpec spec = DatasetSpec.defaults("darcy")
                .withResolution(20).withSamples(7).withSeed(3L).withSolver(SolverSpec.defaults()).withShardSize(4)
                .withStoreMatrix(true);
        new DatasetGenerator(spec, dir.resolve("one")).withThreads(1).run();
        new DatasetGenerator(spec, dir.resolve("two")).withThreads(2).run();
        for (int k = 0; k < spec.shardCount(); k++) {
            Path a = dir.resolve("one").resolve(spec.shardFileName(k));
            assertEquals(Sha256.of(a), Sha256.of(dir.resolve("two").resolve(spec.shardFileName(k))));
            java.util.Map<String, NpyReader.Array> z = NpyReader.readNpz(a);
            io.krylovforge.mesh.family.PdeFamily fam = io.krylovforge.mesh.family.Families.create("darcy", 20);
            int n = fam.size();
            for (int i = 0; i < spec.shardSamples(k); i++) {
                io.krylovforge.mesh.family.PdeInstance p = fam.sample(SampleSeeds.of(3L, spec.firstSample(k) + i));
                double[] x = java.util.Arrays.copyOfRange(z.get("solutions").values(), i * n, (i + 1) * n);
                double[] ax = p.a().multiply(x);
                double r = 0;
                double nb = 0;
                for (int q = 0; q < n; q++) {
                    r += (p.b()[q] - ax[q]) * (p.b()[q] - ax[q]);
                    nb += p.b()[q] * p.b()[q];
                }
                assertTrue(Math.sqrt(r / nb) <= 1e-8, "sample " + i + ": " + Math.sqrt(r / nb));
            }
        }
        String solver = Manifest.read(dir.resolve("one").resolve("manifest.json")).sampleSolver();
        assertTrue(solver.startsWith("auto -> cholesky"), solver);
    }

    @Test
    void autosCholeskyHandsASymmetricIndefiniteSampleToLdlt() {
        // symmetric with a positive diagonal (what auto checks on the first sample) but indefinite
        int[] ptr = {0, 2, 5, 7};
        int[] col = {0, 1, 0, 1, 2, 1, 2};
        double[] val = {1, 2, 2, 1, 2, 2, 1};
        io.krylovforge.core.linalg.CsrMatrix a = io.krylovforge.core.linalg.CsrMatrix.of(3, 3, ptr, col, val);
        double[] b = {1, -2, 3};
        io.krylovforge.mesh.family.PdeInstance p = new io.krylovforge.mesh.family.PdeInstance("test", 1L, a, b,
                new double[] {0}, new int[] {1}, null);
        SolverSpec chol = SolverSpec.defaults().withSolver("cholesky");
        SampleSolver.Solved alone = new SampleSolvers.Independent(chol, "auto -> ", null).newChain().solve(p);
        assertEquals(io.krylovforge.core.solve.StopReason.DIVERGED_ZERO_PIVOT, alone.result().reason());
        SampleSolver.Solved helped = new SampleSolvers.Independent(chol, "auto -> ", chol.withSolver("ldlt"))
                .newChain().solve(p);
        assertTrue(helped.result().converged(), helped.result().toString());
        double[] ax = a.multiply(helped.x());
        for (int i = 0; i < 3; i++) {
            assertEquals(b[i], ax[i], 1e-12);
        }
        String name = SampleSolvers.create(DatasetSpec.defaults("helmholtz")
                .withResolution(12).withSamples(1).withSeed(1L).withSolver(SolverSpec.defaults())).name();
        assertTrue(name.startsWith("auto -> cholesky") && name.contains("ldlt for a sample with a non-positive pivot"),
                name);
    }
}
