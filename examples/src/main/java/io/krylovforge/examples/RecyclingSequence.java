package io.krylovforge.examples;

import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.util.List;

/**
 * Task 3: solve a sequence of related systems (Darcy flow with random permeability fields)
 * with GCRO-DR recycling, and compare with plain restarted GMRES on the same sequence.
 */
public final class RecyclingSequence {
    private RecyclingSequence() {
    }

    /** Runs the example; exits 1 if a system misses its tolerance. */
    public static void main(String[] args) {
        List<LinearSystem> systems = Families.create("darcy", 34).samples(11, 12).stream()
                .map(PdeInstance::system).toList();
        SequenceOptions recycling = SequenceOptions.defaults()
                .withSolverOptions(SolverOptions.defaults().withRtol(1e-8));

        SequenceResult gcrodr = new SequenceSolver(recycling).solve(systems);
        SequenceResult gmres = new SequenceSolver(recycling.withMethod(SequenceOptions.Method.GMRES))
                .solve(systems);
        System.out.println("GCRO-DR(40, 20): " + gcrodr.totalIterations() + " iterations for "
                + systems.size() + " systems; GMRES(40): " + gmres.totalIterations());

        Check.that(gcrodr.allConverged() && gmres.allConverged(), "a system did not converge");
        // Results come back in the original order, each with its solution: recompute b − Ax.
        for (SequenceResult.SystemResult s : gcrodr.systems()) {
            LinearSystem sys = systems.get(s.index());
            double rel = sys.a().relativeResidual(sys.b(), s.x());
            Check.that(rel <= 1e-8, "system " + s.index() + ": relative residual " + rel);
        }
        Check.that(gcrodr.totalIterations() < gmres.totalIterations(),
                "recycling should save iterations on this sequence");
    }
}
