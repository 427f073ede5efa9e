package io.krylovforge.gpu.cuda;

import io.krylovforge.gpu.RuntimeProvider;

/** The CUDA {@link io.krylovforge.gpu.DeviceProvider}: specs "cuda" (device 0) and "cuda:N". */
public final class CudaProvider extends RuntimeProvider {
    /** For {@link java.util.ServiceLoader}. */
    public CudaProvider() {
        super("cuda", CudaRuntime::listDevices, CudaProvider::openSpec, () -> CudaRuntime.open(0));
    }

    private static CudaRuntime openSpec(String args) {
        try {
            return CudaRuntime.open(args.isEmpty() ? 0 : Integer.parseInt(args));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cuda device spec must be cuda:N with an integer N, got cuda:" + args, e);
        }
    }
}
