package io.krylovforge.learned.gpu;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.gpu.KernelBackend;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.NetworkEvaluator;
import io.krylovforge.learned.NetworkEvaluators;
import io.krylovforge.learned.poisson.NeuralPoissonEvaluator;
import io.krylovforge.learned.poisson.NeuralPoissonNet;

/**
 * Registers the device evaluators with {@link NetworkEvaluators} (ServiceLoader): any
 * {@link KernelBackend}, CUDA or OpenCL, runs {@link DeviceConvNet} and {@link DeviceNeuralPoissonNet}.
 */
public final class DeviceNetworkProvider implements NetworkEvaluators.Provider {
    @Override
    public boolean supports(Backend backend) {
        return backend instanceof KernelBackend;
    }

    @Override
    public NetworkEvaluator convNet(Backend backend, ConvNet net, Grid grid) {
        return new DeviceConvNet((KernelBackend) backend, net, grid);
    }

    @Override
    public NeuralPoissonEvaluator neuralPoisson(Backend backend, NeuralPoissonNet net) {
        return new DeviceNeuralPoissonNet((KernelBackend) backend, net);
    }
}
