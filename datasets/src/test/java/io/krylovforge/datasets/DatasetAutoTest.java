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
        // with the direct module registered, small 2D families are factorised
        String spd = Solvers.names().contains("cholesky") ? "cholesky+none" : "cg+ic0";
        String nonsymmetric = Solvers.names().contains("lu") ? "lu+none" : "gmres+ilu0";
        assertEquals(spd, name(DatasetAuto.resolve(auto, "darcy", 12)));
        assertEquals(spd, name(DatasetAuto.resolve(auto, "poisson", 12)));
        assertEquals(spd, name(DatasetAuto.resolve(auto, "helmholtz", 12)));
        assertEquals(nonsymmetric, name(DatasetAuto.resolve(auto, "convdiff", 12)));
        assertEquals(nonsymmetric, name(DatasetAuto.resolve(auto, "darcy-skr", 12)));
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
            DatasetSpec spec = DatasetSpec.of(family, 16, 3, 5L).withSolver(SolverSpec.defaults());
            DatasetGenerator.Summary s = new DatasetGenerator(spec, dir.resolve(family)).withThreads(2).run();
            assertEquals(0, s.notConverged(), family);
            Manifest m = Manifest.read(s.manifest());
            assertTrue(m.sampleSolver().startsWith("auto -> "), m.sampleSolver());
            for (Manifest.SampleStats st : m.shards().get(0).stats()) {
                assertTrue(st.relativeResidual() <= 1e-8, family + ": " + st);
            }
        }
    }
}
