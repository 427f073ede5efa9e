package io.krylovforge.mesh.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.recycle.LinearSystem;
import org.junit.jupiter.api.Test;

class PdeInstanceSystemTest {
    @Test
    void systemCarriesMatrixRhsAndParametersAndSolves() {
        PdeInstance p = Families.create("darcy", 12).sample(3);
        LinearSystem s = p.system();
        assertSame(p.a(), s.a());
        assertArrayEquals(p.b(), s.b().toArray());
        assertSame(p.parameters(), s.parameters());

        DenseVector x = DenseVector.zeros(p.size());
        SolveResult r = new ConjugateGradient().solve(s.a(), s.b(), x,
                SolverOptions.defaults().withRtol(1e-10));
        assertTrue(r.converged(), r.summary());
        assertTrue(s.a().relativeResidual(s.b(), x) <= 1e-10);
        assertEquals(p.size(), s.b().size());
    }
}
