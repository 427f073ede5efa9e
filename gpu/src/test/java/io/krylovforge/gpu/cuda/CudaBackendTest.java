package io.krylovforge.gpu.cuda;

import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceBackendContract;
import io.krylovforge.gpu.DeviceExtension;
import io.krylovforge.gpu.KernelBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The device contract on CUDA device 0; skipped with the reason (no driver, no device) elsewhere. */
class CudaBackendTest extends DeviceBackendContract {
    @RegisterExtension
    static final DeviceExtension<KernelBackend> DEVICE = DeviceExtension.cuda();

    @Override
    protected DeviceBackend backend() {
        return DEVICE.backend();
    }
}
