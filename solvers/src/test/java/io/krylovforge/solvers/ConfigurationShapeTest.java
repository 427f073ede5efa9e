package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.BiCgStabL;
import io.krylovforge.solvers.krylov.BiCgStabLOptions;
import io.krylovforge.solvers.krylov.FlexibleGmres;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.GmresOptions;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.krylov.Reorthogonalization;
import io.krylovforge.solvers.recycle.GcroDr;
import io.krylovforge.solvers.recycle.GcroDrOptions;
import io.krylovforge.solvers.recycle.RecycledConjugateGradient;
import io.krylovforge.solvers.recycle.RecycledConjugateGradientOptions;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.stationary.ChebyshevIteration;
import io.krylovforge.solvers.stationary.ChebyshevIterationOptions;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue #23's one configuration shape: a solver built from its typed options record solves
 * exactly as the same solver built by name from a {@link SolverSpec} (same iterations, same
 * solution bits), the old positional constructors still agree, and bad options fail at once.
 */
class ConfigurationShapeTest {
    private static final SolverOptions OPTS = SolverOptions.defaults().withRtol(1e-9).withMaxIterations(5000);

    /** Solves convection–diffusion (nonsymmetric) and returns the result; x is left in {@code out}. */
    private static SolveResult solve(IterativeSolver s, CsrMatrix a, DenseVector out) {
        DenseVector b = TestProblems.rhsOnes(a);
        SolveResult r = s.solve(a, b, out, OPTS);
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, out) <= 1e-9);
        return r;
    }

    private static void assertSame(IterativeSolver typed, IterativeSolver byName, CsrMatrix a) {
        DenseVector x1 = DenseVector.zeros(a.rows());
        DenseVector x2 = DenseVector.zeros(a.rows());
        assertEquals(solve(typed, a, x1).iterations(), solve(byName, a, x2).iterations());
        assertArrayEquals(x1.data(), x2.data(), 0.0);
    }

    @Test
    void typedRecordsAndRegistryNamesBuildTheSameSolvers() {
        CsrMatrix a = TestProblems.convDiff(24, 0.5);
        SolverSpec spec = SolverSpec.defaults().withRestart(20);
        assertSame(new Gmres(GmresOptions.defaults().withRestart(20)), Solvers.create("gmres", spec), a);
        assertSame(new FlexibleGmres(GmresOptions.defaults().withRestart(20)), Solvers.create("fgmres", spec), a);
        assertSame(new BiCgStabL(BiCgStabLOptions.defaults()), Solvers.create("bicgstabl", spec), a);
        assertSame(new GcroDr(GcroDrOptions.defaults().withRecycle(8).withRestart(20).withRefreshEvery(4)),
                Solvers.create("gcrodr", spec.withRecycle(8)), a);
        CsrMatrix spd = TestProblems.laplace2d(20);
        assertSame(new RecycledConjugateGradient(RecycledConjugateGradientOptions.defaults().withDeflation(8)),
                Solvers.create("rcg", spec.withRecycle(8)), spd);
        assertSame(new ChebyshevIteration(ChebyshevIterationOptions.defaults()), Solvers.create("chebyshev", spec), spd);
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedPositionalConstructorsMatchTheRecords() {
        CsrMatrix a = TestProblems.convDiff(24, 0.5);
        assertSame(new Gmres(GmresOptions.defaults().withRestart(25)
                        .withReorthogonalization(Reorthogonalization.IF_NEEDED).withSide(PreconditionerSide.LEFT)),
                new Gmres(25, true, PreconditionerSide.LEFT), a);
        assertSame(new GcroDr(GcroDrOptions.defaults().withRecycle(5).withRestart(15)), new GcroDr(15, 5), a);
        CsrMatrix spd = TestProblems.laplace2d(20);
        // λ(A) of the 5-point Laplacian (h² scaled) lies in (0, 8)
        assertSame(new ChebyshevIteration(ChebyshevIterationOptions.defaults().withLowerBound(0.02).withUpperBound(8.0)),
                new ChebyshevIteration(0.02, 8.0), spd);
        assertEquals(new Gmres(GmresOptions.defaults().withRestart(25)
                        .withReorthogonalization(Reorthogonalization.IF_NEEDED)).options(),
                ((Gmres) Solvers.create("gmres", SolverParameters.defaults().withRestart(25)
                        .withReorthogonalization(Reorthogonalization.IF_NEEDED))).options());
    }

    @Test
    void badOptionsFailAtOnceNamingTheOption() {
        assertMessage("restart", () -> GmresOptions.defaults().withRestart(0));
        assertMessage("side", () -> GmresOptions.defaults().withSide(null));
        assertMessage("right", () -> new FlexibleGmres(GmresOptions.defaults().withSide(PreconditionerSide.LEFT)));
        assertMessage("l >= 1", () -> BiCgStabLOptions.defaults().withEll(0));
        assertMessage("collect", () -> RecycledConjugateGradientOptions.defaults().withDeflation(30));
        assertMessage("0 <= k < m", () -> GcroDrOptions.defaults().withRestart(10));
        assertMessage("lower < upper", () -> ChebyshevIterationOptions.defaults().withLowerBound(2.0).withUpperBound(1.0));
        assertMessage("both", () -> new ChebyshevIteration(ChebyshevIterationOptions.defaults().withLowerBound(0.5)));
        assertMessage("valid names: cg", () -> Solvers.create("gmress", SolverSpec.defaults()));
        assertMessage("valid names: cg", () -> SolverSpec.defaults().withSolver("gmress"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void sequencePreconditionerReuseIsNamed() {
        Supplier<io.krylovforge.core.solve.Preconditioner> none = () -> null;
        SequenceOptions fresh = SequenceOptions.defaults().withPreconditioner(none,
                SequenceOptions.PreconditionerReuse.FRESH_PER_SYSTEM);
        assertEquals(SequenceOptions.PreconditionerReuse.FRESH_PER_SYSTEM, fresh.preconditionerReuse());
        assertEquals(fresh, SequenceOptions.defaults().withPreconditioner(none, false));
        assertEquals(SequenceOptions.PreconditionerReuse.UPDATE_PER_CHAIN,
                SequenceOptions.defaults().preconditionerReuse());
        SequenceOptions g = SequenceOptions.defaults().withGroup(7).withSeed(3L);
        assertEquals(7, g.group());
        assertEquals(3L, g.seed());
        assertEquals(g, SequenceOptions.defaults().withGroup(7, 3L));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
