package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarketHeader.Field;
import io.krylovforge.core.io.MatrixMarketHeader.Format;
import io.krylovforge.core.io.MatrixMarketHeader.ObjectType;
import io.krylovforge.core.io.MatrixMarketHeader.Symmetry;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reader and writer on hand-made files (every variant and error path) and shared matrices. */
class MatrixMarketTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.ISO_8859_1));
        return p;
    }

    private CsrMatrix read(String content) throws IOException {
        return MatrixMarket.read(file("t.mtx", content));
    }

    private static void assertDense(double[][] expected, CsrMatrix a) {
        assertEquals(expected.length, a.rows());
        assertEquals(expected[0].length, a.cols());
        double[][] d = a.toDense();
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], d[i], 0.0, "row " + i);
        }
    }

    /** Asserts reading fails at {@code line} with a message containing {@code fragment}. */
    private MatrixMarketException assertFails(String content, int line, String fragment) {
        MatrixMarketException e = assertThrows(MatrixMarketException.class,
                () -> MatrixMarket.read(file("bad.mtx", content)));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals("bad.mtx", e.fileName());
        assertTrue(e.problem().contains(fragment), e.getMessage());
        assertEquals("bad.mtx:" + line + ": " + e.problem(), e.getMessage());
        return e;
    }

    // ---- accepted variants ----------------------------------------------------------------

    @Test
    void coordinateGeneralWithCommentsBlankLinesAndDuplicates() throws IOException {
        CsrMatrix a = read("%%MatrixMarket matrix coordinate real general\n"
                + "% a comment\n\n%another\n"
                + "2 3 4\n"
                + "1 1 1.5\n\n% comment between entries\n"
                + "2 3 -2\n"
                + "1 1 0.25\n"
                + "2 1 0\n");
        assertDense(new double[][] {{1.75, 0, 0}, {0, 0, -2}}, a);
        assertEquals(3, a.nnz(), "duplicates summed, explicit zero kept");
    }

    @Test
    void crlfTabsFreeFormatAndFortranExponents() throws IOException {
        CsrMatrix a = read("%%MatrixMarket matrix coordinate real general\r\n"
                + "%comment\r\n"
                + "  3\t3   4  \r\n"
                + "1\t1\t1.5D+03 2 2 2.5d-1\r\n"
                + "3\r\n3\r\n-1E2\r\n"
                + "\t1 3 .5\r\n");
        assertDense(new double[][] {{1500, 0, 0.5}, {0, 0.25, 0}, {0, 0, -100}}, a);
    }

    @Test
    void caseInsensitiveBannerAndDoubleField() throws IOException {
        CsrMatrix a = read("%%matrixmarket MATRIX Coordinate DOUBLE General\n1 1 1\n1 1 7\n");
        assertDense(new double[][] {{7}}, a);
    }

    @Test
    void noFinalNewline() throws IOException {
        assertDense(new double[][] {{0, 2}}, read("%%MatrixMarket matrix coordinate real general\n1 2 1\n1 2 2"));
    }

    @Test
    void symmetricIsMirrored() throws IOException {
        CsrMatrix a = read("%%MatrixMarket matrix coordinate real symmetric\n3 3 4\n"
                + "1 1 4\n2 1 -1\n3 2 -2\n3 3 5\n");
        assertDense(new double[][] {{4, -1, 0}, {-1, 0, -2}, {0, -2, 5}}, a);
    }

    @Test
    void skewSymmetricIsMirroredWithSign() throws IOException {
        CsrMatrix a = read("%%MatrixMarket matrix coordinate real skew-symmetric\n3 3 2\n"
                + "2 1 3\n3 1 -4\n");
        assertDense(new double[][] {{0, -3, 4}, {3, 0, 0}, {-4, 0, 0}}, a);
    }

    @Test
    void patternGivesOnes() throws IOException {
        assertDense(new double[][] {{1, 0}, {1, 1}},
                read("%%MatrixMarket matrix coordinate pattern general\n2 2 3\n1 1\n2 1\n2 2\n"));
        assertDense(new double[][] {{1, 1}, {1, 0}},
                read("%%MatrixMarket matrix coordinate pattern symmetric\n2 2 2\n1 1\n2 1\n"));
    }

    @Test
    void integerField() throws IOException {
        assertDense(new double[][] {{8, -1}, {-1, 8}},
                read("%%MatrixMarket matrix coordinate integer symmetric\n2 2 3\n1 1 8\n2 1 -1\n2 2 +8\n"));
    }

    @Test
    void arrayGeneralIsColumnMajorAndDropsZeros() throws IOException {
        CsrMatrix a = read("%%MatrixMarket matrix array real general\n% c\n2 3\n1\n4\n2\n0\n3 6\n");
        assertDense(new double[][] {{1, 2, 3}, {4, 0, 6}}, a);
        assertEquals(5, a.nnz());
    }

    @Test
    void arraySymmetricAndSkew() throws IOException {
        assertDense(new double[][] {{1, 2, 3}, {2, 4, 5}, {3, 5, 6}},
                read("%%MatrixMarket matrix array real symmetric\n3 3\n1 2 3 4 5 6\n"));
        assertDense(new double[][] {{0, -1, -2}, {1, 0, -3}, {2, 3, 0}},
                read("%%MatrixMarket matrix array real skew-symmetric\n3 3\n1 2 3\n"));
        assertDense(new double[][] {{1, 0}, {0, 2}},
                read("%%MatrixMarket matrix array integer general\n2 2\n1 0 0 2\n"));
    }

    @Test
    void gzipIsDetectedByMagicBytesNotName() throws IOException {
        String text = "%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 3\n2 2 4\n";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        for (String name : new String[] {"a.mtx.gz", "a.mtx"}) {
            Path p = dir.resolve(name);
            Files.write(p, bytes.toByteArray());
            assertDense(new double[][] {{3, 0}, {0, 4}}, MatrixMarket.read(p));
        }
        byte[] cut = Arrays.copyOf(bytes.toByteArray(), bytes.size() - 12);
        Path p = dir.resolve("cut.mtx.gz");
        Files.write(p, cut);
        MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.read(p));
        assertTrue(e.getMessage().startsWith("cut.mtx.gz:"), e.getMessage());
        assertTrue(e.problem().contains("gzip"), e.getMessage());
    }

    @Test
    void nonFiniteValuesOnlyWhenAllowed() throws IOException {
        String text = "%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 nan\n2 2 -inf\n1 2 Infinity\n";
        assertFails(text, 3, "non-finite value 'nan'");
        CsrMatrix a = MatrixMarket.read(file("nf.mtx", text), ReadOptions.defaults().withAllowNonFinite(true));
        assertTrue(Double.isNaN(a.get(0, 0)));
        assertEquals(Double.NEGATIVE_INFINITY, a.get(1, 1));
        assertEquals(Double.POSITIVE_INFINITY, a.get(0, 1));
    }

    @Test
    void headerWithoutLoading() throws IOException {
        MatrixMarketHeader h = MatrixMarket.readHeader(file("h.mtx",
                "%%MatrixMarket matrix coordinate integer symmetric\n%c\n\n5 5 9\nthis is never read\n"));
        assertEquals(new MatrixMarketHeader(ObjectType.MATRIX, Format.COORDINATE, Field.INTEGER,
                Symmetry.SYMMETRIC, 5, 5, 9), h);
        assertTrue(h.triangular());
        assertEquals("%%MatrixMarket matrix coordinate integer symmetric", h.banner());
        MatrixMarketHeader v = MatrixMarket.readHeader(file("v.mtx", "%%MatrixMarket vector coordinate real general\n7\n"));
        assertEquals(7, v.rows());
        assertEquals(1, v.cols());
        assertEquals(-1, v.nnz());
        assertEquals(6, MatrixMarket.readHeader(file("a.mtx", "%%MatrixMarket matrix array real symmetric\n3 3\n")).nnz());
    }

    @Test
    void vectorForms() throws IOException {
        double[] expected = {1.5, 0, -2};
        String[] texts = {
            "%%MatrixMarket vector coordinate real general\n3\n1 1.5\n3 -2\n",       // lis, n only
            "%%MatrixMarket vector coordinate real general\n3 2\n3 -2\n1 1.5\n",     // n nnz
            "%%MatrixMarket vector array real general\n3\n1.5 0 -2\n",
            "%%MatrixMarket matrix array real general\n3 1\n1.5\n0\n-2\n",
            "%%MatrixMarket matrix coordinate real general\n3 1 2\n1 1 1.5\n3 1 -2\n",
        };
        for (String t : texts) {
            assertArrayEquals(expected, MatrixMarket.readVector(file("v.mtx", t)), 0.0, t);
        }
        assertArrayEquals(new double[] {0, 1}, MatrixMarket.readVector(
                file("p.mtx", "%%MatrixMarket vector coordinate pattern general\n2 1\n2\n")), 0.0);
    }

    // ---- errors ---------------------------------------------------------------------------

    @Test
    void bannerErrors() {
        assertFails("", 1, "empty file");
        assertFails("1 1 1\n1 1 1\n", 1, "missing banner");
        assertFails("%%MatrixMarket matrix coordinate real\n1 1 1\n1 1 1\n", 1, "incomplete banner");
        assertFails("%%MatrixMarket matrix coordinate real general extra\n", 1, "unexpected word 'extra'");
        assertFails("%%MatrixMarket tensor coordinate real general\n", 1, "unknown object 'tensor'");
        assertFails("%%MatrixMarket matrix sparse real general\n", 1, "unknown format 'sparse'");
        assertFails("%%MatrixMarket matrix coordinate float general\n", 1, "unknown field 'float'");
        assertFails("%%MatrixMarket matrix coordinate real upper\n", 1, "unknown symmetry 'upper'");
        assertFails("%%MatrixMarket matrix coordinate complex general\n", 1, "complex matrices are not supported");
        assertFails("%%MatrixMarket matrix coordinate real hermitian\n", 1, "hermitian matrices are not supported");
        assertFails("%%MatrixMarket matrix array pattern general\n", 1, "pattern field needs coordinate");
        assertFails("%%MatrixMarket matrix coordinate pattern skew-symmetric\n", 1, "cannot be skew-symmetric");
        assertFails("%%MatrixMarket vector coordinate real symmetric\n", 1, "vector must be general");
    }

    @Test
    void sizeLineErrors() {
        String banner = "%%MatrixMarket matrix coordinate real general\n";
        assertFails(banner + "% only comments\n", 2, "no size line");
        assertFails(banner + "%c\n\n3 3\n", 4, "bad size line '3 3': expected 'rows cols entries'");
        assertFails(banner + "3 x 4\n", 2, "'x' is not an integer");
        assertFails(banner + "3 3 -1\n", 2, "negative");
        assertFails(banner + "3 3 1 1\n", 2, "bad size line");
        assertFails("%%MatrixMarket matrix array real general\n3 3 9\n", 2, "expected 'rows cols'");
        assertFails("%%MatrixMarket matrix coordinate real symmetric\n%\n3 4 1\n", 3, "must be square");
        MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.read(
                file("rect.mtx", banner + "2 3 0\n"), ReadOptions.defaults().withRequireSquare(true)));
        assertEquals("rect.mtx:2: matrix is 2x3 but a square matrix is required", e.getMessage());
    }

    @Test
    void entryCountErrors() {
        String banner = "%%MatrixMarket matrix coordinate real general\n3 3 3\n";
        assertFails(banner + "1 1 1\n2 2 2\n", 4, "declares 3 entries but only 2 are complete");
        assertFails(banner + "1 1 1\n2 2 2\n3 3", 5, "only 2 are complete"); // cut mid-entry
        assertFails(banner + "1 1 1\n2 2 2\n3 3 3\n\n%c\n1 2 5\n", 8, "extra data '1' after the 3 entries");
        assertFails("%%MatrixMarket matrix array real general\n2 2\n1 2 3\n", 3, "declares 4 values");
        assertFails("%%MatrixMarket matrix array real general\n1 2\n1 2 3\n", 3, "extra data '3' after the 2 values");
    }

    @Test
    void indexAndValueErrors() {
        String banner = "%%MatrixMarket matrix coordinate real general\n% c\n3 4 2\n1 1 1\n";
        assertFails(banner + "0 1 1\n", 5, "row index 0 out of range: indices are 1-based, expected 1..3");
        assertFails(banner + "4 1 1\n", 5, "row index 4 out of range");
        assertFails(banner + "1 5 1\n", 5, "column index 5 out of range: indices are 1-based, expected 1..4");
        assertFails(banner + "1 -2 1\n", 5, "column index -2 out of range");
        assertFails(banner + "1 99999999999999999999 1\n", 5, "out of range");
        assertFails(banner + "x 1 1\n", 5, "bad row index 'x': not an integer");
        assertFails(banner + "1 1.0 1\n", 5, "bad column index '1.0'");
        assertFails(banner + "1 2 abc\n", 5, "bad value 'abc': not a number");
        assertFails(banner + "1 2 1.5x\n", 5, "bad value '1.5x'");
        assertFails(banner + "1 2\n3e400\n", 6, "non-finite value '3e400'");
        assertFails("%%MatrixMarket matrix coordinate integer general\n1 1 1\n1 1 1.5\n", 3,
                "bad value '1.5': not an integer");
        assertFails("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 2\n2 1 1\n2 2 3\n", 4,
                "nonzero diagonal entry (2,2)");
    }

    @Test
    void wrongObjectErrors() throws IOException {
        assertFails("%%MatrixMarket vector coordinate real general\n2\n1 1\n", 1, "holds a vector");
        MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.readVector(
                file("m.mtx", "%%MatrixMarket matrix coordinate real general\n3 2 0\n")));
        assertEquals("m.mtx:2: expected a vector (one column) but the size line says 3x2", e.getMessage());
        e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.readVector(
                file("v.mtx", "%%MatrixMarket vector coordinate real general\n3\n1 1\n4 1\n")));
        assertEquals("v.mtx:4: row index 4 out of range: indices are 1-based, expected 1..3", e.getMessage());
        e = assertThrows(MatrixMarketException.class, () -> MatrixMarket.readVector(
                file("v.mtx", "%%MatrixMarket vector coordinate real general\n3\n1 1\n2\n")));
        assertEquals("v.mtx:4: premature end of file inside entry 2", e.getMessage());
    }

    // ---- writer ---------------------------------------------------------------------------

    @Test
    void randomValuesRoundTripBitExactlyIncludingGzipAndSymmetricOutput() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7L);
        int n = 60;
        CooBuilder coo = new CooBuilder(n, n);
        for (int k = 0; k < 600; k++) {
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            double v = Double.longBitsToDouble(rnd.nextLong());
            if (!Double.isFinite(v)) {
                v = -0.0;
            }
            coo.add(i, j, v);
            coo.add(j, i, v);
        }
        CsrMatrix a = coo.build();
        assertTrue(a.isSymmetric(0.0));
        for (String name : new String[] {"r.mtx", "r.mtx.gz"}) {
            for (boolean sym : new boolean[] {false, true}) {
                Path p = dir.resolve(name);
                MatrixMarket.write(p, a, "random\nsecond line", sym);
                MatrixMarketHeader h = MatrixMarket.readHeader(p);
                assertEquals(sym ? Symmetry.SYMMETRIC : Symmetry.GENERAL, h.symmetry());
                assertSameMatrix(a, MatrixMarket.read(p));
            }
        }
        double[] x = new double[100];
        for (int k = 0; k < x.length; k++) {
            x[k] = Double.longBitsToDouble(rnd.nextLong());
        }
        x[0] = -0.0;
        x[1] = Double.MIN_VALUE;
        x[2] = Double.NaN;
        Path p = dir.resolve("x.mtx");
        MatrixMarket.writeVector(p, x);
        double[] y = MatrixMarket.readVector(p, ReadOptions.defaults().withAllowNonFinite(true));
        for (int k = 0; k < x.length; k++) {
            assertEquals(Double.doubleToLongBits(x[k]), Double.doubleToLongBits(y[k]), "entry " + k);
        }
    }

    @Test
    void nonSymmetricMatrixStaysGeneralAndWriteIsAtomic() throws IOException {
        CsrMatrix a = new CooBuilder(2, 3).add(0, 2, 1.0).add(1, 0, 2.0).build();
        Path p = dir.resolve("g.mtx");
        Files.writeString(p, "old content that must be replaced");
        MatrixMarket.write(p, a, null, true);
        assertEquals("%%MatrixMarket matrix coordinate real general\n2 3 2\n1 3 1.0\n2 1 2.0\n",
                Files.readString(p));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(p), files.toList(), "no temporary file left behind");
        }
    }

    private static void assertSameMatrix(CsrMatrix expected, CsrMatrix actual) {
        assertEquals(expected.rows(), actual.rows());
        assertEquals(expected.cols(), actual.cols());
        assertArrayEquals(expected.rowPtr(), actual.rowPtr());
        assertArrayEquals(expected.colIdx(), actual.colIdx());
        double[] e = expected.values();
        double[] v = actual.values();
        for (int k = 0; k < e.length; k++) {
            assertEquals(Double.doubleToRawLongBits(e[k]), Double.doubleToRawLongBits(v[k]), "value " + k);
        }
    }

    @Test
    void sharedMatricesRoundTrip() throws IOException {
        for (String name : new String[] {"494_bus", "gr_30_30", "Laplace3D10", "west0479", "testmat0"}) {
            CsrMatrix a = MatrixMarket.read(SharedMatrices.path(name + ".mtx"));
            Path p = dir.resolve(name + ".mtx");
            MatrixMarket.write(p, a, name, true);
            assertSameMatrix(a, MatrixMarket.read(p));
            assertFalse(Files.readString(p).isEmpty());
        }
    }
}
