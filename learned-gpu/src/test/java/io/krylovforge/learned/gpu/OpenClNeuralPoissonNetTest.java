package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceExtension;
import io.krylovforge.gpu.KernelBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Neural Poisson step inference on the first OpenCL GPU with fp64, else the first OpenCL device with
 * fp64 (PoCL on build machines and CI); {@code -Dkrylovforge.opencl=P:D} picks one. Skipped with
 * the reason when there is none.
 */
class OpenClNeuralPoissonNetTest extends NeuralPoissonContract {
    @RegisterExtension
    static final DeviceExtension<KernelBackend> DEVICE = DeviceExtension.opencl();

    @Override
    protected DeviceBackend backend() {
        return DEVICE.backend();
    }
}
