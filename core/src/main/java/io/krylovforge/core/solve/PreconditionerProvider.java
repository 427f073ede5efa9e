package io.krylovforge.core.solve;

import java.util.List;

/**
 * Names and builds preconditioners for registries in modules that cannot depend on the module
 * holding them (the {@code solvers} module's {@code SolverSpec} cannot see {@code precond}),
 * found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.krylovforge.core.solve.PreconditionerProvider}.
 */
public interface PreconditionerProvider {
    /** The lower-case names this provider creates ({@code none}, no preconditioner, excluded). */
    List<String> names();

    /** A new preconditioner called {@code name} (one of {@link #names()}); ω is used by relaxation-based ones (SSOR). */
    Preconditioner create(String name, double omega);

    /**
     * A new preconditioner called {@code name} with {@code params}; by default only ω is passed on.
     *
     * @param name   one of {@link #names()}
     * @param params the preconditioner parameters (ω, block size, degree, ILUT τ and fill)
     * @return a new, not yet set-up preconditioner
     */
    default Preconditioner create(String name, PreconditionerParameters params) {
        return create(name, params.omega());
    }
}
