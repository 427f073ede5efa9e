package io.krylovforge.mesh.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.TestSolve;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FiniteVolume3dTest {
    private static final double PI = Math.PI;

    /** max-norm error at the cell centres of the manufactured u = sin πx sin πy sin πz. */
    private static double error(int n, boolean variableK) {
        FiniteVolume3d fv = new FiniteVolume3d(n);
        double h = 1.0 / n;
        double[] k = new double[fv.size()];
        double[] exact = new double[fv.size()];
        for (int c = 0; c < k.length; c++) {
            double x = (c % n + 0.5) * h;
            double y = (c / n % n + 0.5) * h;
            double z = (c / (n * n) + 0.5) * h;
            k[c] = variableK ? 1.0 + x : 1.0;
            exact[c] = Math.sin(PI * x) * Math.sin(PI * y) * Math.sin(PI * z);
        }
        // f = −∇·(K∇u): K = 1 + x gives −∂x K ∂x u + 3π² K u
        ScalarField f = (x, y, z) -> {
            double kk = variableK ? 1.0 + x : 1.0;
            double dk = variableK ? 1.0 : 0.0;
            return 3 * PI * PI * kk * Math.sin(PI * x) * Math.sin(PI * y) * Math.sin(PI * z)
                    - dk * PI * Math.cos(PI * x) * Math.sin(PI * y) * Math.sin(PI * z);
        };
        CellCentredSystem3d sys = fv.assemble(k, f);
        double[] u = TestSolve.cg(sys.a(), sys.b());
        double err = 0.0;
        for (int c = 0; c < u.length; c++) {
            err = Math.max(err, Math.abs(u[c] - exact[c]));
        }
        return err;
    }

    @Test
    void manufacturedSolutionConvergesAtSecondOrder() {
        for (boolean variable : new boolean[] {false, true}) {
            double[] h = {1.0 / 8, 1.0 / 16, 1.0 / 24};
            double[] err = {error(8, variable), error(16, variable), error(24, variable)};
            assertTrue(err[2] < 5e-3, "error at 24^3 " + err[2]);
            double slope = TestSolve.slope(h, err);
            assertTrue(slope > 1.8 && slope < 2.3, "order " + slope + " (K variable: " + variable + ")");
        }
    }

    @Test
    void matrixIsSymmetricPositiveDefiniteWithTheSevenPointPattern() {
        int n = 7;
        FiniteVolume3d fv = new FiniteVolume3d(n);
        double[] k = new double[fv.size()];
        for (int c = 0; c < k.length; c++) {
            k[c] = Math.exp(Math.sin(3.0 * c)); // rough, positive
        }
        CsrMatrix a = fv.assemble(k, ScalarField.constant(1.0)).a();
        assertEquals(n * n * n, a.rows());
        assertEquals(7 * n * n * n - 6 * n * n, a.nnz(), "7 entries per row less the missing boundary neighbours");
        assertTrue(a.isSymmetric(0.0), "harmonic faces are exactly symmetric");
        double[] d = a.diagonal();
        int[] ptr = a.rowPtr();
        double[] val = a.values();
        for (int i = 0; i < a.rows(); i++) {
            double off = 0.0;
            for (int q = ptr[i]; q < ptr[i + 1]; q++) {
                off += a.colIdx()[q] == i ? 0.0 : -val[q];
            }
            assertTrue(d[i] >= off - 1e-12 && off > 0, "diagonally dominant M-matrix row " + i);
        }
        assertTrue(Cholesky.analyze(a).factor(a).ok(), "SPD: Cholesky succeeds");
        // a second assembly shares the index arrays (only values change between samples)
        CsrMatrix b = fv.assemble(Arrays.copyOf(k, k.length), ScalarField.constant(2.0)).a();
        assertTrue(a.rowPtr() == b.rowPtr() || Arrays.equals(a.rowPtr(), b.rowPtr()));
        assertTrue(a.samePattern(b));
    }

    @Test
    void badInputIsRefusedWithTheCell() {
        FiniteVolume3d fv = new FiniteVolume3d(3);
        double[] k = new double[27];
        Arrays.fill(k, 1.0);
        k[13] = 0.0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fv.assemble(k, ScalarField.constant(1.0)));
        assertTrue(e.getMessage().contains("(1, 1, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fv.assemble(new double[26], ScalarField.constant(1.0)));
        assertThrows(IllegalArgumentException.class, () -> new FiniteVolume3d(1));
    }
}
