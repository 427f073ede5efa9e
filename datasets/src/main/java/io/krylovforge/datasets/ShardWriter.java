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

    /**
     * Writes {@code shard} to {@code target} as {@link #write} does and returns the SHA-256 of
     * the file's bytes. This default reads the file back; a writer that sees its bytes go by
     * digests them on the way instead.
     *
     * @param shard  the solved shard
     * @param spec   the dataset
     * @param target the shard file
     * @return lower-case hex SHA-256 of the file written
     * @throws IOException if writing fails (no partial file is left)
     */
    default String writeDigested(SolvedShard shard, DatasetSpec spec, Path target) throws IOException {
        write(shard, spec, target);
        return Sha256.of(target);
    }

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
