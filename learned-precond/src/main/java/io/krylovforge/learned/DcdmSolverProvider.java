package io.krylovforge.learned;

import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.SolverProvider;
import java.util.List;

/** Registers {@code dcdm} (bundled Poisson weights, grid from the matrix) in the one {@code Solvers} registry. */
public final class DcdmSolverProvider implements SolverProvider {
    @Override
    public List<String> names() {
        return List.of("dcdm");
    }

    @Override
    public IterativeSolver create(String name, SolverParameters params) {
        return new DcdmForMatrix(null);
    }
}
