package io.krylovforge.gpu.opencl;

import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_GPU;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceProvider;
import io.krylovforge.gpu.KernelBackend;
import java.util.List;

/** {@link DeviceProvider} for OpenCL: specs "opencl" (first fp64 GPU, else first fp64 device) and "opencl:P:D". */
public final class OpenClProvider implements DeviceProvider {
    @Override
    public String name() {
        return "opencl";
    }

    @Override
    public List<DeviceInfo> list() {
        try {
            List<DeviceInfo> found = OpenClRuntime.listDevices();
            return found.isEmpty() ? List.of(DeviceInfo.unavailable("opencl", "no OpenCL devices")) : found;
        } catch (BackendUnavailableException e) {
            return List.of(DeviceInfo.unavailable("opencl", e.getMessage()));
        }
    }

    @Override
    public KernelBackend open(String args) {
        if (args.isEmpty()) {
            try {
                return new KernelBackend(OpenClRuntime.openFirst(CL_DEVICE_TYPE_GPU));
            } catch (BackendUnavailableException noGpu) {
                return new KernelBackend(OpenClRuntime.openFirst(CL_DEVICE_TYPE_ALL));
            }
        }
        String[] parts = args.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("opencl device spec must be opencl:PLATFORM:DEVICE, got opencl:" + args);
        }
        try {
            return new KernelBackend(OpenClRuntime.open(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("opencl device spec must be opencl:PLATFORM:DEVICE with integers, got opencl:"
                    + args, e);
        }
    }

    @Override
    public KernelBackend openFirstGpu() {
        return new KernelBackend(OpenClRuntime.openFirst(CL_DEVICE_TYPE_GPU));
    }
}
