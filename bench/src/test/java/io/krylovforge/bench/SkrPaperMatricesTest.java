package io.krylovforge.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.solvers.recycle.LinearSystem;
import java.util.List;
import org.junit.jupiter.api.Test;

class SkrPaperMatricesTest {
    /** K with distinct entries: K[x][y] = 1 + x + y/100, so every entry tells where it came from. */
    private static double[] field(int s) {
        double[] k = new double[s * s];
        for (int x = 0; x < s; x++) {
            for (int y = 0; y < s; y++) {
                k[x * s + y] = 1 + x + y / 100.0;
            }
        }
        return k;
    }

    private static double entry(CsrMatrix a, int i, int j) {
        double[] e = new double[a.cols()];
        double[] r = new double[a.rows()];
        e[j] = 1.0;
        a.apply(DenseVector.wrap(e), DenseVector.wrap(r));
        return r[i];
    }

    @Test
    void upperNeighbourIsReadTwoPlacesEarlierAsInTheSkrCode() {
        int s = 7;
        int m = s - 2;
        double[] k = field(s);
        CsrMatrix a = SkrPaperMatrices.assemble(k, s, 0.0);
        // interior row r = 2, c = 3 -> node K[3][4]; i = 13
        int i = 2 * m + 3;
        assertEquals(4 * k[3 * s + 4], entry(a, i, i), 1e-15);
        assertEquals(-k[3 * s + 3], entry(a, i, i - 1), 1e-15); // left
        assertEquals(-k[3 * s + 5], entry(a, i, i + 1), 1e-15); // right
        assertEquals(-k[4 * s + 4], entry(a, i, i + m), 1e-15); // next row
        // the paper's up neighbour would be K[2][4]; the code reads up[i - 2] = K[2][2]
        assertEquals(-k[2 * s + 2], entry(a, i, i - m), 1e-15);
        // c < 2 wraps to the row before: r = 1, c = 0 -> i = 5, up[3] = K[0][4]
        assertEquals(-k[0 * s + 4], entry(a, m, 0), 1e-15);
        assertEquals(5 * m * m - 4 * m, a.nnz());
    }

    @Test
    void sequencesAreSeededAndShaped() {
        List<LinearSystem> d1 = SkrPaperMatrices.darcy(12, 5, 3);
        List<LinearSystem> d2 = SkrPaperMatrices.darcy(12, 5, 3);
        assertEquals(3, d1.size());
        assertEquals(100, d1.get(0).a().rows());
        assertArrayEquals(d1.get(2).parameters(), d2.get(2).parameters());
        assertEquals(144, d1.get(0).parameters().length);
        List<LinearSystem> h = SkrPaperMatrices.helmholtz(12, 5, 2);
        double kw = h.get(0).parameters()[144];
        assertTrue(kw >= 0 && kw < 1, "k ~ U(0, 1): " + kw);
        double hh = 1.0 / (10 - 1);
        // same field as the Darcy draw? not required; the shift is -h^2 k^2 on the diagonal
        double[] kf = h.get(0).parameters();
        CsrMatrix a = (CsrMatrix) h.get(0).a();
        assertEquals(4 * kf[1 * 12 + 1] - hh * hh * kw * kw, entry(a, 0, 0), 1e-14);
        assertEquals(hh * hh, DenseVector.array(h.get(0).b())[7], 1e-15);
        assertThrows(IllegalArgumentException.class, () -> SkrPaperMatrices.darcy(4, 1, 1));
    }

    /** FNO's periodic sampler: pointwise std of the GRF about 0.19 at s = 82 (numpy: 0.192). */
    @Test
    void grfHasTheFnoSamplersSpread() {
        List<LinearSystem> d = SkrPaperMatrices.darcy(82, 2024, 12);
        double sum = 0.0;
        double sum2 = 0.0;
        int count = 0;
        for (LinearSystem sys : d) {
            for (double kv : sys.parameters()) {
                double g = Math.log(kv);
                sum += g;
                sum2 += g * g;
                count++;
            }
        }
        double mean = sum / count;
        double std = Math.sqrt(sum2 / count - mean * mean);
        assertTrue(std > 0.15 && std < 0.24, "std " + std);
        assertEquals(0.0, mean, 0.1);
    }
}
