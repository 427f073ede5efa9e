package io.krylovforge.learned.gpu;

import io.krylovforge.gpu.DeviceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DCDM network inference on the first OpenCL GPU with fp64, else the first OpenCL device with
 * fp64 (PoCL on build machines and CI); {@code -Dkrylovforge.opencl=P:D} picks one. Skipped with
 * the reason when there is none.
 */
@ExtendWith(DeviceExtension.OpenCl.class)
class OpenClConvNetTest extends ConvNetContract {
}
