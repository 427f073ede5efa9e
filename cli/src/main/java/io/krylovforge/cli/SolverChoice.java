package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.precond.SsorPreconditioner;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Maps CLI names to a solver and a preconditioner through the two registries. */
record SolverChoice(IterativeSolver solver, Preconditioner preconditioner) {
    static SolverChoice of(String solverName, String precondName, int restart, double omega, CsrMatrix a) {
        SolverParameters params = SolverParameters.defaults().withRestart(restart).withOmega(omega);
        IterativeSolver s = Solvers.choose(solverName, a, params);
        Preconditioner m = switch (precondName) {
            case "none" -> null;
            case "ssor" -> new SsorPreconditioner(omega); // the CLI's --omega applies to SSOR too
            default -> Preconditioners.create(precondName);
        };
        return new SolverChoice(s, m);
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(Solvers.names());
            return names.iterator();
        }
    }

    static final class PreconditionerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Preconditioners.names().iterator();
        }
    }
}
