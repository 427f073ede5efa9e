package io.krylovforge.examples;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Task 1: solve a Matrix Market file with CG preconditioned by smoothed-aggregation AMG.
 * Usage: {@code SolveFileWithAmg [matrix.mtx]} (default: the bundled poisson2d.mtx).
 */
public final class SolveFileWithAmg {
    private SolveFileWithAmg() {
    }

    /** Runs the example; exits 1 if the residual check fails. */
    public static void main(String[] args) throws IOException {
        CsrMatrix a = MatrixMarket.read(Path.of(args.length > 0 ? args[0] : "poisson2d.mtx"));
        DenseVector b = a.applyToOnes();          // b = A·1, so x = 1 is the exact solution
        DenseVector x = DenseVector.zeros(a.rows()); // guess in, solution out

        SmoothedAggregationAmg amg = new SmoothedAggregationAmg();
        SolveResult r = new ConjugateGradient().solve(a, b, x,
                SolverOptions.defaults().withRtol(1e-8).withPreconditioner(amg));
        System.out.println(amg.hierarchy());      // PyAMG-style level table

        Check.solved("CG + AMG on " + a.rows() + " unknowns", r, a, b, x, 1e-8);
        double maxError = 0.0;
        for (double xi : x.data()) {
            maxError = Math.max(maxError, Math.abs(xi - 1.0));
        }
        Check.that(maxError < 1e-5, "solution differs from ones by " + maxError);
    }
}
