package io.krylovforge.bench;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.gpu.Devices;
import java.io.PrintWriter;

/**
 * Opens the device named by a device benchmark's DEVICE argument (any {@code kforge --device}
 * spec), or prints one {@code #} line saying why it cannot, so that the benchmarks agree on how
 * a missing device or a malformed spec is reported (they then exit 2).
 */
final class BenchDevices {
    private BenchDevices() {
    }

    /** The selection for {@code spec}, or null after printing why it is unavailable or malformed. */
    static Devices.Selection openOrReport(String spec, PrintWriter out) {
        try {
            return Devices.backend(spec);
        } catch (BackendUnavailableException e) {
            out.println("# " + spec + " unavailable: " + e.getMessage());
            return null;
        } catch (IllegalArgumentException e) { // a malformed spec
            out.println("# " + e.getMessage());
            return null;
        }
    }
}
