package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.RuntimeProvider;

/**
 * The OpenCL {@link io.krylovforge.gpu.DeviceProvider}: specs "opencl" (first fp64 GPU, else first
 * fp64 device) and "opencl:P:D".
 */
public final class OpenClProvider extends RuntimeProvider {
    /** For {@link java.util.ServiceLoader}. */
    public OpenClProvider() {
        super("opencl", OpenClRuntime::listDevices, OpenClProvider::openSpec,
                () -> OpenClRuntime.openFirst(CL_DEVICE_TYPE_GPU));
    }

    private static OpenClRuntime openSpec(String args) {
        if (args.isEmpty()) {
            try {
                return OpenClRuntime.openFirst(CL_DEVICE_TYPE_GPU);
            } catch (BackendUnavailableException noGpu) {
                return OpenClRuntime.openFirst(CL_DEVICE_TYPE_ALL);
            }
        }
        String[] parts = args.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("opencl device spec must be opencl:PLATFORM:DEVICE, got opencl:" + args);
        }
        try {
            return OpenClRuntime.open(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("opencl device spec must be opencl:PLATFORM:DEVICE with integers, got opencl:"
                    + args, e);
        }
    }
}
