package io.krylovforge.solvers.recycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.recycle.SequenceOptions.Method;
import io.krylovforge.solvers.recycle.SequenceOptions.SortMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SequenceSolverTest {
    /** 16 systems with phases 0, 0.01, ... shuffled; parameter array = the phase (and its square). */
    static List<LinearSystem> shuffledSequence(int s, boolean symmetric) {
        List<Integer> phases = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            phases.add(i);
        }
        Collections.shuffle(phases, new Random(3));
        List<LinearSystem> out = new ArrayList<>();
        for (int i = 0; i < phases.size(); i++) {
            double ph = 0.01 * phases.get(i);
            CsrMatrix a = symmetric ? TestProblems.symmetricDiffusion(s, 1.5, ph) : TestProblems.diffusion(s, 1.5, ph);
            out.add(new LinearSystem(a, TestProblems.randomVector(s * s, 50 + i), new double[] {ph, ph * ph}));
        }
        return out;
    }

    static void assertEachSolvesItsOwnSystem(List<LinearSystem> systems, SequenceResult res, double tol) {
        assertEquals(systems.size(), res.systems().size());
        for (int i = 0; i < systems.size(); i++) {
            SequenceResult.SystemResult r = res.systems().get(i);
            assertEquals(i, r.index());
            assertTrue(r.result().converged(), "system " + i + ": " + r.result().summary());
            double rel = TestProblems.relres(systems.get(i).a(), systems.get(i).b(), r.x());
            assertTrue(rel <= tol, "system " + i + " solution does not solve its own system: " + rel);
        }
    }

    @Test
    void resultsComeBackInOriginalOrderAndRecyclingBeatsGmres() {
        List<LinearSystem> systems = shuffledSequence(30, false);
        SequenceOptions o = SequenceOptions.defaults().withRestart(30).withRecycle(10)
                .withSolverOptions(SolverOptions.defaults().withRtol(1e-8));
        SequenceResult skr = new SequenceSolver(o).solve(systems);
        assertEachSolvesItsOwnSystem(systems, skr, 1e-8);
        int[] order = skr.order();
        assertEquals(0, order[0]);
        // the sort key is the phase: greedy from system 0 visits phases in a near-monotone walk
        boolean[] seen = new boolean[order.length];
        for (int p = 0; p < order.length; p++) {
            seen[order[p]] = true;
            assertEquals(p, skr.systems().get(order[p]).position());
        }
        for (boolean b : seen) {
            assertTrue(b);
        }
        SequenceResult gmres = new SequenceSolver(o.withMethod(Method.GMRES).withSort(SortMode.NONE)).solve(systems);
        assertEachSolvesItsOwnSystem(systems, gmres, 1e-8);
        assertTrue(skr.totalIterations() < gmres.totalIterations(),
                skr.totalIterations() + " vs " + gmres.totalIterations());
        assertTrue(skr.allConverged());
    }

    @Test
    void chainsRunInParallelAndAreDeterministic() {
        List<LinearSystem> systems = shuffledSequence(20, false);
        SequenceOptions o = SequenceOptions.defaults().withRecycle(8).withRestart(20).withChains(3)
                .withSort(SortMode.SCALABLE).withGroup(5).withSeed(1L)
                .withPreconditioner(GcroDrTest.Jacobi::new, SequenceOptions.PreconditionerReuse.UPDATE_PER_CHAIN);
        SequenceResult a = new SequenceSolver(o).solve(systems);
        SequenceResult b = new SequenceSolver(o).solve(systems.stream());
        assertEachSolvesItsOwnSystem(systems, a, 1e-8);
        for (int i = 0; i < systems.size(); i++) {
            assertEquals(a.systems().get(i).iterations(), b.systems().get(i).iterations());
            assertEquals(a.systems().get(i).chain(), b.systems().get(i).chain());
        }
        int[] order = a.order();
        assertEquals(0, a.systems().get(order[0]).chain());
        assertEquals(2, a.systems().get(order[order.length - 1]).chain());
    }

    @Test
    void rcgOnSpdSequence() {
        List<LinearSystem> systems = shuffledSequence(24, true);
        SequenceOptions o = SequenceOptions.defaults().withMethod(Method.RCG).withRestart(30).withRecycle(10)
                .withPreconditioner(GcroDrTest.Jacobi::new, SequenceOptions.PreconditionerReuse.FRESH_PER_SYSTEM);
        SequenceResult res = new SequenceSolver(o).solve(systems);
        assertEachSolvesItsOwnSystem(systems, res, 1e-8);
    }

    @Test
    void badInputIsRefused() {
        CsrMatrix a = Stencils.laplacian2d(3, 3);
        assertThrows(IllegalArgumentException.class, () -> new LinearSystem(a, DenseVector.ones(8)));
        List<LinearSystem> mixed = List.of(new LinearSystem(a, DenseVector.ones(9), new double[] {1}),
                new LinearSystem(a, DenseVector.ones(9), new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> new SequenceSolver(SequenceOptions.defaults()).solve(mixed));
        assertThrows(IllegalArgumentException.class, () -> Method.fromName("cgs"));
        assertEquals(Method.RCG, Method.fromName("rcg"));
        assertThrows(IllegalArgumentException.class, () -> SequenceOptions.defaults().withRecycle(40));
    }
}
