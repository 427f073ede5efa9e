package io.krylovforge.solvers.krylov;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Arnoldi step with h(j, j) handed in (GMRES's fused product) against the one that sums it. */
class ArnoldiLeastSquaresTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void knownDiagonalEntryGivesTheSameBitsAsSummingIt(boolean reorthogonalize) {
        int n = 9001; // three blocks, the last one partial
        int m = 7;
        SplittableRandom rnd = new SplittableRandom(5);
        Vector[] v = new Vector[m + 1];
        Vector[] u = new Vector[m + 1];
        for (int i = 0; i <= m; i++) {
            double[] d = new double[n];
            for (int r = 0; r < n; r++) {
                d[r] = rnd.nextDouble(-1.0, 1.0);
            }
            v[i] = DenseVector.wrap(d);
            u[i] = DenseVector.wrap(d.clone());
        }
        v[0].scale(1.0 / v[0].norm2());
        u[0].scale(1.0 / u[0].norm2());
        ArnoldiLeastSquares summed = new ArnoldiLeastSquares(m, reorthogonalize);
        ArnoldiLeastSquares given = new ArnoldiLeastSquares(m, reorthogonalize);
        summed.start(2.0);
        given.start(2.0);
        for (int j = 0; j < m; j++) { // counts 1..7: even and odd numbers of earlier vectors
            double h1 = summed.orthogonalize(v[j + 1], v, j);
            double h2 = given.orthogonalize(u[j + 1], u, j, u[j].dot(u[j + 1]));
            assertEquals(Double.doubleToLongBits(h1), Double.doubleToLongBits(h2), "h(j+1,j) at j=" + j);
            assertArrayEquals(v[j + 1].toArray(), u[j + 1].toArray(), 0.0, "w at j=" + j);
            assertEquals(Double.doubleToLongBits(summed.rotate(j)), Double.doubleToLongBits(given.rotate(j)));
            v[j + 1].scale(1.0 / h1);
            u[j + 1].scale(1.0 / h2);
        }
        assertArrayEquals(summed.solve(m), given.solve(m), 0.0);
    }
}
