package io.krylovforge.learned.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceJacobi;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.DeviceTest;
import io.krylovforge.gpu.FaultyRuntime;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.learned.NetworkEvaluators;
import io.krylovforge.learned.poisson.CpuNeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonStep;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import io.krylovforge.learned.poisson.PoissonSamples;
import io.krylovforge.learned.poisson.TwoLevelSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The neural Poisson step's network on a device against {@link NeuralPoissonNet#forward} on the
 * host (the oracle), shared by the OpenCL and CUDA tests: the shipped weights and random weights
 * on held-out domains (seed 1000; training used seed 1), a change of system between predictions,
 * Jacobi-PCG warm-started from the device's prediction, and the error paths. Subclasses open the
 * backend once and skip with the reason when there is no device.
 */
public abstract class NeuralPoissonContract extends DeviceTest {
    /** max|device − cpu| / max|cpu|: the device differs only in FMA rounding, tanh and the RMS sum order. */
    private static final double TOL = 1e-10;
    private static final SolverOptions OPTS = SolverOptions.defaults().withRtol(1e-8).withMaxIterations(100_000);

    private static double relDiff(double[] expected, double[] actual) {
        double d = 0.0;
        double s = 0.0;
        for (int i = 0; i < expected.length; i++) {
            d = Math.max(d, Math.abs(expected[i] - actual[i]));
            s = Math.max(s, Math.abs(expected[i]));
        }
        return s == 0.0 ? d : d / s;
    }

    private static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double r = 0;
        double bb = 0;
        for (int i = 0; i < b.length; i++) {
            r += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(r / bb);
    }

    private void assertMatchesCpu(NeuralPoissonNet net, List<PoissonSamples.Sample> data) {
        try (NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), net)) {
            CpuNeuralPoissonNet cpu = new CpuNeuralPoissonNet(net);
            for (PoissonSamples.Sample s : data) {
                TwoLevelSystem sys = s.system();
                double[] expected = cpu.predict(sys);
                double[] got = dev.predict(sys);
                double d = relDiff(expected, got);
                assertTrue(d <= TOL, "n = " + sys.size() + ", coarse " + sys.coarseSize() + ": relative difference " + d);
                double[] again = new double[sys.size()];
                dev.predict(sys, again); // the same system: buffers reused, same launches
                assertArrayEquals(got, again, 0.0, "a second prediction for the same system differs");
            }
        }
    }

    @Test
    void shippedWeightsMatchCpuOnHeldOutDomains() {
        assertMatchesCpu(NeuralPoissonWeights.bundled(), PoissonSamples.generate(3, 0.05, 1000L));
    }

    @Test
    void shippedWeightsMatchCpuOnAFinerMesh() {
        assertMatchesCpu(NeuralPoissonWeights.bundled(), List.of(PoissonSamples.sample(0, 0.025, 1001L)));
    }

    @Test
    void randomAndUntrainedWeightsMatchCpu() {
        List<PoissonSamples.Sample> data = PoissonSamples.generate(2, 0.08, 2000L);
        assertMatchesCpu(NeuralPoissonNet.random(8, 16, 7L), data);
        assertMatchesCpu(NeuralPoissonNet.random(3, 5, 8L), data);
        assertMatchesCpu(NeuralPoissonNet.initial(2, 33, 9L), data);
        assertMatchesCpu(NeuralPoissonNet.classical(4, 16), data);
    }

    @Test
    void switchingSystemsRebindsTheBuffers() {
        List<PoissonSamples.Sample> data = PoissonSamples.generate(2, 0.1, 3000L);
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        CpuNeuralPoissonNet cpu = new CpuNeuralPoissonNet(net);
        try (NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), net)) {
            for (int k : new int[] {0, 1, 0, 0, 1}) {
                TwoLevelSystem sys = data.get(k).system();
                double d = relDiff(cpu.predict(sys), dev.predict(sys));
                assertTrue(d <= TOL, "system " + k + ": relative difference " + d);
            }
        }
    }

    @Test
    void warmStartFromTheDeviceTakesTheCpuIterations() {
        List<PoissonSamples.Sample> data = PoissonSamples.generate(2, 0.05, 1000L);
        for (NeuralPoissonNet net : new NeuralPoissonNet[] {NeuralPoissonWeights.bundled(),
                NeuralPoissonNet.initial(2, 16, 1L)}) {
            NeuralPoissonStep cpu = new NeuralPoissonStep(net);
            try (NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), net)) {
                NeuralPoissonStep step = new NeuralPoissonStep(dev);
                for (PoissonSamples.Sample s : data) {
                    CsrMatrix a = s.fem().a();
                    double[] b = s.fem().b();
                    DenseVector xc = DenseVector.zeros(b.length);
                    SolveResult rc = cpu.solve(a, b, xc, OPTS);
                    DenseVector xd = DenseVector.zeros(b.length);
                    SolveResult rd = step.solve(a, b, xd, OPTS);
                    assertTrue(rd.converged(), rd.toString());
                    assertTrue(Math.abs(rd.iterations() - rc.iterations()) <= 1,
                            "device warm start " + rd.iterations() + " vs cpu " + rc.iterations() + " iterations");
                    double res = relativeResidual(a, b, xd.toArray());
                    assertTrue(res <= 1.0001e-8, "true relative residual " + res);
                }
            }
        }
    }

    @Test
    void predictionIntoDeviceVectorsStaysOnTheDeviceAndWarmStartsDevicePcg() {
        PoissonSamples.Sample s = PoissonSamples.sample(2, 0.05, 1000L);
        TwoLevelSystem sys = s.system();
        CsrMatrix a = s.fem().a();
        double[] b = s.fem().b();
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        try (NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), net)) {
            double[] host = dev.predict(sys);
            io.krylovforge.core.linalg.Vector x = backend().zeros(b.length);
            dev.predict(sys, x);
            assertArrayEquals(host, x.toArray(), 0.0, "device vector vs host array");
            DenseVector hx = DenseVector.zeros(b.length);
            dev.predict(sys, hx); // a host vector: the array path
            assertArrayEquals(host, hx.toArray(), 0.0);
            // Jacobi-PCG with A, b, x0 and the preconditioner all on the device
            SolveResult warm = new io.krylovforge.solvers.krylov.ConjugateGradient().solve(backend().upload(a),
                    backend().of(b), x, OPTS.withNonzeroGuess(true).withPreconditioner(new DeviceJacobi(backend())));
            DenseVector xc = DenseVector.zeros(b.length);
            SolveResult cpu = new NeuralPoissonStep(net).solve(a, b, xc, OPTS);
            assertTrue(warm.converged(), warm.toString());
            assertTrue(Math.abs(warm.iterations() - cpu.iterations()) <= 1,
                    "device PCG from device û " + warm.iterations() + " vs cpu " + cpu.iterations());
            double res = relativeResidual(a, b, x.toArray());
            assertTrue(res <= 1.0001e-8, "true relative residual " + res);
            assertThrows(DimensionMismatchException.class, () -> dev.predict(sys, backend().zeros(b.length - 1)));
        }
    }

    @Test
    void wrongSizesAndClosedEvaluatorsAreRefused() {
        PoissonSamples.Sample s = PoissonSamples.sample(0, 0.1, 4000L);
        NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), NeuralPoissonNet.classical(2, 4));
        assertEquals(2, dev.net().blocks());
        DimensionMismatchException e = assertThrows(DimensionMismatchException.class,
                () -> dev.predict(s.system(), new double[s.system().size() + 1]));
        assertTrue(e.getMessage().contains("unknowns"), e.getMessage());
        dev.close();
        dev.close(); // idempotent
        IllegalStateException c = assertThrows(IllegalStateException.class, () -> dev.predict(s.system()));
        assertTrue(c.getMessage().contains("closed"), c.getMessage());
    }

    @Test
    void weightsAreCopiedAtConstruction() {
        PoissonSamples.Sample s = PoissonSamples.sample(1, 0.1, 4000L);
        NeuralPoissonNet net = NeuralPoissonNet.random(2, 8, 5L);
        NeuralPoissonNet before = net.copy();
        try (NeuralPoissonEvaluator dev = NetworkEvaluators.neuralPoisson(backend(), net)) {
            net.parameters()[0] += 1.0; // training after set-up is not seen by the device
            double d = relDiff(new CpuNeuralPoissonNet(before).predict(s.system()), dev.predict(s.system()));
            assertTrue(d <= TOL, "relative difference " + d);
        }
    }

    @Test
    void everyFailedSetUpOrUploadStepReleasesWhatWasMade() {
        NeuralPoissonNet net = NeuralPoissonWeights.bundled();
        TwoLevelSystem sys = PoissonSamples.sample(0, 0.1, 4000L).system();
        FaultyRuntime faulty = new FaultyRuntime(backend().runtime());
        KernelBackend dev = new KernelBackend(faulty);
        int before = faulty.live();
        faulty.failAt(0);
        DeviceNeuralPoissonNet ok = new DeviceNeuralPoissonNet(dev, net);
        ok.predict(sys);
        ok.close();
        int steps = faulty.calls(); // weights, kernels, then the system's arrays and work vectors
        assertEquals(before, faulty.live());
        for (int k = 1; k <= steps; k++) {
            faulty.failAt(k);
            assertThrows(DeviceOutOfMemoryException.class, () -> {
                try (DeviceNeuralPoissonNet f = new DeviceNeuralPoissonNet(dev, net)) {
                    f.predict(sys);
                }
            });
            assertEquals(before, faulty.live(), "left after a failure at step " + k + " of " + steps);
        }
    }
}
