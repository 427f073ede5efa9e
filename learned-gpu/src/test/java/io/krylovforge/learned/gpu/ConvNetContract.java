package io.krylovforge.learned.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.DeviceTest;
import io.krylovforge.gpu.FaultyRuntime;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.CpuConvNet;
import io.krylovforge.learned.Dcdm;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.NetworkEvaluator;
import io.krylovforge.learned.NetworkEvaluators;
import io.krylovforge.learned.NeuralPreconditioner;
import io.krylovforge.learned.Weights;
import io.krylovforge.solvers.krylov.FlexibleGmres;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * DCDM network inference on a device against {@link ConvNet#forward} on the host (the oracle),
 * shared by the OpenCL and CUDA tests: every layer kind in 2D and 3D, odd grid sizes at the
 * pool/upsample, widths below, at and above the kernel's channel block, the bundled weights,
 * and DCDM solves whose directions come from the device. Subclasses open the backend once and
 * skip with the reason when there is no device.
 */
public abstract class ConvNetContract extends DeviceTest {
    /** max|device − cpu| / max|cpu|: the kernels differ from the CPU only in FMA rounding. */
    private static final double TOL = 1e-10;

    /** A seeded net with Glorot weights and random biases (the Keras init has zero biases). */
    static ConvNet randomNet(Architecture arch, long seed) {
        ConvNet net = new ConvNet(arch, seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        for (String t : net.tensorNames()) {
            if (t.endsWith(".b")) {
                int off = net.tensorOffset(t);
                for (int j = 0; j < net.tensorShape(t)[0]; j++) {
                    net.parameters()[off + j] = rnd.nextDouble(-0.2, 0.2);
                }
            }
        }
        return net;
    }

    private static double[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return v;
    }

    private static double relDiff(double[] expected, double[] actual) {
        double d = 0.0;
        double s = 0.0;
        for (int i = 0; i < expected.length; i++) {
            d = Math.max(d, Math.abs(expected[i] - actual[i]));
            s = Math.max(s, Math.abs(expected[i]));
        }
        return s == 0.0 ? d : d / s;
    }

    /** Device forward vs CPU forward on one grid, through the host-array and device-vector paths. */
    private void assertMatchesCpu(ConvNet net, Grid g, long seed) {
        double[] in = random(g.size(), seed);
        double[] expected = new double[g.size()];
        new CpuConvNet(net, g).apply(in, expected);
        double[] got = new double[g.size()];
        try (NetworkEvaluator dev = NetworkEvaluators.convNet(backend(), net, g)) {
            dev.apply(in, got);
            double e = relDiff(expected, got);
            assertTrue(e <= TOL, g + ": relative difference " + e);
            Vector vin = backend().of(in);
            Vector vout = backend().zeros(g.size());
            dev.apply(vin, vout); // stays on the device
            double ev = relDiff(expected, vout.toArray());
            assertTrue(ev <= TOL, g + " (device vectors): relative difference " + ev);
            dev.apply(in, got); // buffers are reused: the same input gives the same output again
            assertEquals(e, relDiff(expected, got), 0.0, g + ": a second evaluation differs");
        }
    }

    @Test
    void forward2dMatchesCpuOnOddGrids() {
        Architecture arch = Architecture.cpuDefault(2, 8, 8, 1);
        ConvNet net = randomNet(arch, 11);
        int[][] grids = {{1, 1}, {2, 3}, {7, 5}, {16, 16}, {33, 17}, {64, 31}};
        for (int[] d : grids) {
            assertMatchesCpu(net, new Grid(d[0], d[1], 1), d[0] * 100L + d[1]);
        }
    }

    @Test
    void forward3dMatchesCpuOnOddGrids() {
        Architecture arch = Architecture.cpuDefault(3, 8, 8, 8);
        ConvNet net = randomNet(arch, 12);
        int[][] grids = {{1, 1, 2}, {3, 2, 5}, {7, 6, 5}, {16, 16, 16}, {9, 11, 13}};
        for (int[] d : grids) {
            assertMatchesCpu(net, new Grid(d[0], d[1], d[2]), d[0] * 10000L + d[1] * 100L + d[2]);
        }
    }

    @Test
    void widthsAroundTheChannelBlockAndDeeperNets() {
        // 5 and 20 channels: a partial block and two blocks of 16; paper's N = 64 shape (2, 3, 2)
        assertMatchesCpu(randomNet(Architecture.dcdm(2, 5, 1, 1, 1, 8, 8, 1), 13), new Grid(13, 9, 1), 1);
        assertMatchesCpu(randomNet(Architecture.dcdm(2, 20, 1, 1, 1, 8, 8, 1), 14), new Grid(12, 11, 1), 2);
        assertMatchesCpu(randomNet(Architecture.dcdm(3, 20, 0, 1, 0, 8, 8, 8), 15), new Grid(5, 6, 7), 3);
        assertMatchesCpu(randomNet(Architecture.dcdm(3, 16, 2, 3, 2, 8, 8, 8), 16), new Grid(10, 9, 11), 4);
    }

    @Test
    void bundledWeightsMatchCpu() {
        ConvNet net = Weights.readResource(Dcdm.POISSON_2D_WEIGHTS);
        assertMatchesCpu(net, Grid.square(32), 21);
        assertMatchesCpu(net, new Grid(45, 37, 1), 22);
    }

    /** DCDM with the bundled weights: device directions give CPU's iterations (±1) and the tolerance. */
    @Test
    void dcdmSolveWithDeviceNetworkMatchesCpu() {
        int n = 48;
        Grid g = Grid.square(n);
        CsrMatrix a = Stencils.laplacian2d(n, n);
        double[] b = random(n * n, 31);
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-4).withMaxIterations(400);
        ConvNet net = Weights.readResource(Dcdm.POISSON_2D_WEIGHTS);
        double[] xc = new double[n * n];
        SolveResult cpu = new Dcdm(net, g).solve(a, DenseVector.wrap(b), DenseVector.wrap(xc), opts);
        assertEquals(StopReason.CONVERGED_RTOL, cpu.reason());
        try (NetworkEvaluator dev = NetworkEvaluators.convNet(backend(), net, g)) {
            // host vectors and operator, network on the device
            double[] xh = new double[n * n];
            SolveResult host = new Dcdm(dev).solve(a, DenseVector.wrap(b), DenseVector.wrap(xh), opts);
            assertEquals(StopReason.CONVERGED_RTOL, host.reason());
            assertEquals(cpu.iterations(), host.iterations(), 1.0);
            assertTrue(relativeResidual(a, b, xh) <= 1e-4);
            // everything on the device: operator, vectors and network
            LinearOperator da = backend().upload(a);
            Vector db = backend().of(b);
            Vector dx = backend().zeros(n * n);
            SolveResult onDevice = new Dcdm(dev).solve(da, db, dx, opts);
            assertEquals(StopReason.CONVERGED_RTOL, onDevice.reason());
            assertEquals(cpu.iterations(), onDevice.iterations(), 1.0);
            assertTrue(relativeResidual(a, b, dx.toArray()) <= 1e-4);
        }
    }

    /** The network as a flexible preconditioner, everything on the device: FGMRES as on the CPU (±1). */
    @Test
    void neuralPreconditionerOnDeviceMatchesCpu() {
        int n = 32;
        Grid g = Grid.square(n);
        CsrMatrix a = Stencils.laplacian2d(n, n);
        double[] b = random(n * n, 61);
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-6).withMaxIterations(200);
        ConvNet net = Weights.readResource(Dcdm.POISSON_2D_WEIGHTS);
        SolveResult cpu = new FlexibleGmres(30).solve(a, DenseVector.wrap(b), DenseVector.zeros(n * n),
                opts.withPreconditioner(new NeuralPreconditioner(net, g)));
        assertEquals(StopReason.CONVERGED_RTOL, cpu.reason());
        try (NetworkEvaluator dev = NetworkEvaluators.convNet(backend(), net, g)) {
            Vector dx = backend().zeros(n * n);
            SolveResult d = new FlexibleGmres(30).solve(backend().upload(a), backend().of(b), dx,
                    opts.withPreconditioner(new NeuralPreconditioner(dev)));
            assertEquals(StopReason.CONVERGED_RTOL, d.reason());
            assertEquals(cpu.iterations(), d.iterations(), 1.0);
            assertTrue(relativeResidual(a, b, dx.toArray()) <= 1e-6);
        }
    }

    /** An untrained 3D net: the device follows the CPU's residual history step by step. */
    @Test
    void dcdm3dResidualHistoryFollowsCpu() {
        Grid g = new Grid(9, 8, 7);
        CsrMatrix a = Stencils.laplacian3d(9, 8, 7);
        double[] b = random(g.size(), 41);
        SolverOptions opts = SolverOptions.defaults().withRtol(1e-4).withMaxIterations(8);
        ConvNet net = randomNet(Architecture.cpuDefault(3, 8, 8, 8), 42);
        SolveResult cpu = new Dcdm(net, g).solve(a, DenseVector.wrap(b), DenseVector.zeros(g.size()), opts);
        try (NetworkEvaluator dev = NetworkEvaluators.convNet(backend(), net, g)) {
            SolveResult d = new Dcdm(dev).solve(backend().upload(a), backend().of(b), backend().zeros(g.size()), opts);
            assertEquals(cpu.reason(), d.reason());
            assertEquals(cpu.iterations(), d.iterations());
            double[] hc = cpu.history();
            double[] hd = d.history();
            assertEquals(hc.length, hd.length);
            for (int k = 0; k < hc.length; k++) {
                assertEquals(hc[k], hd[k], 1e-8 * hc[0], "residual at k=" + k);
            }
        }
    }

    @Test
    void mismatchedGridAndClosedNetAreClearErrors() {
        ConvNet net2d = randomNet(Architecture.cpuDefault(2, 8, 8, 1), 51);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkEvaluators.convNet(backend(), net2d, Grid.cube(4)));
        assertTrue(e.getMessage().contains("2D network"), e.getMessage());
        NetworkEvaluator dev = NetworkEvaluators.convNet(backend(), net2d, Grid.square(8));
        assertThrows(IllegalArgumentException.class, () -> dev.apply(new double[63], new double[64]));
        dev.close();
        dev.close(); // idempotent
        IllegalStateException closed = assertThrows(IllegalStateException.class,
                () -> dev.apply(new double[64], new double[64]));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    private static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = new double[b.length];
        a.apply(x, ax);
        double rr = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(rr / bb);
    }

    @Test
    void everyFailedSetUpStepReleasesWhatWasMade() {
        ConvNet net = randomNet(Architecture.cpuDefault(2, 8, 8, 1), 61);
        Grid g = new Grid(9, 7, 1);
        FaultyRuntime faulty = new FaultyRuntime(backend().runtime());
        KernelBackend dev = new KernelBackend(faulty);
        int before = faulty.live();
        faulty.failAt(0);
        new DeviceConvNet(dev, net, g).close();
        int steps = faulty.calls(); // parameters, activation buffers, one kernel per layer
        assertEquals(before, faulty.live());
        for (int k = 1; k <= steps; k++) {
            faulty.failAt(k);
            assertThrows(DeviceOutOfMemoryException.class, () -> new DeviceConvNet(dev, net, g));
            assertEquals(before, faulty.live(), "left after a failure at step " + k + " of " + steps);
        }
    }
}
