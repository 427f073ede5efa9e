package io.krylovforge.examples;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.Monitor;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.grid.GridAssembler;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.mesh.grid.StructuredGrid;
import io.krylovforge.precond.SymmetricSor;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Task 5: watch a solve converge. A {@link Monitor} is called with the residual norm before the
 * first iteration (k = 0) and after every iteration; here it prints every 10th and keeps all.
 */
public final class MonitorResiduals {
    private MonitorResiduals() {
    }

    /** Runs the example; exits 1 if the monitor and the result disagree or the residual is bad. */
    public static void main(String[] args) {
        // −Δu = 1 on the unit square with u = 0 on the boundary: 63 × 63 unknowns.
        GridSystem poisson = new GridAssembler(StructuredGrid.unitSquareWithInteriorUnknowns(63))
                .source((x, y, z) -> 1.0).assemble();
        DenseVector b = DenseVector.wrap(poisson.b());
        DenseVector x = DenseVector.zeros(poisson.size());

        List<Double> seen = new ArrayList<>();
        Monitor monitor = (k, residualNorm) -> {
            seen.add(residualNorm);
            if (k % 10 == 0) {
                System.out.printf(Locale.ROOT, "  k = %3d   ‖r‖ = %.3e%n", k, residualNorm);
            }
        };
        SolveResult r = new ConjugateGradient().solve(poisson.a(), b, x, SolverOptions.defaults()
                .withRtol(1e-9).withPreconditioner(new SymmetricSor(1.5)).withMonitor(monitor));

        Check.solved("PCG + SSOR(1.5), monitored", r, poisson.a(), b, x, 1e-9);
        Check.that(seen.size() == r.iterations() + 1,
                "monitor called " + seen.size() + " times for " + r.iterations() + " iterations");
        Check.that(seen.get(seen.size() - 1) <= 1e-9 * b.norm2() * 1.0001,
                "last monitored residual above the tolerance");
    }
}
