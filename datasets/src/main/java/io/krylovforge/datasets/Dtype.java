package io.krylovforge.datasets;

import java.util.Locale;

/**
 * Element type of the floating-point arrays in a shard. Both are little-endian, as NumPy writes
 * them on every common platform, so shards are byte-identical across machines.
 */
public enum Dtype {
    /** IEEE double, NumPy {@code '<f8'}. */
    FLOAT64("<f8", 8),
    /** IEEE single, NumPy {@code '<f4'}; values are rounded to nearest from the double solution. */
    FLOAT32("<f4", 4);

    private final String descr;
    private final int bytes;

    Dtype(String descr, int bytes) {
        this.descr = descr;
        this.bytes = bytes;
    }

    /** {@return the NPY {@code descr} string} */
    public String descr() {
        return descr;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** {@return the CLI spelling ("float64", "float32")} */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "float64"/"float32" (also "f8"/"f4", "double"/"float"). */
    public static Dtype parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "float64", "f8", "double" -> FLOAT64;
            case "float32", "f4", "float" -> FLOAT32;
            default -> throw new DatasetArgumentException("unknown dtype '" + s + "'; valid: float64, float32");
        };
    }
}
