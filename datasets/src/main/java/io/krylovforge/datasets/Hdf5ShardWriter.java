package io.krylovforge.datasets;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a shard as HDF5 ({@code .h5}) through {@link Hdf5File}; bools become uint8. */
final class Hdf5ShardWriter implements ShardWriter {
    @Override
    public void write(SolvedShard shard, DatasetSpec spec, Path target) throws IOException {
        Hdf5File h = new Hdf5File();
        for (ShardArray a : shard.arrays(spec)) {
            if (a instanceof ShardArray.Floats f) {
                h.add(f.name(), f.dtype(), f.shape(), f.rows());
            } else if (a instanceof ShardArray.Ints i) {
                h.addInts(i.name(), i.shape(), i.rows());
            } else if (a instanceof ShardArray.Longs l) {
                h.addLongs(l.name(), l.values());
            } else if (a instanceof ShardArray.Bools b) {
                h.addBooleans(b.name(), b.values());
            }
        }
        h.write(target);
    }

    @Override
    public String describe(ShardArray array) {
        String d = array.describe();
        return array instanceof ShardArray.Bools ? d.replace("|b1", "uint8") : d;
    }
}
