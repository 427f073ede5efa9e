package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Unreachable tolerances and an enormous iteration limit (issue #20): every method must stop by
 * itself at the precision floor with an honest DIVERGED_STAGNATION, not run for hours, blame the
 * matrix or report NaN.
 */
class PrecisionFloorTest {
    private static final SolverOptions UNREACHABLE = SolverOptions.defaults().withRtol(1e-300)
            .withMaxIterations(Integer.MAX_VALUE);

    private static SolveResult solve(String name, CsrMatrix a) {
        IterativeSolver s = Solvers.create(name, SolverTableTest.parameters(name));
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = s.solve(a, b, x, UNREACHABLE);
        assertEquals(r.relativeResidual(), TestProblems.relativeResidual(a, b, x), 1e-3 * r.relativeResidual() + 1e-300,
                name + ": reported residual is the true one");
        return r;
    }

    @Test
    void everyKrylovMethodStopsAtTheFloorOfAWellConditionedMatrix() {
        CsrMatrix a = TestProblems.laplace3d(10);
        for (String name : List.of("cg", "pipecg", "fcg", "minres", "gmres", "fgmres", "bicgstab", "bicgstabl")) {
            SolveResult r = solve(name, a);
            assertEquals(StopReason.DIVERGED_STAGNATION, r.reason(), name + ": " + r.summary());
            assertTrue(r.iterations() < 5000, name + ": " + r.summary());
            assertTrue(r.relativeResidual() < 1e-12, name + " reached the floor: " + r.summary());
        }
        // TFQMR may meet rho = 0 on the floor first; it must still stop quickly and not claim success.
        SolveResult t = solve("tfqmr", a);
        assertTrue(t.reason() == StopReason.DIVERGED_STAGNATION || t.reason() == StopReason.DIVERGED_BREAKDOWN,
                t.summary());
        assertTrue(t.iterations() < 5000 && t.relativeResidual() < 1e-12, t.summary());
    }

    @Test
    void pipelinedCgDoesNotCallAnSpdMatrixIndefiniteAndBiCgStabGivesNoNaN() {
        CsrMatrix a = TestProblems.readShared("494_bus.mtx"); // SPD, condition about 1e6
        SolveResult p = solve("pipecg", a);
        assertEquals(StopReason.DIVERGED_STAGNATION, p.reason(), p.summary());
        assertTrue(p.relativeResidual() < 1e-10, p.summary());
        SolveResult s = solve("bicgstab", a);
        assertEquals(StopReason.DIVERGED_STAGNATION, s.reason(), s.summary());
        assertTrue(s.relativeResidual() < 1e-10, s.summary());
    }

    @Test
    void restartedGmresStopsWhenItStagnates() {
        CsrMatrix a = TestProblems.readShared("west0479.mtx"); // GMRES(30) makes no progress on it
        for (String name : List.of("gmres", "fgmres")) {
            SolveResult r = solve(name, a);
            assertEquals(StopReason.DIVERGED_STAGNATION, r.reason(), name + ": " + r.summary());
            assertTrue(r.iterations() < 40_000, r.summary());
            assertTrue(r.detail().contains("no decrease"), r.detail());
        }
    }
}
