package io.krylovforge.gpu;

import java.util.Locale;

/** A device allocation failed; the message names the device and the bytes asked for. */
public class DeviceOutOfMemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long bytes;

    public DeviceOutOfMemoryException(String device, long bytes, String detail, Throwable cause) {
        super(device + ": cannot allocate " + bytes + " bytes (" + String.format(Locale.ROOT,
                "%.2f GiB", bytes / (double) (1L << 30)) + ")" + (detail.isEmpty() ? "" : ": " + detail),
                cause);
        this.bytes = bytes;
    }

    /** The size of the failed allocation in bytes. */
    public long bytes() {
        return bytes;
    }
}
