package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeInstance;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data a user can check: the same seed gives the same systems in every format and in
 * {@code sequence}; {@code storeMatrix} puts A in the shard so ‖A·x − b‖/‖b‖ can be recomputed
 * (here in Java, and with the README's numpy snippet); files get the umask's permissions.
 */
class VerifiableDataTest {
    private static final DatasetSpec SPEC = DatasetSpec.defaults("darcy")
            .withResolution(10).withSamples(5).withSeed(7L).withShardSize(3).withStoreMatrix(true);

    /** Sample j's matrix from the stored CSR arrays of an npz shard. */
    private static CsrMatrix storedMatrix(Map<String, NpyReader.Array> z, int j) {
        NpyReader.Array ptr = z.get("matrix_indptr");
        int rows = (int) ptr.shape()[1] - 1;
        long[] off = z.get("matrix_offsets").longs();
        int lo = (int) off[j];
        int hi = (int) off[j + 1];
        int[] rowPtr = new int[rows + 1];
        for (int i = 0; i <= rows; i++) {
            rowPtr[i] = (int) ptr.longs()[j * (rows + 1) + i];
        }
        int[] col = new int[hi - lo];
        double[] val = new double[hi - lo];
        for (int k = lo; k < hi; k++) {
            col[k - lo] = (int) z.get("matrix_indices").longs()[k];
            val[k - lo] = z.get("matrix_data").values()[k];
        }
        return CsrMatrix.of(rows, rows, rowPtr, col, val);
    }

    private static double[] row(NpyReader.Array a, int j) {
        int len = (int) (a.values().length / a.shape()[0]);
        return Arrays.copyOfRange(a.values(), j * len, (j + 1) * len);
    }

    private static void assertSameMatrix(CsrMatrix want, CsrMatrix got, String what) {
        assertArrayEquals(want.rowPtr(), got.rowPtr(), what);
        int nnz = want.rowPtr()[want.rows()];
        assertArrayEquals(Arrays.copyOf(want.colIdx(), nnz), Arrays.copyOf(got.colIdx(), nnz), what);
        assertArrayEquals(Arrays.copyOf(want.values(), nnz), Arrays.copyOf(got.values(), nnz), what);
    }

    @Test
    void oneSeedRuleForNpzHdf5MatrixMarketAndSequences(@TempDir Path dir) throws Exception {
        new DatasetGenerator(SPEC, dir.resolve("npz")).withThreads(2).run();
        new DatasetGenerator(SPEC.withFormat(ShardFormat.HDF5), dir.resolve("h5")).withThreads(1).run();
        MatrixMarketExport.write(DatasetSpec.defaults("darcy").withResolution(10).withSamples(5).withSeed(7L), dir.resolve("mtx"));
        List<PdeInstance> sequence = SampleSeeds.draw(Families.create("darcy", 10), 7L, 0, 5);
        int j = 0;
        for (int k = 0; k < SPEC.shardCount(); k++) {
            Map<String, NpyReader.Array> z = NpyReader.readNpz(dir.resolve("npz").resolve(SPEC.shardFileName(k)));
            try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(dir.resolve("h5").resolve(
                    SPEC.withFormat(ShardFormat.HDF5).shardFileName(k)))) {
                assertArrayEquals(z.get("matrix_data").values(),
                        (double[]) h.getDatasetByPath("matrix_data").getDataFlat());
                assertArrayEquals(z.get("matrix_offsets").longs(),
                        (long[]) h.getDatasetByPath("matrix_offsets").getDataFlat());
                int[] hPtr = (int[]) h.getDatasetByPath("matrix_indptr").getDataFlat();
                assertArrayEquals(z.get("matrix_indptr").longs(), Arrays.stream(hPtr).asLongStream().toArray());
                assertArrayEquals(z.get("rhs").values(), (double[]) h.getDatasetByPath("rhs").getDataFlat());
            }
            for (int i = 0; i < SPEC.shardSamples(k); i++, j++) {
                String stem = MatrixMarketExport.stem("darcy", j);
                CsrMatrix mtxA = MatrixMarket.read(dir.resolve("mtx").resolve(stem + "-A.mtx"));
                double[] mtxB = MatrixMarket.readVector(dir.resolve("mtx").resolve(stem + "-b.mtx"));
                CsrMatrix stored = storedMatrix(z, i);
                assertSameMatrix(mtxA, stored, "sample " + j + ": mtx vs npz");
                assertSameMatrix(sequence.get(j).a(), stored, "sample " + j + ": sequence vs npz");
                assertArrayEquals(mtxB, row(z.get("rhs"), i), "sample " + j);
                assertEquals(SampleSeeds.of(7L, j), z.get("seeds").longs()[i]);
                // the stored data verifies: ‖A·x − b‖/‖b‖ ≤ rtol from the shard alone
                double[] x = row(z.get("solutions"), i);
                double[] b = row(z.get("rhs"), i);
                double[] ax = stored.multiply(x);
                double r = 0;
                double nb = 0;
                for (int q = 0; q < b.length; q++) {
                    r += (b[q] - ax[q]) * (b[q] - ax[q]);
                    nb += b[q] * b[q];
                }
                assertTrue(Math.sqrt(r / nb) <= 1e-8 * 1.0001, "sample " + j + " residual " + Math.sqrt(r / nb));
            }
        }
        assertEquals(5, j);
        // a different seed gives different systems
        PdeInstance other = Families.create("darcy", 10).sample(SampleSeeds.of(8L, 0));
        assertFalse(Arrays.equals(other.parameters(), sequence.get(0).parameters()));
    }

    /** The python block between the verify-snippet markers of the top-level README. */
    private static String readmeSnippet() throws Exception {
        Path readme = Path.of("..", "README.md");
        assumeTrue(Files.isRegularFile(readme), "needs the repository's README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int begin = text.indexOf("<!-- verify-snippet:begin -->");
        int end = text.indexOf("<!-- verify-snippet:end -->");
        assertTrue(begin >= 0 && end > begin, "README.md must hold the verify snippet between its markers");
        String block = text.substring(begin, end);
        int code = block.indexOf("```python\n");
        int close = block.indexOf("```", code + 10);
        return block.substring(code + 10, close);
    }

    @Test
    void theReadmeNumpySnippetVerifiesAStoredShard(@TempDir Path dir) throws Exception {
        String python = NumpyInteropTest.python("numpy");
        assumeTrue(python != null, "needs a python3 with numpy (apt-get install python3-numpy, or set KFORGE_PYTHON)");
        String snippet = readmeSnippet();
        new DatasetGenerator(DatasetSpec.defaults("poisson")
                .withResolution(12).withSamples(4).withSeed(3L).withStoreMatrix(true), dir.resolve("out"))
                .withThreads(1).run();
        Process p = new ProcessBuilder(python, "-c", snippet).directory(dir.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        List<Double> residuals = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.trim().split("\\s+");
            residuals.add(Double.parseDouble(parts[parts.length - 1]));
        }
        assertEquals(4, residuals.size(), out);
        for (double r : residuals) {
            assertTrue(r <= 1e-8 * 1.0001 && r > 0, out);
        }
    }

    @Test
    void datasetFilesGetTheUmaskPermissions(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX permissions");
        Path probe = dir.resolve("probe");
        Files.newOutputStream(probe).close();
        String expected = PosixFilePermissions.toString(Files.getPosixFilePermissions(probe));
        Path out = dir.resolve("out");
        new DatasetGenerator(SPEC, out).withThreads(1).run();
        new DatasetGenerator(SPEC.withFormat(ShardFormat.HDF5), out.resolve("h5")).withThreads(1).run();
        new DatasetGenerator(SPEC, out).withThreads(1).run(); // resume rewrites the manifest by rename
        List<Path> files = new ArrayList<>(List.of(out.resolve("manifest.json"), out.resolve(SPEC.shardFileName(0)),
                out.resolve(SPEC.shardFileName(0) + ".sha256"), out.resolve("h5").resolve("manifest.json"),
                out.resolve("h5").resolve(SPEC.withFormat(ShardFormat.HDF5).shardFileName(1))));
        for (Path f : files) {
            assertEquals(expected, PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }
}
