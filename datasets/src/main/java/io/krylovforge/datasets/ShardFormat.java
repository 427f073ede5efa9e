package io.krylovforge.datasets;

import java.util.Locale;

/** The container a shard is written in. */
public enum ShardFormat {
    /** NumPy {@code .npz} (zip of {@code .npy}), written by {@link NpzWriter}. */
    NPZ("npz"),
    /**
     * HDF5 ({@code .h5}), written by {@link Hdf5ShardWriter} with jHDF (pure Java): contiguous,
     * uncompressed datasets at the root, read by {@code h5py.File}.
     */
    HDF5("h5");

    private final String extension;

    ShardFormat(String extension) {
        this.extension = extension;
    }

    /** File name extension of a shard, without the dot. */
    public String extension() {
        return extension;
    }

    /** {@return the name {@code --format} accepts} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format named {@code s} ("npz", "hdf5" or "h5"; any case).
     *
     * @param s the name
     * @return the format
     * @throws DatasetArgumentException for any other name
     */
    public static ShardFormat parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "npz" -> NPZ;
            case "hdf5", "h5" -> HDF5;
            default -> throw new DatasetArgumentException("unknown format '" + s + "'; valid: npz, hdf5");
        };
    }
}
