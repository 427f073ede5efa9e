package io.krylovforge.gpu;

/** A block of device memory made by a {@link DeviceRuntime}; only that runtime can use it. */
public interface DeviceBuffer {
    /** Its size in bytes (at least 8: empty buffers are rounded up). */
    long bytes();
}
