package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.LanczosEstimator;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicPreconditionersTest {

    private static final List<String> SPD_PRECONDITIONERS = List.of("jacobi", "block-jacobi", "ssor",
            "chebyshev", "ic0", "amg");

    @Test
    void everySymmetricPreconditionerKeepsCgConvergentAndCutsIterations() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(24), 7L);
        double[] b = a.multiply(TestMatrices.random(a.rows(), 3L));
        double[] x0 = new double[a.rows()];
        SolveResult plain = TestMatrices.pcg(a, b, x0, null, 1e-8);
        assertEquals(StopReason.CONVERGED_RTOL, plain.reason());
        for (String name : SPD_PRECONDITIONERS) {
            Preconditioner m = Preconditioners.create(name);
            assertTrue(m.isSymmetric(), name);
            double[] x = new double[a.rows()];
            SolveResult res = TestMatrices.pcg(a, b, x, m, 1e-8);
            assertEquals(StopReason.CONVERGED_RTOL, res.reason(), name + ": " + res.summary());
            assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8, name);
            assertTrue(res.iterations() < plain.iterations(),
                    name + " took " + res.iterations() + " vs CG " + plain.iterations());
        }
    }

    @Test
    void symmetricPreconditionersAreSymmetricOperators() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(12), 11L);
        double[] u = TestMatrices.random(a.rows(), 1L);
        double[] v = TestMatrices.random(a.rows(), 2L);
        for (String name : SPD_PRECONDITIONERS) {
            Preconditioner m = Preconditioners.create(name);
            m.setUp(a);
            double[] mu = TestMatrices.apply(m, u);
            double[] mv = TestMatrices.apply(m, v);
            double vMu = dot(v, mu);
            double uMv = dot(u, mv);
            assertEquals(vMu, uMv, 1e-10 * Math.abs(vMu), name + " M^-1 not symmetric");
            assertTrue(dot(u, mu) > 0.0, name + " M^-1 not positive");
        }
    }

    @Test
    void blockJacobiWithOneBlockIsAnExactSolve() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(6, 20.0);
        BlockJacobi m = new BlockJacobi(a.rows());
        m.setUp(a);
        double[] b = TestMatrices.random(a.rows(), 5L);
        double[] x = TestMatrices.apply(m, b);
        assertTrue(TestMatrices.relativeResidual(a, b, x) < 1e-13);
    }

    @Test
    void blockJacobiWithBlockSizeOneIsJacobi() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(7), 2L);
        BlockJacobi block = new BlockJacobi(1);
        PointJacobi jacobi = new PointJacobi();
        block.setUp(a);
        jacobi.setUp(a);
        double[] r = TestMatrices.random(a.rows(), 3L);
        double[] zb = TestMatrices.apply(block, r);
        double[] zj = TestMatrices.apply(jacobi, r);
        for (int i = 0; i < r.length; i++) {
            assertEquals(zj[i], zb[i], 1e-15 * Math.abs(zj[i]));
        }
        // block size 3 on a matrix of 49 rows: last block has one row; M^-1 M = I blockwise
        BlockJacobi b3 = new BlockJacobi(3);
        b3.setUp(a);
        double[] z = TestMatrices.apply(b3, r);
        double[][] d = a.toDense();
        for (int blk = 0; blk < 49; blk += 3) {
            for (int i = blk; i < Math.min(blk + 3, 49); i++) {
                double s = 0.0;
                for (int j = blk; j < Math.min(blk + 3, 49); j++) {
                    s += d[i][j] * z[j];
                }
                assertEquals(r[i], s, 1e-12, "block row " + i);
            }
        }
    }

    @Test
    void ssorWithOmegaOneIsSymmetricGaussSeidel() {
        CsrMatrix a = TestMatrices.laplace2d(5);
        SymmetricSor m = new SymmetricSor(1.0);
        m.setUp(a);
        double[] r = TestMatrices.random(a.rows(), 9L);
        double[] z = TestMatrices.apply(m, r);
        // symmetric Gauss-Seidel from zero: forward sweep then backward sweep
        double[][] d = a.toDense();
        int n = a.rows();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double s = r[i];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    s -= d[i][j] * x[j];
                }
            }
            x[i] = s / d[i][i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = r[i];
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    s -= d[i][j] * x[j];
                }
            }
            x[i] = s / d[i][i];
        }
        for (int i = 0; i < n; i++) {
            assertEquals(x[i], z[i], 1e-13);
        }
    }

    @Test
    void chebyshevBoundsEncloseTheSpectrumTop() {
        CsrMatrix a = TestMatrices.laplace2d(16);
        ChebyshevPolynomial m = new ChebyshevPolynomial(4);
        m.setUp(a);
        // D^-1 A = A/4 for the 5-point Laplacian: eigenvalues 1 - (cos(pi i h) + cos(pi j h))/2
        double h = 1.0 / 17.0;
        double lmax = 1.0 + Math.cos(Math.PI * h);
        double lmin = 1.0 - Math.cos(Math.PI * h);
        double[] bounds = m.bounds();
        assertTrue(bounds[1] >= lmax && bounds[1] <= 1.1 * lmax + 1e-12, "upper " + bounds[1]);
        assertTrue(bounds[0] >= lmin * (1 - 1e-9) && bounds[0] < bounds[1], "lower " + bounds[0]);
        PointJacobi d = new PointJacobi();
        d.setUp(a);
        LanczosEstimator.Bounds ev = new LanczosEstimator(40, 1L).estimate(a, d, DenseVector.zeros(a.rows()));
        assertEquals(lmax, ev.max(), 1e-6); // the D^-1 A estimate the Chebyshev preconditioner relies on
    }

    @Test
    void zeroDiagonalNamesTheRow() {
        CsrMatrix a = CsrMatrix.of(3, 3, new int[] {0, 1, 3, 4}, new int[] {0, 1, 2, 2},
                new double[] {2.0, 0.0, 1.0, 3.0});
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> new PointJacobi().setUp(a));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(PreconditionerFailedException.class, () -> new SymmetricSor(1.2).setUp(a));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        // CG maps the failure to a stop reason instead of producing NaN
        double[] x = new double[3];
        SolveResult res = TestMatrices.pcg(a, new double[] {1, 1, 1}, x, new PointJacobi(), 1e-8);
        assertEquals(StopReason.DIVERGED_PRECONDITIONER_FAILED, res.reason());
        for (double v : x) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void matrixFreeOperatorsAndBadArgumentsAreRejectedClearly() {
        LinearOperator identity = new LinearOperator() {
            @Override
            public int rows() {
                return 4;
            }

            @Override
            public int cols() {
                return 4;
            }

            @Override
            public void apply(Vector x, Vector y) {
                y.copyFrom(x);
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PointJacobi().setUp(identity));
        assertTrue(e.getMessage().contains("CsrMatrix"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SymmetricSor(2.0));
        assertThrows(IllegalArgumentException.class, () -> new BlockJacobi(0));
        assertThrows(IllegalArgumentException.class, () -> new ChebyshevPolynomial(0));
        PointJacobi m = new PointJacobi();
        assertThrows(IllegalStateException.class,
                () -> m.apply(DenseVector.zeros(4), DenseVector.zeros(4)));
        m.setUp(TestMatrices.laplace2d(2));
        assertThrows(IllegalArgumentException.class,
                () -> m.apply(DenseVector.zeros(3), DenseVector.zeros(4)));
    }

    @Test
    void registryCreatesEveryNameAndRejectsUnknownOnes() {
        CsrMatrix a = TestMatrices.laplace2d(8);
        for (String name : Preconditioners.names()) {
            Preconditioner m = Preconditioners.create(name);
            m.setUp(a);
            double[] z = TestMatrices.apply(m, TestMatrices.random(a.rows(), 4L));
            for (double v : z) {
                assertTrue(Double.isFinite(v), name);
            }
            if (!name.equals("none")) {
                assertEquals(name, m.name());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Preconditioners.create("ilu2"));
        assertTrue(e.getMessage().contains("ilu2") && e.getMessage().contains("block-jacobi")
                && e.getMessage().contains("amg"), e.getMessage());
    }

    static double dot(double[] u, double[] v) {
        double s = 0.0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
