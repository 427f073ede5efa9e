package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.Tfqmr;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Iteration counts against SciPy on identical problems.
 *
 * <p>Constants were produced by {@code python3
 * solvers/src/test/resources/scipy/reference_counts.py} with SciPy 1.10.1 (Debian bookworm
 * python3-scipy); its output is saved beside it as {@code reference_counts.out}. Problems: the
 * 5-point Laplacian ({@link TestProblems#laplace2d}) and the upwind convection–diffusion matrix
 * ({@link TestProblems#convDiff}, ch = 0.5) built in both languages the same way, b = A·ones,
 * x0 = 0, relative tolerance 1e-8, atol 0, no preconditioner. SciPy's CG/TFQMR count is its
 * number of callback calls; its GMRES count is the number of inner iterations
 * ({@code callback_type='pr_norm'} is called once per inner iteration; SciPy's {@code maxiter}
 * counts restart cycles). Without a preconditioner SciPy's left-preconditioned GMRES and our
 * right-preconditioned one minimise the same residual.
 */
class SciPyReferenceCountsTest {
    private static SolveResult run(IterativeSolver s, CsrMatrix a) {
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = s.solve(a, b, x, SolverOptions.defaults().withRtol(1e-8).withMaxIterations(5000));
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-8);
        return r;
    }

    @ParameterizedTest(name = "CG on laplace2d({0}): SciPy {1}")
    @CsvSource({"32, 62", "64, 122"})
    void cgMatchesSciPy(int n, int scipyIterations) {
        SolveResult r = run(new ConjugateGradient(), TestProblems.laplace2d(n));
        assertEquals(scipyIterations, r.iterations(), 2, r.summary());
    }

    @ParameterizedTest(name = "GMRES({2}) on convdiff({0}, {1}): SciPy {3}")
    @CsvSource({"32, 0.5, 30, 206", "32, 0.5, 10, 142", "64, 0.5, 30, 380"})
    void gmresMatchesSciPy(int n, double ch, int restart, int scipyInnerIterations) {
        SolveResult r = run(new Gmres(restart), TestProblems.convDiff(n, ch));
        assertEquals(scipyInnerIterations, r.iterations(), 3, r.summary());
    }

    @ParameterizedTest(name = "TFQMR on {0}: SciPy {1}")
    @CsvSource({"laplace, 47", "convdiff, 80"})
    void tfqmrMatchesSciPy(String problem, int scipyIterations) {
        CsrMatrix a = problem.equals("laplace") ? TestProblems.laplace2d(16) : TestProblems.convDiff(16, 0.5);
        SolveResult r = run(new Tfqmr(), a);
        assertEquals(scipyIterations, r.iterations(), 2, r.summary());
    }
}
