package io.krylovforge.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.CpuBackend;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.linalg.VectorKernels;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.solvers.krylov.BiCgStab;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.Gmres;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Kernels and solves on a device backend against the CPU backend (the oracle), shared by the
 * OpenCL and CUDA tests. Subclasses open the backend once and skip with the reason when there is
 * no device. Tolerances are 1e-12 relative to the sum of absolute terms, the scale of the
 * rounding error of any summation order.
 */
public abstract class DeviceBackendContract extends DeviceTest {
    /** Sizes around work-group boundaries, odd sizes and one large size. */
    protected static final int[] SIZES = {0, 1, 2, 7, 255, 256, 257, 1023, 4099, 100_003, 1_000_001};
    private static final double TOL = 1e-12;

    private static double[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    private static void assertClose(double expected, double actual, double scale, String what) {
        assertTrue(Math.abs(expected - actual) <= TOL * scale + Double.MIN_NORMAL,
                what + ": expected " + expected + " got " + actual + " (scale " + scale + ")");
    }

    @Test
    void uploadDownloadRoundTripsAndZerosAreZero() {
        for (int n : SIZES) {
            double[] a = random(n, 1 + n);
            Vector v = backend().of(a);
            assertEquals(n, v.size());
            assertEquals(backend().name(), v.backend().name());
            assertArrayEquals(a, v.toArray(), "n=" + n);
            assertArrayEquals(new double[n], backend().zeros(n).toArray(), "zeros n=" + n);
            Vector c = v.copy();
            v.fill(2.5);
            assertArrayEquals(a, c.toArray(), "copy is independent, n=" + n);
            double[] filled = new double[n];
            java.util.Arrays.fill(filled, 2.5);
            assertArrayEquals(filled, v.toArray());
            c.setFrom(filled);
            assertArrayEquals(filled, c.toArray());
        }
    }

    @Test
    void dotAndNormMatchCpu() {
        for (int n : SIZES) {
            double[] x = random(n, 10 + n);
            double[] y = random(n, 20 + n);
            double scale = 0.0;
            for (int i = 0; i < n; i++) {
                scale += Math.abs(x[i] * y[i]);
            }
            Vector dx = backend().of(x);
            Vector dy = backend().of(y);
            double d = dx.dot(dy);
            assertClose(VectorKernels.dot(x, y), d, scale, "dot n=" + n);
            assertEquals(d, dx.dot(dy), 0.0, "dot is deterministic, n=" + n);
            assertClose(VectorKernels.norm2(x), dx.norm2(), VectorKernels.norm2(x), "norm2 n=" + n);
        }
    }

    @Test
    void axpyAxpbyScaleCopyMatchCpu() {
        for (int n : SIZES) {
            double[] x = random(n, 30 + n);
            double[] y = random(n, 40 + n);
            double a = 0.75;
            double b = -1.25;
            Vector dx = backend().of(x);
            Vector dy = backend().of(y);

            double[] expect = y.clone();
            VectorKernels.axpy(a, x, expect);
            dy.axpy(a, dx); // y <- y + a x
            assertElementwise(expect, dy.toArray(), x, y, a, 1.0, "axpy n=" + n);

            dy.setFrom(y);
            expect = y.clone();
            VectorKernels.axpby(a, x, b, expect);
            dy.axpby(a, dx, b); // y <- a x + b y
            assertElementwise(expect, dy.toArray(), x, y, a, b, "axpby n=" + n);

            dy.setFrom(y);
            dy.scale(b);
            expect = y.clone();
            VectorKernels.scale(b, expect);
            assertArrayEquals(expect, dy.toArray(), "scale n=" + n);

            dy.copyFrom(dx);
            assertArrayEquals(x, dy.toArray(), "copyFrom n=" + n);
            assertArrayEquals(x, dx.toArray(), "x unchanged n=" + n);
        }
    }

    private static void assertElementwise(double[] expect, double[] actual, double[] x, double[] y,
            double a, double b, String what) {
        for (int i = 0; i < expect.length; i++) {
            double scale = Math.abs(a * x[i]) + Math.abs(b * y[i]);
            assertClose(expect[i], actual[i], scale, what + " at " + i);
        }
    }

    @Test
    void fusedCgUpdateMatchesCpu() {
        for (int n : SIZES) {
            double[] p = random(n, 50 + n);
            double[] q = random(n, 60 + n);
            double[] x = random(n, 70 + n);
            double[] r = random(n, 80 + n);
            double alpha = 0.3;
            double[] xc = x.clone();
            double[] rc = r.clone();
            double rr = CpuBackend.INSTANCE.cgUpdate(alpha, DenseVector.wrap(p), DenseVector.wrap(q),
                    DenseVector.wrap(xc), DenseVector.wrap(rc));
            Vector dx = backend().of(x);
            Vector dr = backend().of(r);
            double drr = backend().cgUpdate(alpha, backend().of(p), backend().of(q), dx, dr);
            assertClose(rr, drr, rr, "r'r n=" + n);
            assertElementwise(xc, dx.toArray(), p, x, alpha, 1.0, "x n=" + n);
            assertElementwise(rc, dr.toArray(), q, r, alpha, 1.0, "r n=" + n);
        }
    }

    @Test
    void foreignAndMismatchedVectorsAreRejected() {
        Vector d = backend().zeros(5);
        DenseVector host = DenseVector.zeros(5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.dot(host));
        assertTrue(e.getMessage().contains("cpu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.axpy(1.0, host));
        assertThrows(DimensionMismatchException.class, () -> d.axpy(1.0, backend().zeros(6)));
        assertThrows(DimensionMismatchException.class, () -> d.setFrom(new double[4]));
    }

    /** A random matrix with empty rows and long rows (up to 200 entries), seeded. */
    protected static CsrMatrix irregular(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        CooBuilder coo = new CooBuilder(n, n, 40 * n);
        for (int i = 0; i < n; i++) {
            int len = i % 11 == 0 ? 0 : (i % 7 == 0 ? rnd.nextInt(200) : rnd.nextInt(1, 9));
            for (int k = 0; k < len; k++) {
                coo.add(i, rnd.nextInt(n), rnd.nextDouble(-1.0, 1.0));
            }
        }
        return coo.build();
    }

    @Test
    void spmvMatchesCpuForBothKernels() {
        CsrMatrix[] matrices = {
            Stencils.laplacian2d(1, 1), Stencils.laplacian2d(13, 5), Stencils.laplacian2d(300, 301),
            Stencils.convectionDiffusion2d(37, 41, 2.0), irregular(1, 3), irregular(2049, 4),
            CsrMatrix.identity(0),
        };
        for (CsrMatrix a : matrices) {
            double[] x = random(a.cols(), a.rows());
            double[] expect = new double[a.rows()];
            a.multiply(x, expect);
            double[] scale = absProduct(a, x);
            for (SpmvKernel kernel : SpmvKernel.values()) {
                LinearOperator da = backend().upload(a, kernel);
                Vector dy = backend().zeros(a.rows());
                dy.fill(7.0); // must be overwritten, not accumulated into
                da.apply(backend().of(x), dy);
                double[] got = dy.toArray();
                for (int i = 0; i < got.length; i++) {
                    assertClose(expect[i], got[i], scale[i], kernel + " " + a.rows() + " row " + i);
                }
            }
        }
    }

    private static double[] absProduct(CsrMatrix a, double[] x) {
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        double[] s = new double[a.rows()];
        for (int i = 0; i < s.length; i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                s[i] += Math.abs(val[k] * x[col[k]]);
            }
        }
        return s;
    }

    @Test
    void matrixFreeLaplacianMatchesCsr() {
        int[][] grids = {{1, 1}, {1, 7}, {7, 1}, {13, 5}, {300, 301}};
        for (int[] g : grids) {
            CsrMatrix a = Stencils.laplacian2d(g[0], g[1]);
            double[] x = random(a.cols(), 99);
            double[] expect = new double[a.rows()];
            a.multiply(x, expect);
            double[] scale = absProduct(a, x);
            LinearOperator op = backend().laplacian2d(g[0], g[1]);
            assertEquals(a.rows(), op.rows());
            Vector dy = backend().zeros(a.rows());
            op.apply(backend().of(x), dy);
            double[] got = dy.toArray();
            for (int i = 0; i < got.length; i++) {
                assertClose(expect[i], got[i], scale[i], g[0] + "x" + g[1] + " row " + i);
            }
        }
    }

    /** Solves on the device, then checks ‖b − A x‖/‖b‖ on the host with the CSR matrix. */
    private void solveOnDevice(IterativeSolver solver, CsrMatrix a, LinearOperator device, double rtol) {
        double[] b = new double[a.rows()];
        a.multiply(DenseVector.ones(a.cols()).data(), b); // b = A 1
        Vector db = backend().of(b);
        Vector dx = backend().zeros(a.rows());
        SolveResult res = solver.solve(device, db, dx,
                SolverOptions.defaults().withRtol(rtol).withMaxIterations(2000));
        assertTrue(res.converged(), solver.name() + ": " + res.reason());
        assertEquals(StopReason.CONVERGED_RTOL, res.reason());
        assertArrayEquals(b, db.toArray(), "b unchanged");
        double[] x = dx.toArray();
        double[] ax = new double[a.rows()];
        a.multiply(x, ax);
        double rn = 0.0;
        for (int i = 0; i < ax.length; i++) {
            rn += (b[i] - ax[i]) * (b[i] - ax[i]);
        }
        double rel = Math.sqrt(rn) / VectorKernels.norm2(b);
        assertTrue(rel <= rtol, solver.name() + " true relative residual " + rel);

        // the same solver on the CPU takes about as many iterations (rounding differs)
        DenseVector hx = DenseVector.zeros(a.rows());
        SolveResult cpu = solver.solve(a, DenseVector.wrap(b), hx,
                SolverOptions.defaults().withRtol(rtol).withMaxIterations(2000));
        assertTrue(Math.abs(cpu.iterations() - res.iterations()) <= 3,
                solver.name() + " device " + res.iterations() + " vs cpu " + cpu.iterations() + " iterations");
    }

    @Test
    void conjugateGradientConvergesOnDeviceLaplacian() {
        CsrMatrix a = Stencils.laplacian2d(64, 64);
        solveOnDevice(new ConjugateGradient(), a, backend().upload(a), 1e-8);
        solveOnDevice(new ConjugateGradient(), a, backend().laplacian2d(64, 64), 1e-8);
    }

    @Test
    void biCgStabAndGmresConvergeOnDeviceConvectionDiffusion() {
        CsrMatrix a = Stencils.convectionDiffusion2d(48, 48, 1.0);
        solveOnDevice(new BiCgStab(), a, backend().upload(a), 1e-8);
        solveOnDevice(new Gmres(30), a, backend().upload(a), 1e-8);
        CsrMatrix l = Stencils.laplacian2d(40, 40);
        solveOnDevice(new Gmres(30), l, backend().laplacian2d(40, 40), 1e-8);
    }

    @Test
    void zeroRightHandSideGivesZeroSolution() {
        CsrMatrix a = Stencils.laplacian2d(9, 9);
        Vector x = backend().of(random(81, 5));
        SolveResult res = new ConjugateGradient().solve(backend().upload(a), backend().zeros(81), x,
                SolverOptions.defaults());
        assertEquals(StopReason.CONVERGED_ZERO_RHS, res.reason());
        assertArrayEquals(new double[81], x.toArray());
    }

    @Test
    void pointwiseMultiplyMatchesCpu() {
        for (int n : SIZES) {
            double[] d = random(n, 90 + n);
            double[] x = random(n, 91 + n);
            Vector dz = backend().zeros(n);
            backend().pointwiseMultiply(backend().of(d), backend().of(x), dz);
            double[] z = dz.toArray();
            for (int i = 0; i < n; i++) {
                assertEquals(d[i] * x[i], z[i], 0.0, "n=" + n + " at " + i); // one rounding, exact
            }
        }
    }

    /** The 2D Laplacian plus a seeded positive diagonal from 0 to 200: SPD, badly scaled. */
    private static CsrMatrix scaledLaplacian(int m, long seed) {
        CsrMatrix l = Stencils.laplacian2d(m, m);
        int[] ptr = l.rowPtr();
        int[] col = l.colIdx();
        double[] val = l.values();
        SplittableRandom rnd = new SplittableRandom(seed);
        CooBuilder coo = new CooBuilder(l.rows(), l.cols(), val.length + l.rows());
        for (int i = 0; i < l.rows(); i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                coo.add(i, col[k], val[k]);
            }
            coo.add(i, i, 200.0 * rnd.nextDouble() * rnd.nextDouble());
        }
        return coo.build();
    }

    @Test
    void jacobiPreconditionedCgOnDeviceMatchesHostJacobi() {
        CsrMatrix a = scaledLaplacian(48, 7);
        double[] b = new double[a.rows()];
        a.multiply(DenseVector.ones(a.cols()).data(), b);
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(2000);

        Vector dx = backend().zeros(a.rows());
        SolveResult dev = new ConjugateGradient().solve(backend().upload(a), backend().of(b), dx,
                opts.withPreconditioner(new DeviceJacobi(backend())));
        assertEquals(StopReason.CONVERGED_RTOL, dev.reason());
        double[] ax = new double[a.rows()];
        a.multiply(dx.toArray(), ax);
        double rn = 0.0;
        for (int i = 0; i < ax.length; i++) {
            rn += (b[i] - ax[i]) * (b[i] - ax[i]);
        }
        assertTrue(Math.sqrt(rn) / VectorKernels.norm2(b) <= 1e-8);

        DenseVector hx = DenseVector.zeros(a.rows());
        SolveResult host = new ConjugateGradient().solve(a, DenseVector.wrap(b), hx,
                opts.withPreconditioner(new DeviceJacobi(Devices.backend("cpu").backend())));
        SolveResult plain = new ConjugateGradient().solve(a, DenseVector.wrap(b), DenseVector.zeros(a.rows()), opts);
        assertTrue(Math.abs(host.iterations() - dev.iterations()) <= 3,
                "device " + dev.iterations() + " vs host " + host.iterations());
        assertTrue(dev.iterations() < plain.iterations(),
                "jacobi " + dev.iterations() + " vs none " + plain.iterations());

        // matrix-free Laplacian: constant diagonal, Jacobi is a scaling and CG takes as long
        SolveResult mf = new ConjugateGradient().solve(backend().laplacian2d(20, 20),
                backend().of(new double[400]), backend().zeros(400), opts.withPreconditioner(new DeviceJacobi(backend())));
        assertEquals(StopReason.CONVERGED_ZERO_RHS, mf.reason());
    }

    @Test
    void jacobiWithAZeroDiagonalFailsCleanly() {
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {1, 0}, new double[] {1.0, 1.0});
        SolveResult r = new ConjugateGradient().solve(backend().upload(a), backend().of(new double[] {1, 1}),
                backend().zeros(2), SolverOptions.defaults().withPreconditioner(new DeviceJacobi(backend())));
        assertEquals(StopReason.DIVERGED_PRECONDITIONER_FAILED, r.reason());
    }
}
