package io.krylovforge.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarketHeader.Field;
import io.krylovforge.core.io.MatrixMarketHeader.Symmetry;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared test matrices, checked against the README and a naive line-by-line reference. */
class MatrixMarketSharedTest {

    @ParameterizedTest
    @CsvSource({
        "494_bus,     494, 1666, SYMMETRIC, REAL,    1080",
        "gr_30_30,    900, 7744, SYMMETRIC, INTEGER, 4322",
        "Laplace3D10, 1000, 6400, GENERAL,  REAL,    6400",
        "west0479,    479, 1910, GENERAL,   REAL,    1910",
        "testmat0,    100, 460,  GENERAL,   REAL,    460",
    })
    void sharedMatrixMatchesReadmeAndReference(String name, int n, int nnz, Symmetry symmetry,
            Field field, long stored) throws IOException {
        Path p = SharedMatrices.path(name + ".mtx");
        MatrixMarketHeader h = MatrixMarket.readHeader(p);
        assertEquals(symmetry, h.symmetry());
        assertEquals(field, h.field());
        assertEquals(n, h.rows());
        assertEquals(n, h.cols());
        assertEquals(stored, h.nnz());

        CsrMatrix a = MatrixMarket.read(p, ReadOptions.defaults().withRequireSquare(true));
        assertEquals(n, a.rows());
        assertEquals(n, a.cols());
        assertEquals(nnz, a.nnz());
        if (symmetry == Symmetry.SYMMETRIC) {
            assertTrue(a.isSymmetric(0.0));
        }
        // Every stored entry equals the naive reading, bit for bit.
        Map<Long, Double> ref = naiveRead(p);
        assertEquals(ref.size(), a.nnz());
        a.forEach((i, j, v) -> {
            Double expected = ref.get((long) i * n + j);
            assertTrue(expected != null, "unexpected entry (" + i + "," + j + ")");
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(v),
                    "(" + i + "," + j + ")");
        });
    }

    @Test
    void west0479KeepsExplicitZeros() throws IOException {
        CsrMatrix a = MatrixMarket.read(SharedMatrices.path("west0479.mtx"));
        int zeros = 0;
        for (double v : a.values()) {
            if (v == 0.0) {
                zeros++;
            }
        }
        assertTrue(zeros > 0, "west0479 stores explicit zeros");
        assertEquals(1910, a.nnz());
    }

    @Test
    void testvec0IsTestmat0TimesOnes() throws IOException {
        CsrMatrix a = MatrixMarket.read(SharedMatrices.path("testmat0.mtx"));
        double[] b = MatrixMarket.readVector(SharedMatrices.path("testvec0.mtx"));
        assertEquals(100, b.length);
        double[] ones = new double[100];
        java.util.Arrays.fill(ones, 1.0);
        assertArrayEquals(a.multiply(ones), b, 0.0);
        MatrixMarketHeader h = MatrixMarket.readHeader(SharedMatrices.path("testvec0.mtx"));
        assertEquals(MatrixMarketHeader.ObjectType.VECTOR, h.object());
        assertEquals(-1, h.nnz());
    }

    @Test
    void young1cIsRejectedAsComplex() {
        for (boolean headerOnly : new boolean[] {false, true}) {
            MatrixMarketException e = assertThrows(MatrixMarketException.class, () -> {
                if (headerOnly) {
                    MatrixMarket.readHeader(SharedMatrices.path("young1c.mtx"));
                } else {
                    MatrixMarket.read(SharedMatrices.path("young1c.mtx"));
                }
            });
            assertEquals("young1c.mtx:1: complex matrices are not supported (KrylovForge is real-only)",
                    e.getMessage());
        }
    }

    /** Reference reader: String.split per line, Double.parseDouble, TreeMap; slow but obvious. */
    private static Map<Long, Double> naiveRead(Path p) throws IOException {
        List<String> lines = Files.readAllLines(p);
        boolean symmetric = lines.get(0).toLowerCase().contains("symmetric");
        Map<Long, Double> m = new TreeMap<>();
        long n = -1;
        for (String line : lines.subList(1, lines.size())) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("%")) {
                continue;
            }
            String[] w = t.split("\\s+");
            if (n < 0) {
                n = Long.parseLong(w[0]);
                continue;
            }
            long i = Long.parseLong(w[0]) - 1;
            long j = Long.parseLong(w[1]) - 1;
            double v = Double.parseDouble(w[2]);
            m.merge(i * n + j, v, Double::sum);
            if (symmetric && i != j) {
                m.merge(j * n + i, v, Double::sum);
            }
        }
        assertFalse(m.isEmpty());
        return m;
    }
}
