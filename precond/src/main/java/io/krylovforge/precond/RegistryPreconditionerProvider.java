package io.krylovforge.precond;

import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerParameters;
import io.krylovforge.core.solve.PreconditionerProvider;
import java.util.List;

/** Offers the {@link Preconditioners} names to registries below this module (solvers' SolverSpec); SSOR takes ω. */
public final class RegistryPreconditionerProvider implements PreconditionerProvider {
    @Override
    public List<String> names() {
        return Preconditioners.names().stream().filter(n -> !n.equals("none")).toList();
    }

    @Override
    public Preconditioner create(String name, double omega) {
        return name.equals("ssor") ? new SymmetricSor(omega) : Preconditioners.create(name);
    }

    @Override
    public Preconditioner create(String name, PreconditionerParameters params) {
        return Preconditioners.create(name, params);
    }
}
