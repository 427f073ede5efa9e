package io.krylovforge.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Stores a {@link SolvedShard} as one file, atomically (readers see no partial shard) and with
 * byte-identical output for identical shards. One implementation per {@link ShardFormat}.
 */
public interface ShardWriter {
    /** Writes {@code shard} (laid out by {@link SolvedShard#arrays}) to {@code target}. */
    void write(SolvedShard shard, DatasetSpec spec, Path target) throws IOException;

    /** The manifest's description of one array in this format. */
    default String describe(ShardArray array) {
        return array.describe();
    }

    /** The descriptions of all arrays of {@code shard}, for the manifest. */
    default List<String> describe(SolvedShard shard, DatasetSpec spec) {
        return shard.arrays(spec).stream().map(this::describe).toList();
    }

    /** The writer for {@code format}. */
    static ShardWriter of(ShardFormat format) {
        return switch (format) {
            case NPZ -> new NpzShardWriter();
            case HDF5 -> new Hdf5ShardWriter();
        };
    }
}
