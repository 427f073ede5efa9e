package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.backend.CpuBackend;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.learned.poisson.CpuNeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import org.junit.jupiter.api.Test;

/** The cpu gets the host evaluators; a device without a provider on the class path is a clear error. */
class NetworkEvaluatorsTest {
    @Test
    void cpuBackendGetsTheHostEvaluatorsWithTheSameResults() {
        ConvNet net = Weights.readResource(Dcdm.POISSON_2D_WEIGHTS);
        Grid g = Grid.square(8);
        double[] in = new double[g.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = Math.sin(i);
        }
        double[] viaFactory = new double[g.size()];
        double[] direct = new double[g.size()];
        try (NetworkEvaluator f = NetworkEvaluators.convNet(CpuBackend.INSTANCE, net, g)) {
            assertInstanceOf(CpuConvNet.class, f);
            f.apply(in, viaFactory);
        }
        new CpuConvNet(net, g).apply(in, direct);
        assertArrayEquals(direct, viaFactory);
        assertInstanceOf(CpuNeuralPoissonNet.class,
                NetworkEvaluators.neuralPoisson(CpuBackend.INSTANCE, NeuralPoissonNet.classical(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(4))));
    }

    @Test
    void aDeviceWithoutAProviderIsAClearError() {
        Backend tpu = new Backend() {
            @Override
            public String name() {
                return "tpu";
            }

            @Override
            public Vector zeros(int n) {
                throw new UnsupportedOperationException("not needed here");
            }
        };
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> NetworkEvaluators.convNet(tpu, Weights.readResource(Dcdm.POISSON_2D_WEIGHTS), Grid.square(8)));
        assertTrue(e.getMessage().contains("tpu") && e.getMessage().contains("learned-gpu"), e.getMessage());
    }
}
