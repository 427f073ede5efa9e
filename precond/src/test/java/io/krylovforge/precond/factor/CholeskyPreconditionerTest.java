package io.krylovforge.precond.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.precond.TestMatrices;
import org.junit.jupiter.api.Test;

/** {@code --precond cholesky}: M = A through the supernodal Cholesky, or of a nearby SPD matrix. */
class CholeskyPreconditionerTest {

    @Test
    void registryNameGivesTheExactInverse() {
        CsrMatrix a = TestMatrices.laplace2d(24);
        Preconditioner m = Preconditioners.create("cholesky");
        m.setUp(a);
        assertEquals("cholesky", m.name());
        assertTrue(m.isSymmetric(), "PCG needs a symmetric M");
        double[] b = TestMatrices.random(a.rows(), 3);
        assertTrue(TestMatrices.relativeResidual(a, b, TestMatrices.apply(m, b)) < 1e-12);
        double[] x = new double[a.rows()];
        SolveResult r = TestMatrices.pcg(a, b, x, m, 1e-10);
        assertTrue(r.converged());
        assertTrue(r.iterations() <= 2, "exact M: PCG converges at once, took " + r.iterations());
    }

    @Test
    void factorsOfANearbyMatrixPreconditionTheNextSample() {
        CsrMatrix a0 = TestMatrices.laplace2d(32);
        double[] v = a0.values();
        int[] rp = a0.rowPtr();
        int[] ci = a0.colIdx();
        for (int i = 0; i < a0.rows(); i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                if (ci[p] == i) {
                    v[p] += 0.002 * (1 + i % 7); // a nearby SPD matrix of the same pattern
                }
            }
        }
        CsrMatrix a1 = a0.withValues(v);
        Cholesky chol = Cholesky.analyze(a0);
        assertTrue(chol.factor(a0).ok());
        Preconditioner m = ExactFactorization.of(chol);
        double[] b = TestMatrices.random(a1.rows(), 5);
        double[] x = new double[a1.rows()];
        SolveResult pre = TestMatrices.pcg(a1, b, x, m, 1e-10);
        double[] y = new double[a1.rows()];
        SolveResult plain = TestMatrices.pcg(a1, b, y, null, 1e-10);
        assertTrue(pre.converged() && plain.converged());
        assertTrue(TestMatrices.relativeResidual(a1, b, x) < 1e-9);
        assertTrue(pre.iterations() * 3 < plain.iterations(),
                "nearby factors: " + pre.iterations() + " vs unpreconditioned " + plain.iterations());
    }

    @Test
    void anIndefiniteMatrixFailsTheSetUpNamingTheColumn() {
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1.0, -1.0});
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> Preconditioners.create("cholesky").setUp(a));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
    }
}
