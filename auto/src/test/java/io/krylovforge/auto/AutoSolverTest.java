package io.krylovforge.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AutoSolverTest {
    private static CsrMatrix shared(String file) throws Exception {
        return MatrixMarket.read(Path.of(System.getProperty("krylovforge.shared", "../../shared"))
                .resolve("matrices").resolve(file));
    }

    private static double relativeResidual(CsrMatrix a, double[] x, double[] b) {
        double[] ax = a.multiply(x);
        double r = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            r += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(r / bb);
    }

    private static SolveResult solve(IterativeSolver s, CsrMatrix a, double[] b, DenseVector x) {
        return s.solve(a, DenseVector.wrap(b), x, SolverOptions.defaults().withMaxIterations(Math.max(10_000, 10 * a.rows())));
    }

    @Test
    void registryAutoIsThePolyalgorithmAndDirectNamesAreRegistered() {
        assertInstanceOf(AutoSolver.class, Solvers.create("auto"));
        assertTrue(Solvers.names().containsAll(java.util.List.of("cholesky", "ldlt", "lu")));
        assertEquals("lu", Solvers.create("lu").name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"494_bus.mtx", "gr_30_30.mtx", "Laplace3D10.mtx", "west0479.mtx", "testmat0.mtx"})
    void everySharedMatrixIsSolvedDirectlyWithThePathReported(String file) throws Exception {
        CsrMatrix a = shared(file);
        double[] b = a.multiply(DenseVector.ones(a.rows()).data());
        DenseVector x = DenseVector.zeros(a.rows());
        AutoSolver auto = (AutoSolver) Solvers.create("auto");
        SolveResult r = solve(auto, a, b, x);
        assertTrue(r.converged(), file + ": " + r.summary());
        assertTrue(relativeResidual(a, x.data(), b) <= 1e-8);
        assertTrue(r.detail().startsWith("auto: " + a.rows() + "x" + a.rows()), r.detail());
        assertTrue(r.detail().chars().allMatch(c -> c >= 0x20 && c < 0x7f), "plain ASCII: " + r.detail());
        String expected = file.equals("west0479.mtx") ? "-> lu (nnz(L+U)=" : "-> cholesky (nnz(L)=";
        assertTrue(r.detail().contains(expected), r.detail());
    }

    @Test
    void iterativeBranchesWhenTheFactorsAreTooExpensive() throws Exception {
        CsrMatrix spd = shared("gr_30_30.mtx");
        double[] b = spd.multiply(DenseVector.ones(spd.rows()).data());
        DenseVector x = DenseVector.zeros(spd.rows());
        AutoSolver auto = new AutoSolver(SolverParameters.defaults(), 0.0);
        SolveResult r = solve(auto, spd, b, x);
        assertTrue(r.converged(), r.summary());
        assertTrue(r.detail().contains("-> cg + amg"), r.detail());

        // west0479: zero diagonals, so ILU(0) fails and auto escalates until LU solves it.
        CsrMatrix west = shared("west0479.mtx");
        double[] bw = west.multiply(DenseVector.ones(west.rows()).data());
        DenseVector xw = DenseVector.zeros(west.rows());
        SolveResult rw = solve(new AutoSolver(SolverParameters.defaults(), 0.0), west, bw, xw);
        assertTrue(rw.converged(), rw.summary());
        assertTrue(relativeResidual(west, xw.data(), bw) <= 1e-8);
        assertTrue(rw.detail().contains("gmres + ilu0"), rw.detail());
    }

    @Test
    void symmetricIndefiniteGoesToMinresWhenIterative() {
        int n = 200;
        io.krylovforge.core.linalg.CooBuilder c = new io.krylovforge.core.linalg.CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            c.add(i, i, i % 2 == 0 ? 3.0 : -3.0);
            if (i > 0) {
                c.add(i, i - 1, 1.0);
                c.add(i - 1, i, 1.0);
            }
        }
        CsrMatrix a = c.build();
        double[] b = a.multiply(DenseVector.ones(n).data());
        DenseVector x = DenseVector.zeros(n);
        SolveResult r = solve(new AutoSolver(SolverParameters.defaults(), 0.0), a, b, x);
        assertTrue(r.converged(), r.summary());
        assertTrue(r.detail().contains("-> minres"), r.detail());
    }

    @Test
    void indefiniteMatrixWithPositiveDiagonalFallsFromCholeskyToLdlt() {
        // Symmetric, positive diagonal, but indefinite (eigenvalues 3 and -1): Cholesky's pivot fails.
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 2, 4}, new int[] {0, 1, 0, 1}, new double[] {1.0, 2.0, 2.0, 1.0});
        DenseVector x = DenseVector.zeros(2);
        SolveResult r = Solvers.create("auto").solve(a, DenseVector.wrap(new double[] {3.0, 3.0}), x,
                SolverOptions.defaults());
        assertTrue(r.converged(), r.summary());
        assertTrue(r.detail().contains("-> cholesky") && r.detail().contains("-> ldlt"), r.detail());
        assertEquals(1.0, x.data()[0], 1e-12);
        assertEquals(1.0, x.data()[1], 1e-12);
    }

    @Test
    void singularInconsistentSystemIsNotConvergedAndSaysWhy() {
        CsrMatrix a = CsrMatrix.of(3, 3, new int[] {0, 2, 4, 5}, new int[] {0, 1, 0, 1, 2},
                new double[] {1.0, 2.0, 2.0, 4.0, 1.0});
        DenseVector x = DenseVector.zeros(3);
        SolveResult r = Solvers.create("auto").solve(a, DenseVector.wrap(new double[] {1.0, 0.0, 1.0}), x,
                SolverOptions.defaults());
        assertFalse(r.converged(), r.summary());
        assertTrue(r.detail().contains("column"), r.detail());
    }
}
