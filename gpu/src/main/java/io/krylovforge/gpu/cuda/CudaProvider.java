package io.krylovforge.gpu.cuda;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.DeviceProvider;
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
            return CudaBackend.listDevices();
        } catch (BackendUnavailableException e) {
            return List.of(DeviceInfo.unavailable("cuda", e.getMessage()));
        }
    }

    @Override
    public DeviceBackend open(String args) {
        if (args.isEmpty()) {
            return CudaBackend.open(0);
        }
        try {
            return CudaBackend.open(Integer.parseInt(args));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cuda device spec must be cuda:N with an integer N, got cuda:" + args, e);
        }
    }

    @Override
    public DeviceBackend openFirstGpu() {
        return CudaBackend.open(0);
    }
}
