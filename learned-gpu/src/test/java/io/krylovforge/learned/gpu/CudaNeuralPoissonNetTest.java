package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The neural Poisson step on CUDA device 0; skipped with the reason (no driver, no device) elsewhere.
 */
@ExtendWith(DeviceExtension.Cuda.class)
class CudaNeuralPoissonNetTest extends NeuralPoissonContract {
}
