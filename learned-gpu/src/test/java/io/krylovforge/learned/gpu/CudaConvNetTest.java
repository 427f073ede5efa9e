package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceExtension;
import io.krylovforge.gpu.KernelBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/** DCDM network inference on CUDA device 0; skipped with the reason (no driver, no device) elsewhere. */
class CudaConvNetTest extends ConvNetContract {
    @RegisterExtension
    static final DeviceExtension<KernelBackend> DEVICE = DeviceExtension.cuda();

    @Override
    protected DeviceBackend backend() {
        return DEVICE.backend();
    }
}
