package io.krylovforge.datasets;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SampleSolver}s by name: every registry solver ({@link Solvers#names()}) as
 * independent solves from a zero guess, one chain per sample. {@code gcrodr} (SKR recycling) is
 * reserved for the recycle package and reported as unavailable until it is part of the build.
 */
public final class SampleSolvers {
    private SampleSolvers() {
    }

    /** Names accepted by {@link #create}. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(Solvers.names());
        n.add("gcrodr");
        return n;
    }

    /** The strategy for {@code spec}'s solver and preconditioner; checks both names now. */
    public static SampleSolver create(DatasetSpec spec) {
        if (spec.solver().equals("gcrodr")) {
            throw new DatasetArgumentException("solver 'gcrodr' (Krylov subspace recycling) is not available"
                    + " in this build yet; use an independent solver such as gmres");
        }
        SolverParameters params = SolverParameters.defaults().withRestart(spec.restart());
        Solvers.create(spec.solver(), params); // fail fast on an unknown name
        Preconditioners.create(spec.precond());
        SolverOptions options = SolverOptions.defaults().withRtol(spec.rtol())
                .withMaxIterations(spec.maxIterations());
        return new Independent(spec.solver(), spec.precond(), params, options);
    }

    /** One registry solve per sample, zero initial guess, a fresh preconditioner per chain. */
    static final class Independent implements SampleSolver {
        private final String solver;
        private final String precond;
        private final SolverParameters params;
        private final SolverOptions options;

        Independent(String solver, String precond, SolverParameters params, SolverOptions options) {
            this.solver = solver;
            this.precond = precond;
            this.params = params;
            this.options = options;
        }

        @Override
        public String name() {
            return solver + (precond.equals("none") ? "" : "+" + precond) + " (independent)";
        }

        @Override
        public Chain newChain() {
            IterativeSolver s = Solvers.create(solver, params);
            Preconditioner m = precond.equals("none") ? null : Preconditioners.create(precond);
            SolverOptions o = options.withPreconditioner(m);
            return system -> solveOne(s, o, system);
        }

        private static Solved solveOne(IterativeSolver s, SolverOptions o, PdeInstance system) {
            DenseVector x = DenseVector.zeros(system.size());
            SolveResult r = s.solve(system.a(), DenseVector.wrap(system.b().clone()), x, o);
            return new Solved(x.data(), r);
        }
    }
}
