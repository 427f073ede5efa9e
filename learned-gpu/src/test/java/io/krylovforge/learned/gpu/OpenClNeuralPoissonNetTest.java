package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The neural Poisson step on the first OpenCL GPU with fp64, else the first OpenCL device with
 * fp64 (PoCL on build machines and CI); skipped with the reason when there is none.
 */
@ExtendWith(DeviceExtension.OpenCl.class)
class OpenClNeuralPoissonNetTest extends NeuralPoissonContract {
}
