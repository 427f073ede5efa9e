package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.learned.DcdmForMatrix;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.Solvers;
import java.util.Iterator;

/** The solver and preconditioner a {@link SolverSpec} names, for one matrix ({@code auto} decided now). */
record SolverChoice(IterativeSolver solver, Preconditioner preconditioner) {
    static SolverChoice of(SolverSpec spec, CsrMatrix a, java.nio.file.Path weights) {
        IterativeSolver s;
        if (spec.solver().equals("dcdm")) {
            try {
                s = DcdmForMatrix.forMatrix(a, weights);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
        } else if (spec.solver().equals("auto")) {
            s = Solvers.choose("auto", a, spec.parameters());
        } else {
            s = spec.createSolver();
        }
        return new SolverChoice(s, spec.createPreconditioner());
    }

    /** Every solver name of the one registry (dcdm included, through its provider). */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Solvers.names().iterator();
        }
    }

    static final class PreconditionerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SolverSpec.preconditionerNames().iterator();
        }
    }
}
