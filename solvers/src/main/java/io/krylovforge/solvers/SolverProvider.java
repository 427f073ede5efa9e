package io.krylovforge.solvers;

import io.krylovforge.core.solve.IterativeSolver;
import java.util.List;

/**
 * Adds named solvers to {@link Solvers} from a module above this one (direct factorisations,
 * the {@code auto} polyalgorithm, learned solvers), found by {@link java.util.ServiceLoader}
 * through {@code META-INF/services/io.krylovforge.solvers.SolverProvider}. This keeps one
 * registry of names while the dependencies point downward.
 */
public interface SolverProvider {

    /** The lower-case names this provider creates. */
    List<String> names();

    /** The solver called {@code name} (one of {@link #names()}) with {@code params}. */
    IterativeSolver create(String name, SolverParameters params);
}
