package io.krylovforge.datasets;

import java.util.Locale;

/** The container a shard is written in. */
public enum ShardFormat {
    /** NumPy {@code .npz} (zip of {@code .npy}), written by {@link NpzWriter}. */
    NPZ("npz"),
    /**
     * HDF5: not supported; {@code --format hdf5} fails with a clear message. The only maintained
     * pure-Java writer on Maven Central, jHDF (0.8/0.9), writes contiguous, uncompressed datasets
     * from whole in-memory arrays to a file it opens itself; that could be made to work, but it is
     * unverified here that h5py reads its output and that its bytes are reproducible (h5py is not
     * installed on the build machines), and the JNI HDF5 bindings are not pure Java. Use npz.
     */
    HDF5("h5");

    private final String extension;

    ShardFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ShardFormat parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "npz" -> NPZ;
            case "hdf5", "h5" -> HDF5;
            default -> throw new DatasetArgumentException("unknown format '" + s + "'; valid: npz, hdf5");
        };
    }
}
