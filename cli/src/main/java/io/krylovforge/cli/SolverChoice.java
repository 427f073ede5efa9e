package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.MatrixProperties;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.Iterator;
import java.util.List;

/** Maps CLI names to a solver and preconditioner. */
record SolverChoice(IterativeSolver solver, Preconditioner preconditioner) {
    static SolverChoice of(String solverName, String precondName, int restart, double omega,
            CsrMatrix a, MatrixProperties props) {
        IterativeSolver s = switch (solverName) {
            case "cg", "pcg", "auto" -> new ConjugateGradient();
            default -> throw new UserInputException("unknown solver '" + solverName + "'; valid: cg");
        };
        if (!"none".equals(precondName)) {
            throw new UserInputException("unknown preconditioner '" + precondName + "'; valid: none");
        }
        return new SolverChoice(s, null);
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("auto", "cg").iterator();
        }
    }

    static final class PreconditionerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("none").iterator();
        }
    }
}
