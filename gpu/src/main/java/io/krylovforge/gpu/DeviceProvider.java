package io.krylovforge.gpu;

import java.util.List;

/**
 * Service interface for a device backend family, found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.krylovforge.gpu.DeviceProvider}).
 */
public interface DeviceProvider {
    /** The spec prefix: "cuda" or "opencl". */
    String name();

    /**
     * The devices found.
     *
     * @throws io.krylovforge.core.backend.BackendUnavailableException when the driver, loader or
     *         natives are missing ({@link Devices#list()} turns the reason into an entry)
     */
    List<DeviceInfo> list();

    /**
     * Opens a device. {@code args} is the part of the spec after "name:" (empty for the default
     * device), e.g. "0:1" for OpenCL platform 0 device 1, "1" for CUDA device 1.
     *
     * @throws io.krylovforge.core.backend.BackendUnavailableException with the reason
     * @throws IllegalArgumentException when {@code args} is malformed
     */
    DeviceBackend open(String args);

    /**
     * Opens the first GPU with double precision, for "auto".
     *
     * @throws io.krylovforge.core.backend.BackendUnavailableException when there is none
     */
    DeviceBackend openFirstGpu();
}
