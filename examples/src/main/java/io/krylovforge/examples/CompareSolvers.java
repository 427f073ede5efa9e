package io.krylovforge.examples;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.factor.IncompleteLu0;
import io.krylovforge.solvers.krylov.BiCgStab;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.GmresOptions;
import java.util.Map;

/**
 * Task 2: build a matrix in code (2D convection–diffusion, upwind, m×m interior grid) and
 * compare two solvers for nonsymmetric systems, both with ILU(0).
 */
public final class CompareSolvers {
    private CompareSolvers() {
    }

    /** −Δu + β·∇u on the unit square, first-order upwind convection, Dirichlet boundary. */
    static CsrMatrix convectionDiffusion(int m, double beta) {
        double h = 1.0 / (m + 1);
        double c = beta * h; // upwind: the convection term adds β/h, scaled by h² like the rest
        CooBuilder coo = new CooBuilder(m * m, m * m, 5 * m * m);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < m; i++) {
                int p = i + m * j;
                coo.add(p, p, 4.0 + 2.0 * c);
                if (i > 0) {
                    coo.add(p, p - 1, -1.0 - c);   // upwind neighbour in x
                }
                if (i < m - 1) {
                    coo.add(p, p + 1, -1.0);
                }
                if (j > 0) {
                    coo.add(p, p - m, -1.0 - c);   // upwind neighbour in y
                }
                if (j < m - 1) {
                    coo.add(p, p + m, -1.0);
                }
            }
        }
        return coo.build();
    }

    /** Runs the example; exits 1 if a residual check fails. */
    public static void main(String[] args) {
        CsrMatrix a = convectionDiffusion(60, 50.0);
        DenseVector b = a.applyToOnes();
        SolverOptions options = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(2000);

        Map<String, IterativeSolver> solvers = Map.of(
                "GMRES(30) + ILU(0)", new Gmres(GmresOptions.defaults().withRestart(30)),
                "BiCGStab + ILU(0)", new BiCgStab());
        for (Map.Entry<String, IterativeSolver> e : new java.util.TreeMap<>(solvers).entrySet()) {
            DenseVector x = DenseVector.zeros(a.rows());
            long t0 = System.nanoTime();
            SolveResult r = e.getValue().solve(a, b, x, options.withPreconditioner(new IncompleteLu0()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Check.solved(e.getKey() + " (" + ms + " ms)", r, a, b, x, 1e-8);
        }
    }
}
