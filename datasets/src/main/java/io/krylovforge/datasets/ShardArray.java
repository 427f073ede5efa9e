package io.krylovforge.datasets;

import java.util.Locale;

/**
 * One named array of a shard, as every {@link ShardWriter} stores it: its NumPy element type,
 * its shape (first axis: samples, or a flat concatenation) and its data as rows concatenated in
 * order, so no copy of the shard is made to write it.
 */
public sealed interface ShardArray {
    /** {@return the array name (npz entry without {@code .npy}, HDF5 dataset name)} */
    String name();

    /** {@return the shape of the stored array} */
    long[] shape();

    /** The NumPy type string of the elements, e.g. {@code <f8}. */
    String descr();

    /** Floating-point rows stored as {@code dtype}. */
    record Floats(String name, Dtype dtype, long[] shape, double[][] rows) implements ShardArray {
        @Override
        public String descr() {
            return dtype.descr();
        }
    }

    /** 32-bit integer rows ({@code <i4}). */
    record Ints(String name, long[] shape, int[][] rows) implements ShardArray {
        @Override
        public String descr() {
            return "<i4";
        }
    }

    /** A 1-D 64-bit integer array ({@code <i8}). */
    record Longs(String name, long[] values) implements ShardArray {
        @Override
        public long[] shape() {
            return new long[] {values.length};
        }

        @Override
        public String descr() {
            return "<i8";
        }
    }

    /** A 1-D bool array ({@code |b1} in npz, uint8 in HDF5). */
    record Bools(String name, boolean[] values) implements ShardArray {
        @Override
        public long[] shape() {
            return new long[] {values.length};
        }

        @Override
        public String descr() {
            return "|b1";
        }
    }

    /** {@code name: (N, 64, 64) <f8}, the first axis written as N (it varies by shard). */
    default String describe() {
        long[] s = shape();
        StringBuilder sb = new StringBuilder(name()).append(": (N");
        for (int i = 1; i < s.length; i++) {
            sb.append(", ").append(s[i]);
        }
        return sb.append(s.length == 1 ? ",) " : ") ").append(descr().toLowerCase(Locale.ROOT)).toString();
    }
}
