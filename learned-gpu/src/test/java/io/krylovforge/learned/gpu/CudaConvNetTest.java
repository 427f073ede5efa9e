package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DCDM network inference on CUDA device 0; skipped with the reason (no driver, no device) elsewhere.
 */
@ExtendWith(DeviceExtension.Cuda.class)
class CudaConvNetTest extends ConvNetContract {
}
