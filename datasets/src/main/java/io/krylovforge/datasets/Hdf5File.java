package io.krylovforge.datasets;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.krylovforge.core.io.AtomicFiles;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a shard as an HDF5 file with jHDF (pure Java): one contiguous, uncompressed dataset per
 * array at the root, named as in the npz shards; h5py reads it with {@code h5py.File(path)}.
 * {@code converged} is stored as uint8 (HDF5 has no bool; h5py stores bools as an enum).
 *
 * <p>Crash safety and permissions as {@link AtomicFiles#writeFile}: jHDF writes to a path it opens
 * itself, a temporary one beside the target, which is then forced to disk and renamed over the
 * target. Reproducible: jHDF writes no timestamps, so equal arrays give equal bytes.
 *
 * <p>jHDF needs nested Java arrays ({@code double[n][m][m]}), so a shard is held twice in memory
 * while it is written.
 */
final class Hdf5File {
    static {
        // jHDF logs through SLF4J; without a provider SLF4J 2 prints three warning lines on stderr.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    private final Map<String, Object> datasets = new LinkedHashMap<>();

    /** Adds a floating-point array of {@code shape} from the concatenated {@code rows}. */
    void add(String name, Dtype dtype, long[] shape, double[][] rows) {
        datasets.put(name, nest(rows, shape, dtype));
    }

    void addLongs(String name, long[] values) {
        datasets.put(name, values.clone());
    }

    /** Adds a 32-bit integer array of {@code shape} (one or two axes) from the concatenated {@code rows}. */
    void addInts(String name, long[] shape, int[][] rows) {
        int[] flat = new int[Math.toIntExact(Npy.count(shape))];
        int pos = 0;
        for (int[] r : rows) {
            System.arraycopy(r, 0, flat, pos, r.length);
            pos += r.length;
        }
        if (shape.length == 1) {
            datasets.put(name, flat);
            return;
        }
        if (shape.length != 2) {
            throw new IllegalStateException("internal: int arrays have one or two axes");
        }
        int cols = Math.toIntExact(shape[1]);
        int[][] nested = new int[Math.toIntExact(shape[0])][cols];
        for (int i = 0; i < nested.length; i++) {
            System.arraycopy(flat, i * cols, nested[i], 0, cols);
        }
        datasets.put(name, nested);
    }

    /** Adds a bool array; jHDF stores it as uint8 (0/1). */
    void addBooleans(String name, boolean[] values) {
        datasets.put(name, values.clone());
    }

    /** Writes the file atomically. */
    void write(Path target) throws IOException {
        AtomicFiles.writeFile(target, tmp -> {
            try (WritableHdfFile h = HdfFile.write(tmp)) {
                for (Map.Entry<String, Object> e : datasets.entrySet()) {
                    h.putDataset(e.getKey(), e.getValue());
                }
            } catch (RuntimeException e) {
                // jHDF reports I/O failures (disk full) as unchecked HdfException
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** The rows as a nested array of {@code shape} (row-major), double or float elements. */
    static Object nest(double[][] rows, long[] shape, Dtype dtype) {
        int[] dims = new int[shape.length];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = Math.toIntExact(shape[d]);
        }
        Object root = Array.newInstance(dtype == Dtype.FLOAT64 ? double.class : float.class, dims);
        new Filler(rows, dtype).fill(root, 0, dims);
        return root;
    }

    /** Copies the concatenated rows into the leaf arrays in row-major order. */
    private static final class Filler {
        private final double[][] rows;
        private final Dtype dtype;
        private int row;
        private int offset;

        Filler(double[][] rows, Dtype dtype) {
            this.rows = rows;
            this.dtype = dtype;
        }

        void fill(Object node, int depth, int[] dims) {
            if (depth == dims.length - 1) {
                int len = dims[depth];
                if (dtype == Dtype.FLOAT64) {
                    double[] leaf = (double[]) node;
                    for (int i = 0; i < len; i++) {
                        leaf[i] = next();
                    }
                } else {
                    float[] leaf = (float[]) node;
                    for (int i = 0; i < len; i++) {
                        leaf[i] = (float) next();
                    }
                }
                return;
            }
            Object[] children = (Object[]) node;
            for (Object child : children) {
                fill(child, depth + 1, dims);
            }
        }

        private double next() {
            while (offset == rows[row].length) {
                row++;
                offset = 0;
            }
            return rows[row][offset++];
        }
    }
}
