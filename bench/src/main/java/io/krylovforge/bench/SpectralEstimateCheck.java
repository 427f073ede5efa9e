package io.krylovforge.bench;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.ChebyshevPolynomial;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.precond.amg.AmgOptions;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.amg.SmootherKind;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.stationary.ChebyshevIteration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Iteration counts that depend on the Lanczos spectral estimate: CG with SA-AMG (each smoother; ρ(D⁻¹A)
 * sets the prolongator and the Jacobi/Chebyshev smoothers), CG with the degree-4 Chebyshev
 * preconditioner (its interval printed) and Jacobi-preconditioned Chebyshev iteration; rtol 1e-8,
 * b = A·ones, x₀ = 0, on Laplace3D10, gr_30_30 and the 128² 5-point Laplacian. A check to rerun when
 * the estimator changes, not a table.
 *
 * <p>Usage: {@code SpectralEstimateCheck <folder with the shared matrices>}.
 */
public final class SpectralEstimateCheck {
    private SpectralEstimateCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/matrices");
        Map<String, CsrMatrix> cases = new LinkedHashMap<>();
        cases.put("Laplace3D10", MatrixMarket.read(dir.resolve("Laplace3D10.mtx")));
        cases.put("gr_30_30", MatrixMarket.read(dir.resolve("gr_30_30.mtx")));
        cases.put("laplacian 128²", laplacian2d(128));
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(20_000);
        for (Map.Entry<String, CsrMatrix> e : cases.entrySet()) {
            CsrMatrix a = e.getValue();
            DenseVector b = DenseVector.zeros(a.rows());
            a.apply(DenseVector.ones(a.rows()), b);
            StringBuilder line = new StringBuilder(e.getKey()).append(':');
            for (SmootherKind kind : SmootherKind.values()) {
                SolveResult r = new ConjugateGradient().solve(a, b, DenseVector.zeros(a.rows()),
                        opts.withPreconditioner(new SmoothedAggregationAmg(AmgOptions.defaults().withSmoother(kind))));
                line.append(" amg-").append(kind.name().toLowerCase(Locale.ROOT)).append(' ').append(r.iterations());
            }
            ChebyshevPolynomial cheb = new ChebyshevPolynomial(4);
            SolveResult r = new ConjugateGradient().solve(a, b, DenseVector.zeros(a.rows()),
                    opts.withPreconditioner(cheb));
            line.append(String.format(Locale.ROOT, " | cheb4-pcg %d, interval [%.6g, %.6g]", r.iterations(),
                    cheb.bounds()[0], cheb.bounds()[1]));
            SolveResult ci = new ChebyshevIteration().solve(a, b, DenseVector.zeros(a.rows()),
                    opts.withPreconditioner(new PointJacobi()));
            line.append(" | chebyshev-iteration+jacobi ").append(ci.iterations()).append(' ').append(ci.reason());
            System.out.println(line);
        }
    }

    /** The s² 5-point Laplacian (4, −1), Dirichlet boundary eliminated. */
    private static CsrMatrix laplacian2d(int s) {
        CooBuilder c = new CooBuilder(s * s, s * s);
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                int row = i * s + j;
                c.add(row, row, 4.0);
                if (i > 0) {
                    c.add(row, row - s, -1.0);
                }
                if (i < s - 1) {
                    c.add(row, row + s, -1.0);
                }
                if (j > 0) {
                    c.add(row, row - 1, -1.0);
                }
                if (j < s - 1) {
                    c.add(row, row + 1, -1.0);
                }
            }
        }
        return c.build();
    }
}
