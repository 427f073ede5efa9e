package io.krylovforge.auto;

import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.direct.Factorizations;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.SolverProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers {@code auto} (the {@link AutoSolver} polyalgorithm, which replaces the built-in
 * fallback of {@link io.krylovforge.solvers.Solvers}) and the direct solvers ({@code lu}, and
 * {@code cholesky} and {@code ldlt} once present) in the one solver registry.
 */
public final class AutoSolverProvider implements SolverProvider {
    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(Factorizations.names());
        names.add("auto");
        return names;
    }

    @Override
    public IterativeSolver create(String name, SolverParameters params) {
        if ("auto".equals(name)) {
            return new AutoSolver(params);
        }
        return Factorizations.solver(name);
    }
}
