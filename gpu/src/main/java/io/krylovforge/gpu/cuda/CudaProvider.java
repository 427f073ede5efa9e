package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceProvider;
import io.krylovforge.gpu.KernelBackend;
import java.util.List;

/** {@link DeviceProvider} for CUDA: specs "cuda" (device 0) and "cuda:N". */
public final class CudaProvider implements DeviceProvider {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public List<DeviceInfo> list() {
        try {
            return CudaRuntime.listDevices();
        } catch (BackendUnavailableException e) {
            return List.of(DeviceInfo.unavailable("cuda", e.getMessage()));
        }
    }

    @Override
    public KernelBackend open(String args) {
        if (args.isEmpty()) {
            return new KernelBackend(CudaRuntime.open(0));
        }
        try {
            return new KernelBackend(CudaRuntime.open(Integer.parseInt(args)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cuda device spec must be cuda:N with an integer N, got cuda:" + args, e);
        }
    }

    @Override
    public KernelBackend openFirstGpu() {
        return new KernelBackend(CudaRuntime.open(0));
    }
}
