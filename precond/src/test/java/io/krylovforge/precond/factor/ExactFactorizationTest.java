package io.krylovforge.precond.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.precond.TestMatrices;
import org.junit.jupiter.api.Test;

class ExactFactorizationTest {

    @Test
    void luPreconditionerIsTheInverseOfA() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(20, 30.0);
        Preconditioner m = Preconditioners.create("lu");
        m.setUp(a);
        double[] b = TestMatrices.random(a.rows(), 5);
        double[] z = TestMatrices.apply(m, b);
        assertTrue(TestMatrices.relativeResidual(a, b, z) < 1e-12);
        assertEquals("lu", m.name());
    }

    @Test
    void aNearbyMatrixOfTheSamePatternIsRefactorisedOnSetUp() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(16, 10.0);
        CsrMatrix a2 = a.scale(2.0);
        Preconditioner m = ExactFactorization.named("lu");
        m.setUp(a);
        m.setUp(a2);
        double[] b = TestMatrices.random(a.rows(), 7);
        assertTrue(TestMatrices.relativeResidual(a2, b, TestMatrices.apply(m, b)) < 1e-12);
    }

    @Test
    void zeroPivotFailsTheSetUpNamingTheColumn() {
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 1, 2}, new int[] {0, 1}, new double[] {1.0, 0.0});
        PreconditionerFailedException e = assertThrows(PreconditionerFailedException.class,
                () -> ExactFactorization.named("lu").setUp(a));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
    }
}
