package io.krylovforge.gpu;

import java.util.Locale;

/**
 * One entry of {@link Devices#list()}: a device (or a backend that could not be opened, with the
 * reason).
 *
 * @param spec         what to pass to {@link Devices#backend(String)} to open it ("opencl:0:1")
 * @param backend      "cpu", "cuda" or "opencl"
 * @param name         device name as the driver reports it (with the platform for OpenCL)
 * @param type         "CPU", "GPU", "ACCELERATOR"... or "-" when nothing was found
 * @param memoryBytes  global memory, 0 when unknown
 * @param fp64         whether double precision is supported (required by KrylovForge)
 * @param note         why this entry is unusable, or extra detail; empty when none
 */
public record DeviceInfo(String spec, String backend, String name, String type, long memoryBytes,
        boolean fp64, String note) {

    /** Whether {@link Devices#backend(String)} can run solvers on it. */
    public boolean usable() {
        return fp64 && note.isEmpty();
    }

    /** An entry for a backend that found no device, with the reason. */
    public static DeviceInfo unavailable(String backend, String reason) {
        return new DeviceInfo(backend, backend, "-", "-", 0, false, reason);
    }

    @Override
    public String toString() {
        String mem = memoryBytes > 0
                ? String.format(Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30)) : "-";
        return String.format(Locale.ROOT, "%-14s %-4s %-9s fp64=%-3s %s%s", spec, type, mem,
                fp64 ? "yes" : "no", name, note.isEmpty() ? "" : "  (" + note + ")");
    }
}
