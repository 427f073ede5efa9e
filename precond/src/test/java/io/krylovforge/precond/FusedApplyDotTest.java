package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import org.junit.jupiter.api.Test;

/** The fused z = M⁻¹r with rᵀz (PCG's ρ) against the plain apply followed by a dot. */
class FusedApplyDotTest {

    @Test
    void applyDotGivesTheAppliedVectorAndItsDotWithR() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(20), 5L);
        double[] r = TestMatrices.random(a.rows(), 9L);
        for (String name : new String[] {"jacobi", "ssor", "ic0", "block-jacobi", "chebyshev"}) {
            Preconditioner m = Preconditioners.create(name);
            m.setUp(a);
            double[] expected = TestMatrices.apply(m, r);
            double[] z = new double[r.length];
            double rz = m.applyDot(DenseVector.wrap(r.clone()), DenseVector.wrap(z));
            double dot = 0.0;
            for (int i = 0; i < r.length; i++) {
                assertEquals(expected[i], z[i], 0.0, name + ": fused apply differs at row " + i);
                dot += r[i] * expected[i];
            }
            assertEquals(dot, rz, 1e-12 * Math.abs(dot), name + ": r'z");
        }
    }

    @Test
    void ssorAndIc0SweepsInvertTheirFactorsOnAManufacturedVector() {
        CsrMatrix a = TestMatrices.badlyScaled(TestMatrices.laplace2d(16), 2L);
        int n = a.rows();
        double[] z = TestMatrices.random(n, 4L);
        // IC(0): M = L L'; r = L (L' z) must give back z.
        IncompleteCholesky0 ic = new IncompleteCholesky0();
        ic.setUp(a);
        CsrMatrix l = ic.factorL();
        double[] r = l.multiply(l.transpose().multiply(z));
        double[] back = TestMatrices.apply(ic, r);
        for (int i = 0; i < n; i++) {
            assertEquals(z[i], back[i], 1e-10 * (1 + Math.abs(z[i])), "ic0 row " + i);
        }
        // SSOR(w): M = (D + wL) D^-1 (D + wU) / (w (2 - w)).
        double w = 1.3;
        SymmetricSor ssor = new SymmetricSor(w);
        ssor.setUp(a);
        double[][] dense = a.toDense();
        double[] u = new double[n];
        for (int i = 0; i < n; i++) { // u = (D + wU) z
            u[i] = dense[i][i] * z[i];
            for (int j = i + 1; j < n; j++) {
                u[i] += w * dense[i][j] * z[j];
            }
        }
        double[] rs = new double[n];
        for (int i = 0; i < n; i++) { // r = (D + wL) D^-1 u / (w (2 - w))
            double s = u[i];
            for (int j = 0; j < i; j++) {
                s += w * dense[i][j] * u[j] / dense[j][j];
            }
            rs[i] = s / (w * (2 - w));
        }
        double[] z2 = TestMatrices.apply(ssor, rs);
        for (int i = 0; i < n; i++) {
            assertEquals(z[i], z2[i], 1e-10 * (1 + Math.abs(z[i])), "ssor row " + i);
        }
    }
}
