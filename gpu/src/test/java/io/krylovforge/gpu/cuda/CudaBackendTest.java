package io.krylovforge.gpu.cuda;

import io.krylovforge.gpu.DeviceBackendContract;
import io.krylovforge.gpu.DeviceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The device contract on CUDA device 0; skipped with the reason (no driver, no device) elsewhere. */
@ExtendWith(DeviceExtension.Cuda.class)
class CudaBackendTest extends DeviceBackendContract {
}
