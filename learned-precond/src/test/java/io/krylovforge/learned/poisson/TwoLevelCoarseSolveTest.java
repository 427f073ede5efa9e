package io.krylovforge.learned.poisson;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sparse Cholesky coarse solve gives the dense Galerkin solve's answer (the solver used before
 * the direct module), so the network's coarse correction — and every iteration count built on
 * it — is unchanged up to rounding.
 */
class TwoLevelCoarseSolveTest {

    @Test
    void sparseCoarseSolveEqualsADenseGalerkinSolve() {
        TwoLevelSystem sys = PoissonSamples.sample(0, 0.08, 42L).system();
        TwoLevelSystem.Operators op = sys.operators();
        int n = op.n();
        int nc = op.coarseSize();
        // dense A_c = Pᵀ A P from the exported CSR arrays
        double[][] ap = new double[n][nc];
        for (int i = 0; i < n; i++) {
            for (int k = op.aPtr()[i]; k < op.aPtr()[i + 1]; k++) {
                int j = op.aCol()[k];
                for (int q = op.pPtr()[j]; q < op.pPtr()[j + 1]; q++) {
                    ap[i][op.pCol()[q]] += op.aVal()[k] * op.pVal()[q];
                }
            }
        }
        double[][] ac = new double[nc][nc];
        for (int i = 0; i < n; i++) {
            for (int q = op.pPtr()[i]; q < op.pPtr()[i + 1]; q++) {
                int r = op.pCol()[q];
                for (int c = 0; c < nc; c++) {
                    ac[r][c] += op.pVal()[q] * ap[i][c];
                }
            }
        }
        Random rnd = new Random(5);
        double[] y = new double[nc];
        for (int i = 0; i < nc; i++) {
            y[i] = rnd.nextDouble() - 0.5;
        }
        double[] expected = gauss(ac, y.clone());
        double[] got = y.clone();
        sys.coarseSolve(got);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < nc; i++) {
            assertEquals(expected[i], got[i], 1e-10 * scale, "coarse unknown " + i);
        }
    }

    /** Dense Gaussian elimination with partial pivoting (reference only). */
    private static double[] gauss(double[][] a, double[] b) {
        int m = b.length;
        for (int k = 0; k < m; k++) {
            int p = k;
            for (int i = k + 1; i < m; i++) {
                if (Math.abs(a[i][k]) > Math.abs(a[p][k])) {
                    p = i;
                }
            }
            double[] tr = a[k];
            a[k] = a[p];
            a[p] = tr;
            double tb = b[k];
            b[k] = b[p];
            b[p] = tb;
            for (int i = k + 1; i < m; i++) {
                double f = a[i][k] / a[k][k];
                for (int j = k; j < m; j++) {
                    a[i][j] -= f * a[k][j];
                }
                b[i] -= f * b[k];
            }
        }
        for (int i = m - 1; i >= 0; i--) {
            double s = b[i];
            for (int j = i + 1; j < m; j++) {
                s -= a[i][j] * b[j];
            }
            b[i] = s / a[i][i];
        }
        return b;
    }
}
