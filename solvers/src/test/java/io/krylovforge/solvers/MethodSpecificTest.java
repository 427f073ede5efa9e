package io.krylovforge.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.solvers.krylov.BiCgStab;
import io.krylovforge.solvers.krylov.BiCgStabL;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import io.krylovforge.solvers.krylov.FlexibleGmres;
import io.krylovforge.solvers.krylov.Gmres;
import io.krylovforge.solvers.krylov.Minres;
import io.krylovforge.solvers.krylov.PipelinedConjugateGradient;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.krylov.Tfqmr;
import io.krylovforge.solvers.stationary.ChebyshevIteration;
import io.krylovforge.core.solve.LanczosEstimator;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Method-specific behaviour: preconditioning, indefinite MINRES, multi-RHS, Lanczos, registry. */
class MethodSpecificTest {
    private static final SolverOptions OPTS = SolverOptions.defaults().withRtol(1e-10).withMaxIterations(3000);

    private static DenseVector seededRhs(int n, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return DenseVector.wrap(v);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 1.0, 2.5})
    void minresSolvesSymmetricIndefiniteSystems(double sigma) {
        CsrMatrix a = TestProblems.shifted(TestProblems.laplace2d(20), sigma);
        DenseVector b = seededRhs(a.rows(), 7);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = new Minres().solve(a, b, x, OPTS);
        assertEquals(StopReason.CONVERGED_RTOL, r.reason(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-10);
        // CG fails honestly on the same system
        SolveResult cg = new ConjugateGradient().solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        assertEquals(StopReason.DIVERGED_INDEFINITE_MATRIX, cg.reason(), cg.summary());
    }

    @Test
    void preconditionedMinresOnIndefiniteSystemWithVaryingDiagonal() {
        // scale rows/cols by a positive diagonal so Jacobi matters; keeps symmetry
        CsrMatrix base = TestProblems.shifted(TestProblems.laplace2d(16), 1.0);
        int n = base.rows();
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = 1.0 + 9.0 * (i % 7) / 6.0;
        }
        io.krylovforge.core.linalg.CooBuilder c = new io.krylovforge.core.linalg.CooBuilder(n, n);
        base.forEach((i, j, v) -> c.add(i, j, s[i] * v * s[j]));
        CsrMatrix a = c.build();
        DenseVector b = seededRhs(n, 3);
        DenseVector x = DenseVector.zeros(n);
        SolveResult plain = new Minres().solve(a, b, x, OPTS);
        DenseVector xp = DenseVector.zeros(n);
        SolveResult pre = new Minres().solve(a, b, xp,
                OPTS.withPreconditioner(new TestProblems.DiagonalPreconditioner()));
        assertTrue(plain.converged() && pre.converged(), plain.summary() + " / " + pre.summary());
        // the tested norm is the M^-1 norm; the true residual must still be small
        assertTrue(TestProblems.relativeResidual(a, b, xp) <= 1e-8, pre.summary());
        assertTrue(pre.iterations() < plain.iterations(), pre.summary() + " vs " + plain.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"LEFT", "RIGHT"})
    void gmresPreconditionedOnBothSides(String side) {
        CsrMatrix a = TestProblems.convDiff(24, 2.0);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        Gmres g = new Gmres(20, true, PreconditionerSide.valueOf(side));
        SolveResult r = g.solve(a, b, x, OPTS.withPreconditioner(new TestProblems.DiagonalPreconditioner()));
        assertTrue(r.converged(), r.summary());
        double rel = TestProblems.relativeResidual(a, b, x);
        assertEquals(rel, r.relativeResidual(), 1e-12 + 1e-6 * rel);
        if (side.equals("RIGHT")) {
            assertTrue(rel <= 1e-10);
        } else {
            assertTrue(rel <= 1e-8); // LEFT tests ||M^-1 r|| <= rtol ||M^-1 b||
        }
    }

    @Test
    void reorthogonalisationDoesNotChangeTheAnswer() {
        CsrMatrix a = TestProblems.convDiff(16, 0.5);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x1 = DenseVector.zeros(a.rows());
        DenseVector x2 = DenseVector.zeros(a.rows());
        SolveResult r1 = new Gmres(30, false, PreconditionerSide.RIGHT).solve(a, b, x1, OPTS);
        SolveResult r2 = new Gmres(30, true, PreconditionerSide.RIGHT).solve(a, b, x2, OPTS);
        assertTrue(r1.converged() && r2.converged());
        assertEquals(r1.iterations(), r2.iterations(), 2);
    }

    @Test
    void luckyBreakdownOnAnInvariantSubspace() {
        // A = diag(1..4) and b = e0 + e1: the Krylov space is 2-dimensional.
        CsrMatrix a = CsrMatrix.of(4, 4, new int[] {0, 1, 2, 3, 4}, new int[] {0, 1, 2, 3}, new double[] {1, 2, 3, 4});
        DenseVector b = DenseVector.of(1, 1, 0, 0);
        for (IterativeSolver s : new IterativeSolver[] {new Gmres(), new FlexibleGmres(), new Minres()}) {
            DenseVector x = DenseVector.zeros(4);
            SolveResult r = s.solve(a, b, x, SolverOptions.defaults().withRtol(1e-14));
            assertTrue(r.converged(), s.name() + ": " + r.summary());
            assertTrue(r.iterations() <= 2, s.name() + ": " + r.summary());
            assertArrayEquals(new double[] {1, 0.5, 0, 0}, x.toArray(), 1e-14);
        }
    }

    /** A preconditioner that changes every application: a few Jacobi sweeps, count cycling 1..3. */
    static final class VaryingJacobi implements Preconditioner {
        private double[] d;
        private CsrMatrix a;
        private int calls;

        @Override
        public void setUp(LinearOperator op) {
            a = (CsrMatrix) op;
            d = a.diagonal();
        }

        @Override
        public void apply(Vector r, Vector z) {
            double[] ra = DenseVector.array(r);
            double[] za = DenseVector.array(z);
            int sweeps = 1 + (calls++ % 3);
            java.util.Arrays.fill(za, 0.0);
            double[] az = new double[za.length];
            for (int s = 0; s < sweeps; s++) {
                a.multiply(za, az);
                for (int i = 0; i < za.length; i++) {
                    za[i] += 0.7 * (ra[i] - az[i]) / d[i];
                }
            }
        }
    }

    @Test
    void flexibleGmresToleratesAVaryingPreconditioner() {
        CsrMatrix a = TestProblems.convDiff(24, 1.0);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = new FlexibleGmres(20).solve(a, b, x, OPTS.withPreconditioner(new VaryingJacobi()));
        assertEquals(StopReason.CONVERGED_RTOL, r.reason(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-10);
        SolveResult plain = new FlexibleGmres(20).solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        assertTrue(r.iterations() < plain.iterations(), r.summary() + " vs " + plain.summary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bicgstab", "bicgstabl", "tfqmr", "pipecg", "cg", "minres", "richardson", "chebyshev"})
    void diagonalPreconditioningWorks(String name) {
        // SPD with a strongly varying diagonal: Jacobi helps every method
        CsrMatrix base = TestProblems.laplace2d(20);
        int n = base.rows();
        io.krylovforge.core.linalg.CooBuilder c = new io.krylovforge.core.linalg.CooBuilder(n, n);
        base.forEach((i, j, v) -> c.add(i, j, v * (1.0 + (i % 5)) * (1.0 + (j % 5))));
        CsrMatrix a = c.build();
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(n);
        SolverParameters p = SolverParameters.defaults().withOmega(name.equals("richardson") ? 0.24 : 1.0);
        SolverOptions o = SolverOptions.defaults().withRtol(name.equals("richardson") ? 1e-4 : 1e-9)
                .withMaxIterations(4000).withPreconditioner(new TestProblems.DiagonalPreconditioner());
        SolveResult r = Solvers.create(name, p).solve(a, b, x, o);
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= o.rtol());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void biCgStabLConvergesOnConvectionDominatedProblem(int ell) {
        CsrMatrix a = TestProblems.convDiff(24, 4.0);
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = new BiCgStabL(ell).solve(a, b, x, OPTS);
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-10);
    }

    @Test
    void biCgStabLOfDegreeOneTracksBiCgStab() {
        CsrMatrix a = TestProblems.convDiff(20, 0.5);
        DenseVector b = TestProblems.rhsOnes(a);
        SolveResult one = new BiCgStabL(1).solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        SolveResult ref = new BiCgStab().solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        assertTrue(one.converged() && ref.converged());
        assertEquals(ref.iterations(), one.iterations(), 2, one.summary() + " vs " + ref.summary());
    }

    @Test
    void pipelinedCgMatchesCgIterationCounts() {
        CsrMatrix a = TestProblems.laplace2d(40);
        DenseVector b = TestProblems.rhsOnes(a);
        SolveResult cg = new ConjugateGradient().solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult pipe = new PipelinedConjugateGradient().solve(a, b, x, OPTS);
        assertTrue(pipe.converged(), pipe.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-10);
        assertEquals(cg.iterations(), pipe.iterations(), 3);
    }

    @Test
    void pipelinedCgFallsBackToVectorOpsOnOtherVectors() {
        // A Vector that is not a DenseVector forces the unfused path.
        CsrMatrix a = TestProblems.laplace2d(12);
        DenseVector b = TestProblems.rhsOnes(a);
        Vector bw = new ForwardingVector(b.copy());
        Vector xw = new ForwardingVector(DenseVector.zeros(a.rows()));
        LinearOperator op = new LinearOperator() {
            public int rows() {
                return a.rows();
            }

            public int cols() {
                return a.cols();
            }

            public void apply(Vector x, Vector y) {
                a.apply(((ForwardingVector) x).inner, ((ForwardingVector) y).inner);
            }
        };
        SolveResult fused = new PipelinedConjugateGradient().solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        SolveResult plain = new PipelinedConjugateGradient().solve(op, bw, xw, OPTS);
        assertTrue(plain.converged(), plain.summary());
        assertEquals(fused.iterations(), plain.iterations(), 1);
        assertTrue(TestProblems.relativeResidual(a, b, DenseVector.wrap(xw.toArray())) <= 1e-10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cg", "pipecg", "minres", "gmres", "fgmres", "bicgstab", "bicgstabl", "tfqmr",
        "richardson", "chebyshev"})
    void vectorOnlyMethodsRunOnANonHostVectorType(String name) {
        // Only Vector/LinearOperator operations may be used: a foreign Vector type must work.
        CsrMatrix a = TestProblems.laplace2d(10);
        DenseVector b = TestProblems.rhsOnes(a);
        ForwardingVector xw = new ForwardingVector(DenseVector.zeros(a.rows()));
        LinearOperator op = new LinearOperator() {
            public int rows() {
                return a.rows();
            }

            public int cols() {
                return a.cols();
            }

            public void apply(Vector x, Vector y) {
                a.apply(((ForwardingVector) x).inner, ((ForwardingVector) y).inner);
            }
        };
        SolverParameters p = SolverParameters.defaults().withOmega(0.24);
        SolverOptions o = SolverOptions.defaults().withRtol(1e-7).withMaxIterations(3000);
        SolveResult r = Solvers.create(name, p).solve(op, new ForwardingVector(b.copy()), xw, o);
        assertTrue(r.converged(), r.summary());
        assertTrue(TestProblems.relativeResidual(a, b, DenseVector.wrap(xw.toArray())) <= 1e-7);
    }

    @Test
    void lanczosBracketsTheSpectrumOfTheLaplacian() {
        int n = 30;
        CsrMatrix a = TestProblems.laplace2d(n);
        // eigenvalues 4 sin^2(pi i / (2(n+1))) + 4 sin^2(pi j / (2(n+1)))
        double s1 = Math.sin(Math.PI / (2.0 * (n + 1)));
        double sn = Math.sin(Math.PI * n / (2.0 * (n + 1)));
        double lmin = 8 * s1 * s1;
        double lmax = 8 * sn * sn;
        LanczosEstimator.Bounds e = new LanczosEstimator(20, 42).estimate(a, null, DenseVector.zeros(a.rows()));
        assertEquals(20, e.steps());
        assertTrue(e.max() <= lmax * (1 + 1e-12) && e.max() > 0.97 * lmax, "max " + e.max() + " vs " + lmax);
        assertTrue(e.min() >= lmin * (1 - 1e-12), "Ritz values interlace: min " + e.min() + " vs " + lmin);
        assertTrue(e.safeMax() >= lmax, "safe upper bound " + e.safeMax() + " vs " + lmax);
    }

    @Test
    void lanczosIsExactOnSmallMatricesAndBisectionIsAccurate() {
        // 1-D Dirichlet Laplacian of size 6: eigenvalues 2 - 2 cos(k pi / 7)
        io.krylovforge.core.linalg.CooBuilder c = new io.krylovforge.core.linalg.CooBuilder(6, 6);
        for (int i = 0; i < 6; i++) {
            c.add(i, i, 2);
            if (i > 0) {
                c.add(i, i - 1, -1);
                c.add(i - 1, i, -1);
            }
        }
        LanczosEstimator.Bounds e = new LanczosEstimator(50, 1).estimate(c.build(), null, DenseVector.zeros(6));
        assertEquals(2 - 2 * Math.cos(Math.PI / 7), e.min(), 1e-10);
        assertEquals(2 - 2 * Math.cos(6 * Math.PI / 7), e.max(), 1e-10);
        double[] alpha = {2, 2, 2, 2};
        double[] beta = {-1, -1, -1};
        for (int k = 0; k < 4; k++) {
            assertEquals(2 - 2 * Math.cos((k + 1) * Math.PI / 5),
                    LanczosEstimator.tridiagonalEigenvalue(alpha, beta, 4, k), 1e-13);
        }
    }

    @Test
    void chebyshevWithGivenBoundsAndWithTooSmallUpperBound() {
        int n = 16;
        CsrMatrix a = TestProblems.laplace2d(n);
        double s1 = Math.sin(Math.PI / (2.0 * (n + 1)));
        double sn = Math.sin(Math.PI * n / (2.0 * (n + 1)));
        DenseVector b = TestProblems.rhsOnes(a);
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult exact = new ChebyshevIteration(8 * s1 * s1, 8 * sn * sn).solve(a, b, x, OPTS);
        assertTrue(exact.converged(), exact.summary());
        assertTrue(TestProblems.relativeResidual(a, b, x) <= 1e-10);
        SolveResult estimated = new ChebyshevIteration().solve(a, b, DenseVector.zeros(a.rows()), OPTS);
        assertTrue(estimated.converged(), estimated.summary());
        // an interval missing the top of the spectrum makes the iteration diverge, honestly
        DenseVector xb = DenseVector.zeros(a.rows());
        SolveResult bad = new ChebyshevIteration(8 * s1 * s1, 4.0).solve(a, b, xb, OPTS);
        assertEquals(StopReason.DIVERGED_DTOL, bad.reason(), bad.summary());
        assertTrue(TestProblems.finite(xb));
    }

    @Test
    void registryNamesAutoAndErrors() {
        for (String name : Solvers.names()) {
            IterativeSolver s = Solvers.create(name, SolverParameters.defaults());
            if (!name.equals("pcg") && !name.equals("auto")) {
                assertEquals(name, s.name());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Solvers.create("cgs", SolverParameters.defaults()));
        assertTrue(e.getMessage().contains("gmres") && e.getMessage().contains("cgs"), e.getMessage());
        assertTrue(Solvers.choose("auto", TestProblems.laplace2d(4), null) instanceof ConjugateGradient);
        assertTrue(Solvers.choose("auto", TestProblems.convDiff(4, 0.5), null) instanceof Gmres);
        assertTrue(Solvers.choose("AUTO", TestProblems.shifted(TestProblems.laplace2d(4), 9.0), null) instanceof Gmres,
                "negative diagonal is not CG material");
        Gmres g = (Gmres) Solvers.create("gmres", SolverParameters.defaults().withRestart(40).withSide(PreconditionerSide.LEFT));
        assertEquals(40, g.restart());
        assertEquals(PreconditionerSide.LEFT, g.side());
        assertEquals(30, new Gmres().restart());
        assertEquals(3, ((BiCgStabL) Solvers.create("bicgstabl", SolverParameters.defaults().withEll(3))).ell());
        assertThrows(IllegalArgumentException.class, () -> SolverParameters.defaults().withRestart(0));
        assertThrows(IllegalArgumentException.class, () -> new io.krylovforge.solvers.stationary.Jacobi(2.5));
        assertThrows(IllegalArgumentException.class, () -> Solvers.create("sor", SolverParameters.defaults().withOmega(2.0)));
        assertTrue(Solvers.create("tfqmr") instanceof Tfqmr);
    }

    /** A Vector implementation that is not a DenseVector (wraps one), for fallback paths. */
    static final class ForwardingVector implements Vector {
        final DenseVector inner;

        ForwardingVector(DenseVector inner) {
            this.inner = inner;
        }

        private static DenseVector in(Vector v) {
            return ((ForwardingVector) v).inner;
        }

        public int size() {
            return inner.size();
        }

        public io.krylovforge.core.backend.Backend backend() {
            return BACKEND;
        }

        /** A backend with only the default (unfused) steps, like a device backend would start. */
        static final io.krylovforge.core.backend.Backend BACKEND = new io.krylovforge.core.backend.Backend() {
            public String name() {
                return "forwarding";
            }

            public Vector zeros(int n) {
                return new ForwardingVector(DenseVector.zeros(n));
            }
        };

        public double dot(Vector y) {
            return inner.dot(in(y));
        }

        public double norm2() {
            return inner.norm2();
        }

        public void axpy(double a, Vector x) {
            inner.axpy(a, in(x));
        }

        public void axpby(double a, Vector x, double b) {
            inner.axpby(a, in(x), b);
        }

        public void scale(double a) {
            inner.scale(a);
        }

        public void copyFrom(Vector x) {
            inner.copyFrom(in(x));
        }

        public void fill(double value) {
            inner.fill(value);
        }

        public Vector zerosLike() {
            return new ForwardingVector(inner.zerosLike());
        }

        public double[] toArray() {
            return inner.toArray();
        }

        public void setFrom(double[] values) {
            inner.setFrom(values);
        }
    }
}
