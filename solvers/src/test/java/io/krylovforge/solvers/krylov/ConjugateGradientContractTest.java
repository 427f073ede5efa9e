package io.krylovforge.solvers.krylov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConjugateGradientContractTest {
    private final ConjugateGradient cg = new ConjugateGradient();

    private static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double rr = 0;
        double bb = 0;
        for (int i = 0; i < b.length; i++) {
            rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(rr / bb);
    }

    @Test
    void solvesLaplacianToTolerance() {
        CsrMatrix a = Stencils.laplacian2d(40, 30);
        double[] exact = new double[a.rows()];
        for (int i = 0; i < exact.length; i++) {
            exact[i] = Math.cos(0.1 * i);
        }
        double[] b = a.multiply(exact);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = cg.solve(a, DenseVector.wrap(b), x, SolverOptions.defaults().withRtol(1e-10));
        assertEquals(StopReason.CONVERGED_RTOL, r.reason());
        assertTrue(relativeResidual(a, b, x.data()) <= 1e-10);
        assertEquals(relativeResidual(a, b, x.data()), r.relativeResidual(), 1e-14);
        for (int i = 0; i < exact.length; i++) {
            assertEquals(exact[i], x.get(i), 1e-7);
        }
        // CG on an SPD matrix of size n converges in at most n steps in exact arithmetic, and
        // the 40x30 Laplacian needs far fewer.
        assertTrue(r.iterations() < 200, "iterations " + r.iterations());
        assertEquals(r.iterations() + 1, r.history().length);
    }

    @Test
    void leavesBUnchangedAndCallsMonitorPerIteration() {
        CsrMatrix a = Stencils.laplacian2d(10, 10);
        double[] b = a.multiply(DenseVector.ones(100).data());
        double[] bCopy = b.clone();
        List<Integer> ks = new ArrayList<>();
        SolveResult r = cg.solve(a, DenseVector.wrap(b), DenseVector.zeros(100),
                SolverOptions.defaults().withMaxIterations(1).withMonitor((k, rn) -> ks.add(k)));
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, r.reason());
        assertEquals(List.of(0, 1), ks);
        assertArrayEquals(bCopy, b, 0.0);
    }

    @Test
    void zeroRightHandSideGivesZeroAtOnce() {
        CsrMatrix a = Stencils.laplacian2d(5, 5);
        DenseVector x = DenseVector.ones(25);
        SolveResult r = cg.solve(a, DenseVector.zeros(25), x, SolverOptions.defaults());
        assertEquals(StopReason.CONVERGED_ZERO_RHS, r.reason());
        assertEquals(0, r.iterations());
        assertArrayEquals(new double[25], x.data(), 0.0);
    }

    @Test
    void convergedInitialGuessTakesNoIterations() {
        CsrMatrix a = Stencils.laplacian2d(6, 6);
        DenseVector x = DenseVector.ones(36);
        DenseVector b = DenseVector.wrap(a.multiply(x.data()));
        SolveResult r = cg.solve(a, b, x, SolverOptions.defaults().withNonzeroGuess(true));
        assertEquals(StopReason.CONVERGED_RTOL, r.reason());
        assertEquals(0, r.iterations());
    }

    @Test
    void indefiniteMatrixIsDetected() {
        // Symmetric with eigenvalues of both signs: 5-point Laplacian shifted by -4.
        CsrMatrix lap = Stencils.laplacian2d(8, 8);
        CooBuilder coo = new CooBuilder(64, 64);
        lap.forEach((i, j, v) -> coo.add(i, j, i == j ? v - 4.0 : v));
        CsrMatrix a = coo.build();
        DenseVector x = DenseVector.zeros(64);
        SolveResult r = cg.solve(a, DenseVector.ones(64), x, SolverOptions.defaults());
        assertTrue(r.reason() == StopReason.DIVERGED_INDEFINITE_MATRIX
                || r.reason() == StopReason.DIVERGED_MAX_ITERATIONS, r.summary());
        for (double v : x.data()) {
            assertTrue(Double.isFinite(v));
        }
        // A matrix with a negative diagonal entry shows pᵀAp < 0 on the first step.
        CsrMatrix neg = new CooBuilder(2, 2).add(0, 0, -1.0).add(1, 1, -2.0).build();
        assertEquals(StopReason.DIVERGED_INDEFINITE_MATRIX,
                cg.solve(neg, DenseVector.ones(2), DenseVector.zeros(2), SolverOptions.defaults()).reason());
    }

    @Test
    void singularSystemDoesNotReturnNaN() {
        // Pure Neumann-like Laplacian (rows sum to zero) with an inconsistent right-hand side.
        CooBuilder coo = new CooBuilder(3, 3);
        coo.add(0, 0, 1).add(0, 1, -1).add(1, 0, -1).add(1, 1, 2).add(1, 2, -1).add(2, 1, -1).add(2, 2, 1);
        DenseVector x = DenseVector.zeros(3);
        SolveResult r = cg.solve(coo.build(), DenseVector.of(1, 0, 0), x,
                SolverOptions.defaults().withMaxIterations(50));
        assertTrue(!r.converged(), r.summary());
        for (double v : x.data()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void dimensionMismatchIsAUserError() {
        CsrMatrix a = Stencils.laplacian2d(3, 3);
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> cg.solve(a, DenseVector.zeros(8), DenseVector.zeros(9), SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cg.solve(a, DenseVector.of(
                1, 1, 1, 1, Double.NaN, 1, 1, 1, 1), DenseVector.zeros(9), SolverOptions.defaults()));
    }

    @Test
    void jacobiPreconditionedCgConvergesOnBadlyScaledMatrix() {
        // D^(1/2) L D^(1/2) with a wildly varying D: Jacobi removes the scaling.
        CsrMatrix lap = Stencils.laplacian2d(20, 20);
        double[] d = new double[400];
        for (int i = 0; i < 400; i++) {
            d[i] = Math.pow(10, (i % 7) - 3);
        }
        CooBuilder coo = new CooBuilder(400, 400);
        lap.forEach((i, j, v) -> coo.add(i, j, Math.sqrt(d[i] * d[j]) * v));
        CsrMatrix a = coo.build();
        double[] b = a.multiply(DenseVector.ones(400).data());
        Preconditioner jacobi = new Preconditioner() {
            private double[] inv;

            @Override
            public void setUp(LinearOperator op) {
                double[] diag = ((CsrMatrix) op).diagonal();
                inv = new double[diag.length];
                for (int i = 0; i < diag.length; i++) {
                    inv[i] = 1.0 / diag[i];
                }
            }

            @Override
            public void apply(Vector r, Vector z) {
                double[] rr = DenseVector.array(r);
                double[] zz = DenseVector.array(z);
                for (int i = 0; i < rr.length; i++) {
                    zz[i] = inv[i] * rr[i];
                }
            }
        };
        DenseVector x = DenseVector.zeros(400);
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8);
        SolveResult plain = cg.solve(a, DenseVector.wrap(b), DenseVector.zeros(400), o);
        SolveResult pcg = cg.solve(a, DenseVector.wrap(b), x, o.withPreconditioner(jacobi));
        assertTrue(pcg.converged(), pcg.summary());
        assertTrue(relativeResidual(a, b, x.data()) <= 1e-8);
        assertTrue(!plain.converged() || pcg.iterations() < plain.iterations(),
                plain.summary() + " vs " + pcg.summary());
    }

    @Test
    void failingPreconditionerIsAReasonNotAnException() {
        Preconditioner broken = new Preconditioner() {
            @Override
            public void setUp(LinearOperator op) {
                throw new PreconditionerFailedException("zero pivot in row 3");
            }

            @Override
            public void apply(Vector r, Vector z) {
                throw new IllegalStateException("internal: never set up");
            }
        };
        CsrMatrix a = Stencils.laplacian2d(3, 3);
        SolveResult r = cg.solve(a, DenseVector.ones(9), DenseVector.zeros(9),
                SolverOptions.defaults().withPreconditioner(broken));
        assertEquals(StopReason.DIVERGED_PRECONDITIONER_FAILED, r.reason());
        assertTrue(r.detail().contains("row 3"));
    }
}
