package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.PreconditionerParameters;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.precond.amg.AmgOptions;
import io.krylovforge.precond.amg.Cycle;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.precond.factor.IncompleteCholesky0;
import io.krylovforge.precond.factor.IncompleteLuThreshold;
import io.krylovforge.precond.factor.IncompleteLuThresholdOptions;
import io.krylovforge.precond.factor.PivotBreakdown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue #23's one configuration shape for preconditioners: typed options records, the registry
 * by name with {@link PreconditionerParameters}, and the deprecated positional forms all build the
 * same preconditioner (same PCG iterations, same bits); bad options fail at once.
 */
class PreconditionerOptionsTest {
    private static double[] pcg(CsrMatrix a, Preconditioner m, int[] iterations) {
        double[] b = TestMatrices.random(a.rows(), 5L);
        double[] x = new double[a.rows()];
        SolveResult r = TestMatrices.pcg(a, b, x, m, 1e-10);
        assertTrue(r.converged(), r.summary());
        assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-10);
        iterations[0] = r.iterations();
        return x;
    }

    private static void assertSame(Preconditioner typed, Preconditioner other, CsrMatrix a) {
        int[] k1 = new int[1];
        int[] k2 = new int[1];
        double[] x1 = pcg(a, typed, k1);
        double[] x2 = pcg(a, other, k2);
        assertEquals(k1[0], k2[0]);
        assertArrayEquals(x1, x2, 0.0);
    }

    @Test
    @SuppressWarnings("deprecation")
    void typedRecordsRegistryAndOldFormsAgree() {
        CsrMatrix a = TestMatrices.laplace2d(24);
        PreconditionerParameters p = PreconditionerParameters.defaults();
        assertSame(new ChebyshevPolynomial(ChebyshevPolynomialOptions.defaults().withDegree(3)),
                Preconditioners.create("chebyshev", p.withDegree(3)), a);
        assertSame(new ChebyshevPolynomial(ChebyshevPolynomialOptions.defaults().withSeed(7L)),
                new ChebyshevPolynomial(4, 7L), a);
        assertSame(new BlockJacobi(8), Preconditioners.create("block-jacobi", p.withBlockSize(8)), a);
        assertSame(new SymmetricSor(1.3), Preconditioners.create("ssor", p.withOmega(1.3)), a);
        assertSame(new IncompleteCholesky0(PivotBreakdown.SHIFT_DIAGONAL), Preconditioners.create("ic0", p), a);
        assertSame(new SmoothedAggregationAmg(AmgOptions.defaults().withTheta(0.08).withCycle(Cycle.W)),
                SmoothedAggregationAmg.builder().theta(0.08).cycle(Cycle.W).build(), a);
        assertSame(new SmoothedAggregationAmg(), Preconditioners.create("amg", p), a);
        assertEquals(AmgOptions.defaults().withMaxLevels(3),
                new SmoothedAggregationAmg(AmgOptions.defaults().withMaxLevels(3)).options());
        // ILUT on a nonsymmetric-safe SPD case: PCG needs a symmetric M, so compare by apply()
        IncompleteLuThreshold typed = new IncompleteLuThreshold(
                IncompleteLuThresholdOptions.defaults().withDropTolerance(1e-3).withFill(5));
        Preconditioner named = Preconditioners.create("ilut", p.withDropTolerance(1e-3).withFill(5));
        IncompleteLuThreshold old = new IncompleteLuThreshold(1e-3, 5);
        typed.setUp(a);
        named.setUp(a);
        old.setUp(a);
        double[] r = TestMatrices.random(a.rows(), 9L);
        assertArrayEquals(TestMatrices.apply(typed, r), TestMatrices.apply(named, r), 0.0);
        assertArrayEquals(TestMatrices.apply(typed, r), TestMatrices.apply(old, r), 0.0);
    }

    @Test
    void pivotBreakdownFailThrowsWhereShiftRecovers() {
        // indefinite: IC(0) meets a non-positive pivot
        CsrMatrix a = CsrMatrix.of(2, 2, new int[] {0, 2, 4}, new int[] {0, 1, 0, 1},
                new double[] {1.0, 2.0, 2.0, 1.0});
        assertThrows(PreconditionerFailedException.class, () -> new IncompleteCholesky0(PivotBreakdown.FAIL).setUp(a));
        IncompleteCholesky0 shifted = new IncompleteCholesky0(PivotBreakdown.SHIFT_DIAGONAL);
        shifted.setUp(a);
        assertTrue(shifted.shift() > 0.0);
    }

    @Test
    void badOptionsFailAtOnceNamingTheOption() {
        assertMessage("theta", () -> AmgOptions.defaults().withTheta(1.5));
        assertMessage("maxLevels", () -> AmgOptions.defaults().withMaxLevels(0));
        assertMessage("degree", () -> ChebyshevPolynomialOptions.defaults().withDegree(0));
        assertMessage("drop tolerance", () -> IncompleteLuThresholdOptions.defaults().withDropTolerance(-1.0));
        assertMessage("fill", () -> IncompleteLuThresholdOptions.defaults().withFill(-1));
        assertMessage("omega", () -> PreconditionerParameters.defaults().withOmega(2.0));
        assertMessage("block size", () -> PreconditionerParameters.defaults().withBlockSize(0));
        assertMessage("valid names", () -> Preconditioners.create("ilu1", PreconditionerParameters.defaults()));
    }

    private static void assertMessage(String part, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
