package io.krylovforge.datasets;

import io.krylovforge.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/** Writes a shard as NumPy {@code .npz}: one stored (uncompressed) {@code .npy} entry per array. */
public class NpzShardWriter implements ShardWriter {
    @Override
    public void write(SolvedShard shard, DatasetSpec spec, Path target) throws IOException {
        AtomicFiles.write(target, out -> writeTo(shard, spec, out));
    }

    /** Digests the bytes as they go to the file, so the shard is not read back for its checksum. */
    @Override
    public String writeDigested(SolvedShard shard, DatasetSpec spec, Path target) throws IOException {
        MessageDigest md = Sha256.newDigest();
        AtomicFiles.write(target, out -> {
            md.reset(); // AtomicFiles calls the writer once; reset keeps a retry from mixing bytes
            writeTo(shard, spec, new DigestOutputStream(out, md) {
                @Override
                public void close() throws IOException {
                    flush(); // the caller owns (and closes) the file's stream
                }
            });
        });
        return Sha256.hex(md);
    }

    /** Writes the npz bytes of {@code shard} to {@code out}, which stays open. */
    public void writeTo(SolvedShard shard, DatasetSpec spec, OutputStream out) throws IOException {
        OutputStream o = decorate(out);
        try (NpzWriter z = new NpzWriter(o)) {
            for (ShardArray a : shard.arrays(spec)) {
                z.add(a.name(), s -> {
                    if (a instanceof ShardArray.Floats f) {
                        Npy.write(s, f.dtype(), f.shape(), f.rows());
                    } else if (a instanceof ShardArray.Ints i) {
                        Npy.writeInts(s, i.shape(), i.rows());
                    } else if (a instanceof ShardArray.Longs l) {
                        Npy.writeLongs(s, l.values());
                    } else if (a instanceof ShardArray.Bools b) {
                        Npy.writeBooleans(s, b.values());
                    }
                });
            }
        }
        o.flush();
    }

    /** The stream the archive is written to; a subclass may wrap it (e.g. to meter or to fail). */
    protected OutputStream decorate(OutputStream out) {
        return out;
    }
}
