package io.krylovforge.learned;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.learned.poisson.CpuNeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;
import java.util.ServiceLoader;

/**
 * Builds a network's evaluator for the backend its solver runs on: the host classes for the cpu,
 * and for a device whatever {@link Provider} (found by {@link ServiceLoader}; module
 * {@code learned-gpu} has one) supports it. Neither this module nor {@code gpu} names the other.
 */
public final class NetworkEvaluators {
    private NetworkEvaluators() {
    }

    /**
     * Device evaluators, registered in {@code META-INF/services/io.krylovforge.learned.NetworkEvaluators$Provider}.
     */
    public interface Provider {
        /** Whether this provider runs networks on {@code backend}'s vectors. */
        boolean supports(Backend backend);

        /** The DCDM network on {@code backend} for {@code grid}; the caller closes it. */
        NetworkEvaluator convNet(Backend backend, ConvNet net, Grid grid);

        /** The neural Poisson step's network on {@code backend}; the caller closes it. */
        NeuralPoissonEvaluator neuralPoisson(Backend backend, NeuralPoissonNet net);
    }

    /**
     * {@code net} on {@code grid}, evaluated where {@code backend} keeps its vectors.
     *
     * @throws BackendUnavailableException when no provider supports a non-cpu backend
     */
    public static NetworkEvaluator convNet(Backend backend, ConvNet net, Grid grid) {
        return "cpu".equals(backend.name()) ? new CpuConvNet(net, grid) : provider(backend).convNet(backend, net, grid);
    }

    /**
     * {@code net} evaluated where {@code backend} keeps its vectors.
     *
     * @throws BackendUnavailableException when no provider supports a non-cpu backend
     */
    public static NeuralPoissonEvaluator neuralPoisson(Backend backend, NeuralPoissonNet net) {
        return "cpu".equals(backend.name()) ? new CpuNeuralPoissonNet(net) : provider(backend).neuralPoisson(backend, net);
    }

    private static Provider provider(Backend backend) {
        for (Provider p : ServiceLoader.load(Provider.class, NetworkEvaluators.class.getClassLoader())) {
            if (p.supports(backend)) {
                return p;
            }
        }
        throw new BackendUnavailableException("no network evaluator for the " + backend.name()
                + " backend (module krylovforge-learned-gpu is not on the class path)");
    }
}
