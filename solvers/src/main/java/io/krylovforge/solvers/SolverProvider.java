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

    /** {@return the lower-case names this provider creates} */
    List<String> names();

    /**
     * The solver called {@code name} (one of {@link #names()}) with {@code params}.
     *
     * @param name   one of {@link #names()}
     * @param params the method parameters
     * @return a new solver
     */
    IterativeSolver create(String name, SolverParameters params);
}
