package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * IC(0) and SSOR set up on a 256x256 grid (65 536 rows). Their set-up once copied the matrix
 * arrays per row or entry (minutes at this size, now milliseconds); what is asserted is the symmetry
 * of M⁻¹ that PCG relies on. Set-up speed itself is measured in bench, not here.
 */
class LargeSetUpTest {
    private static DenseVector random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1, 1);
        }
        return DenseVector.wrap(v);
    }

    @Test
    void ic0AndSsorSetUpOnA256GridAndApplyASymmetricInverse() {
        CsrMatrix a = Stencils.laplacian2d(256, 256);
        for (Preconditioner m : new Preconditioner[] {new IncompleteCholesky0(), new SymmetricSor(1.0)}) {
            m.setUp(a);
            DenseVector u = random(a.rows(), 1);
            DenseVector v = random(a.rows(), 2);
            DenseVector mu = DenseVector.zeros(a.rows());
            DenseVector mv = DenseVector.zeros(a.rows());
            m.apply(u, mu);
            m.apply(v, mv);
            double uMv = u.dot(mv);
            double vMu = v.dot(mu);
            assertEquals(uMv, vMu, 1e-10 * Math.abs(uMv), m.name() + ": u'M^-1 v = v'M^-1 u");
        }
    }
}
