package io.krylovforge.datasets;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.io.SymmetryStorage;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The sampled systems themselves, unsolved, as Matrix Market files for other tools: per sample
 * j, {@code <family>-<j>-A.mtx}, {@code -b.mtx} and {@code -params.mtx}. Sample j is the same
 * system as in an npz/hdf5 dataset with the same seed ({@link SampleSeeds}).
 */
public final class MatrixMarketExport {
    private MatrixMarketExport() {
    }

    /**
     * Writes samples 0 … samples−1 of the spec's family at its resolution, with its dataset seed,
     * into {@code out}; only family, resolution, samples and seed of {@code spec} are used.
     *
     * @param spec the dataset: family, resolution, sample count and seed
     * @param out  the directory (created if missing)
     * @throws IOException when a file cannot be written
     */
    public static void write(DatasetSpec spec, Path out) throws IOException {
        PdeFamily fam = Families.create(spec.family(), spec.resolution());
        Files.createDirectories(out);
        for (int j = 0; j < spec.samples(); j++) {
            writeSample(spec, fam, j, out);
        }
    }

    /**
     * Writes sample {@code j} alone (the three files {@link #write} writes for it), so the samples
     * can be split between processes (the Spark job) with the same bytes.
     *
     * @param spec the dataset: resolution (recorded in the comment line) and seed are used
     * @param fam  the family, created at the spec's resolution
     * @param j    the sample index
     * @param out  an existing directory
     * @throws IOException when a file cannot be written
     */
    public static void writeSample(DatasetSpec spec, PdeFamily fam, int j, Path out) throws IOException {
        int resolution = spec.resolution();
        long seed = spec.seed();
        long sampleSeed = SampleSeeds.of(seed, j);
        PdeInstance p = fam.sample(sampleSeed);
        String stem = stem(fam.name(), j);
        String note = String.format(Locale.ROOT, "%s resolution %d, sample %d of dataset seed %d, sample seed %d",
                fam.name(), resolution, j, seed, sampleSeed);
        MatrixMarket.write(out.resolve(stem + "-A.mtx"), p.a(), note, SymmetryStorage.SYMMETRIC_IF_EXACT);
        MatrixMarket.writeVector(out.resolve(stem + "-b.mtx"), p.b(), note);
        MatrixMarket.writeVector(out.resolve(stem + "-params.mtx"), p.parameters(),
                note + ", parameter shape " + Arrays.toString(p.parameterShape()));
    }

    /** The file-name stem of sample {@code j}: {@code darcy-00007}. */
    public static String stem(String family, int j) {
        return String.format(Locale.ROOT, "%s-%05d", family, j);
    }
}
