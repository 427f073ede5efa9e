package io.krylovforge.solvers.recycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import org.junit.jupiter.api.Test;

class RecycledConjugateGradientTest {

    @Test
    void spdSequenceConvergesWithFewerIterationsThanCg() {
        int s = 40;
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8);
        RecycledConjugateGradient cg = new RecycledConjugateGradient(0, 0);
        RecycledConjugateGradient rcg = new RecycledConjugateGradient(10, 30);
        DeflationSpace space = DeflationSpace.empty();
        int itsCg = 0;
        int itsRcg = 0;
        for (int i = 0; i < 20; i++) {
            CsrMatrix a = TestProblems.symmetricDiffusion(s, 1.5, 0.01 * i);
            assertTrue(a.isSymmetric(1e-14));
            Vector b = TestProblems.randomVector(s * s, 200 + i);
            Vector x1 = b.zerosLike();
            SolveResult r1 = cg.solve(a, b, x1, o);
            Vector x2 = b.zerosLike();
            SolveResult r2 = rcg.solve(a, b, x2, o, space);
            assertEquals(StopReason.CONVERGED_RTOL, r1.reason(), r1.summary());
            assertEquals(StopReason.CONVERGED_RTOL, r2.reason(), r2.summary());
            double rel = TestProblems.relres(a, b, x2);
            assertTrue(rel <= 1e-8, "system " + i + ": " + rel);
            itsCg += r1.iterations();
            itsRcg += r2.iterations();
        }
        assertEquals(10, space.dimension());
        assertEquals(RecycleSpace.bytesNeeded(s * s, 10), space.bytes());
        assertTrue(itsRcg < 0.8 * itsCg, "deflated " + itsRcg + " vs CG " + itsCg);
    }

    @Test
    void kZeroIsPlainCgAndZeroRhs() {
        CsrMatrix a = Stencils.laplacian2d(12, 12);
        Vector b = DenseVector.ones(144);
        Vector x = b.zerosLike();
        SolveResult r = new RecycledConjugateGradient(0, 0).solve(a, b, x, SolverOptions.defaults());
        assertTrue(r.converged());
        assertTrue(TestProblems.relres(a, b, x) <= 1e-8);
        Vector x0 = DenseVector.ones(144);
        SolveResult z = new RecycledConjugateGradient().solve(a, DenseVector.zeros(144), x0,
                SolverOptions.defaults().withNonzeroGuess(true), DeflationSpace.empty());
        assertEquals(StopReason.CONVERGED_ZERO_RHS, z.reason());
        assertEquals(0.0, x0.norm2());
    }

    @Test
    void maxIterationsContract() {
        CsrMatrix a = Stencils.laplacian2d(10, 10);
        Vector b = DenseVector.ones(100);
        java.util.List<Integer> calls = new java.util.ArrayList<>();
        DeflationSpace space = DeflationSpace.empty();
        RecycledConjugateGradient rcg = new RecycledConjugateGradient(4, 8);
        rcg.solve(a, b, b.zerosLike(), SolverOptions.defaults(), space); // builds a space
        Vector x = b.zerosLike();
        SolveResult r = rcg.solve(a, b, x, SolverOptions.defaults().withMaxIterations(1)
                .withMonitor((k, rn) -> calls.add(k)), space);
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, r.reason());
        assertEquals(java.util.List.of(0, 1), calls);
        assertEquals(TestProblems.relres(a, b, x) * b.norm2(), r.residualNorm(), 1e-12);
        assertArrayEqualsOnes(b);
    }

    private static void assertArrayEqualsOnes(Vector b) {
        for (double v : b.toArray()) {
            assertEquals(1.0, v);
        }
    }

    @Test
    void indefiniteMatrixIsReported() {
        CsrMatrix a = Stencils.laplacian2d(6, 6).scale(-1.0);
        Vector x = DenseVector.zeros(36);
        SolveResult r = new RecycledConjugateGradient().solve(a, DenseVector.ones(36), x, SolverOptions.defaults());
        assertEquals(StopReason.DIVERGED_INDEFINITE_MATRIX, r.reason());
        assertTrue(Double.isFinite(x.norm2()));
    }

    @Test
    void sameSystemAgainIsCheaperWithJacobi() {
        CsrMatrix a = TestProblems.symmetricDiffusion(30, 2.0, 0.0);
        Vector b = TestProblems.randomVector(900, 5);
        SolverOptions o = SolverOptions.defaults().withRtol(1e-10).withPreconditioner(new GcroDrTest.Jacobi());
        DeflationSpace space = DeflationSpace.empty();
        RecycledConjugateGradient rcg = new RecycledConjugateGradient(10, 30);
        Vector x = b.zerosLike();
        SolveResult first = rcg.solve(a, b, x, o, space);
        x.fill(0.0);
        SolveResult second = rcg.solve(a, b, x, o, space);
        assertTrue(first.converged() && second.converged());
        assertTrue(TestProblems.relres(a, b, x) <= 1e-10);
        assertTrue(second.iterations() < first.iterations(), second.iterations() + " vs " + first.iterations());
    }
}
