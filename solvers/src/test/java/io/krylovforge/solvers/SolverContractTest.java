package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract every registered solver keeps (style guide, "Contract tests"). */
class SolverContractTest {
    static Stream<String> all() {
        return Solvers.names().stream();
    }

    /** Krylov methods that accept a preconditioner (the sweeps reject one). */
    static Stream<String> preconditionable() {
        return all().filter(s -> !SolverTableTest.SWEEPS.contains(s) || s.equals("richardson"));
    }

    private static IterativeSolver solver(String name) {
        return Solvers.create(name, SolverTableTest.parameters(name));
    }

    @ParameterizedTest
    @MethodSource("all")
    void bIsNotModifiedAndXSolves(String name) {
        CsrMatrix a = TestProblems.laplace2d(6);
        DenseVector b = TestProblems.rhsOnes(a);
        double[] before = b.toArray();
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = solver(name).solve(a, b, x, SolverOptions.defaults().withRtol(1e-7).withMaxIterations(5000));
        assertArrayEquals(before, b.toArray());
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-7);
    }

    @ParameterizedTest
    @MethodSource("all")
    void oneIterationGivesTwoMonitorCallsAndMaxIterations(String name) {
        CsrMatrix a = TestProblems.laplace2d(8);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        List<Integer> ks = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        SolverOptions opts = SolverOptions.defaults().withMaxIterations(1).withMonitor((k, rn) -> {
            ks.add(k);
            norms.add(rn);
        });
        SolveResult r = solver(name).solve(a, b, x, opts);
        assertEquals(List.of(0, 1), ks);
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, r.reason(), r.summary());
        assertEquals(1, r.iterations());
        assertEquals(b.norm2(), norms.get(0), 1e-12 * b.norm2());
        assertEquals(2, r.history().length);
    }

    @ParameterizedTest
    @MethodSource("all")
    void zeroRhsGivesZeroXImmediately(String name) {
        CsrMatrix a = TestProblems.laplace2d(5);
        DenseVector b = DenseVector.zeros(a.rows());
        DenseVector x = DenseVector.ones(a.rows());
        SolveResult r = solver(name).solve(a, b, x, SolverOptions.defaults().withNonzeroGuess(true));
        assertEquals(StopReason.CONVERGED_ZERO_RHS, r.reason());
        assertEquals(0, r.iterations());
        assertArrayEquals(new double[a.rows()], x.toArray());
    }

    @ParameterizedTest
    @MethodSource("all")
    void convergedGuessTakesNoIteration(String name) {
        CsrMatrix a = TestProblems.laplace2d(5);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.ones(a.rows());
        SolveResult r = solver(name).solve(a, b, x, SolverOptions.defaults().withNonzeroGuess(true));
        assertTrue(r.converged(), r.summary());
        assertEquals(0, r.iterations());
        assertArrayEquals(DenseVector.ones(a.rows()).toArray(), x.toArray());
    }

    @ParameterizedTest
    @MethodSource("all")
    void dimensionMismatchThrows(String name) {
        CsrMatrix a = TestProblems.laplace2d(4);
        assertThrows(DimensionMismatchException.class,
                () -> solver(name).solve(a, DenseVector.ones(15), DenseVector.zeros(16), SolverOptions.defaults()));
        assertThrows(DimensionMismatchException.class,
                () -> solver(name).solve(a, DenseVector.ones(16), DenseVector.zeros(17), SolverOptions.defaults()));
    }

    @ParameterizedTest
    @MethodSource("all")
    void singularInconsistentSystemDoesNotConverge(String name) {
        // Neumann Laplacian: null space = ones; b = e0 is not in the range (sum != 0).
        CsrMatrix a = TestProblems.neumann1d(20);
        DenseVector b = DenseVector.zeros(20);
        b.set(0, 1.0);
        DenseVector x = DenseVector.zeros(20);
        SolveResult r = solver(name).solve(a, b, x, SolverOptions.defaults().withMaxIterations(400));
        assertFalse(r.converged(), r.summary());
        assertTrue(TestProblems.finite(x));
        assertTrue(TestProblems.relativeResidual(a, b, x) > 1e-8);
    }

    @ParameterizedTest
    @MethodSource("all")
    void nanInMatrixNeverReachesX(String name) {
        CooBuilder c = new CooBuilder(3, 3);
        c.add(0, 0, 4).add(1, 1, Double.NaN).add(2, 2, 4).add(0, 1, -1).add(1, 0, -1);
        CsrMatrix a = c.build();
        DenseVector b = DenseVector.of(1, 2, 3);
        DenseVector x = DenseVector.zeros(3);
        SolveResult r = solver(name).solve(a, b, x, SolverOptions.defaults().withMaxIterations(50));
        assertFalse(r.converged(), r.summary());
        assertTrue(TestProblems.finite(x), "x = " + x);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cg", "pcg", "pipecg"})
    void cgFamilyReportsIndefiniteMatrix(String name) {
        CooBuilder c = new CooBuilder(2, 2);
        c.add(0, 0, 1.0).add(1, 1, -2.0);
        DenseVector x = DenseVector.zeros(2);
        SolveResult r = solver(name).solve(c.build(), DenseVector.of(1, 1), x, SolverOptions.defaults());
        assertEquals(StopReason.DIVERGED_INDEFINITE_MATRIX, r.reason(), r.summary());
        assertTrue(TestProblems.finite(x));
    }

    @ParameterizedTest
    @MethodSource("preconditionable")
    void preconditionerSetUpFailureIsAReason(String name) {
        Preconditioner broken = new Preconditioner() {
            @Override
            public void setUp(LinearOperator a) {
                throw new PreconditionerFailedException("zero pivot in row 3");
            }

            @Override
            public void apply(Vector r, Vector z) {
                throw new IllegalStateException("not set up");
            }
        };
        CsrMatrix a = TestProblems.laplace2d(4);
        SolveResult r = solver(name).solve(a, TestProblems.rhsOnes(a), DenseVector.zeros(16),
                SolverOptions.defaults().withPreconditioner(broken));
        assertEquals(StopReason.DIVERGED_PRECONDITIONER_FAILED, r.reason());
        assertTrue(r.detail().contains("row 3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jacobi", "gauss-seidel", "sor", "ssor"})
    void sweepsNeedACsrMatrixAndNoPreconditioner(String name) {
        CsrMatrix a = TestProblems.laplace2d(4);
        LinearOperator op = new LinearOperator() {
            public int rows() {
                return 16;
            }

            public int cols() {
                return 16;
            }

            public void apply(Vector x, Vector y) {
                a.apply(x, y);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver(name).solve(op, TestProblems.rhsOnes(a), DenseVector.zeros(16), SolverOptions.defaults()));
        assertTrue(e.getMessage().contains("CsrMatrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> solver(name).solve(a, TestProblems.rhsOnes(a),
                DenseVector.zeros(16), SolverOptions.defaults().withPreconditioner(new TestProblems.DiagonalPreconditioner())));
    }
}
