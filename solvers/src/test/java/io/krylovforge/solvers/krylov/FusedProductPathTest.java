package io.krylovforge.solvers.krylov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.TestProblems;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BiCGStab and GMRES take their dots from the fused product on a CSR matrix (v = A p̂ with r̂ᵀv,
 * t = A ŝ with sᵀt, w = A v_j with v_jᵀw) and from separate apply + dot calls on any other
 * operator: both paths must give the same bits (same iterations, residual history and x), below
 * the fork threshold and above it.
 */
class FusedProductPathTest {
    /** The same matrix behind a plain operator, so the backend cannot take the CSR fast path. */
    private static LinearOperator opaque(CsrMatrix a) {
        return new LinearOperator() {
            @Override
            public int rows() {
                return a.rows();
            }

            @Override
            public int cols() {
                return a.cols();
            }

            @Override
            public void apply(Vector x, Vector y) {
                a.apply(x, y);
            }
        };
    }

    private static void assertSameBits(Supplier<IterativeSolver> solver, CsrMatrix a, SolverOptions options) {
        DenseVector b = a.applyToOnes();
        DenseVector xFused = DenseVector.zeros(a.rows());
        SolveResult fused = solver.get().solve(a, b, xFused, options);
        DenseVector xPlain = DenseVector.zeros(a.rows());
        SolveResult plain = solver.get().solve(opaque(a), b, xPlain, options);
        assertEquals(plain.reason(), fused.reason());
        assertEquals(plain.iterations(), fused.iterations());
        assertArrayEquals(plain.history(), fused.history(), 0.0, "residual history");
        assertArrayEquals(xPlain.toArray(), xFused.toArray(), 0.0, "solution");
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 370}) // 1 600 rows: serial; 136 900 rows: above the fork threshold
    void biCgStabFusedAndPlainProductsGiveTheSameBits(int side) {
        CsrMatrix a = Stencils.convectionDiffusion2d(side, side, 1.0);
        int cap = side > 100 ? 30 : 1000;
        assertSameBits(BiCgStab::new, a, SolverOptions.defaults().withRtol(1e-10).withMaxIterations(cap));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 370})
    void gmresFusedAndPlainProductsGiveTheSameBits(int side) {
        CsrMatrix a = Stencils.convectionDiffusion2d(side, side, 1.0);
        int cap = side > 100 ? 45 : 2000; // 45: past one restart of GMRES(40)
        SolverOptions options = SolverOptions.defaults().withRtol(1e-10).withMaxIterations(cap);
        assertSameBits(() -> new Gmres(40), a, options);
        assertSameBits(() -> new Gmres(40), a, options.withPreconditioner(TestProblems.diagonal(a)));
    }
}
