package io.krylovforge.solvers.recycle;

import io.krylovforge.solvers.krylov.PreconditionerSide;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcroDrTest {

    /** Test-local restarted GMRES(m): MGS Arnoldi, Givens rotations; returns the residual history. */
    static double[] referenceGmres(LinearOperator a, double[] b, int m, double rtol, int maxIts, double[] x) {
        int n = b.length;
        List<Double> hist = new ArrayList<>();
        double bnorm = norm(b);
        double[] r = new double[n];
        residual(a, b, x, r);
        double beta = norm(r);
        hist.add(beta);
        int its = 0;
        while (beta > rtol * bnorm && its < maxIts) {
            double[][] v = new double[m + 1][];
            double[][] h = new double[m + 1][m];
            double[] cs = new double[m];
            double[] sn = new double[m];
            double[] g = new double[m + 1];
            g[0] = beta;
            v[0] = r.clone();
            scale(v[0], 1 / beta);
            int j = 0;
            for (; j < m && its < maxIts; j++) {
                double[] w = new double[n];
                a.apply(v[j], w);
                its++;
                for (int i = 0; i <= j; i++) {
                    double hij = dot(v[i], w);
                    h[i][j] = hij;
                    for (int t = 0; t < n; t++) {
                        w[t] -= hij * v[i][t];
                    }
                }
                h[j + 1][j] = norm(w);
                v[j + 1] = w;
                scale(w, 1 / h[j + 1][j]);
                for (int i = 0; i < j; i++) {
                    double tmp = cs[i] * h[i][j] + sn[i] * h[i + 1][j];
                    h[i + 1][j] = -sn[i] * h[i][j] + cs[i] * h[i + 1][j];
                    h[i][j] = tmp;
                }
                double den = Math.hypot(h[j][j], h[j + 1][j]);
                cs[j] = h[j][j] / den;
                sn[j] = h[j + 1][j] / den;
                h[j][j] = den;
                g[j + 1] = -sn[j] * g[j];
                g[j] *= cs[j];
                hist.add(Math.abs(g[j + 1]));
                if (Math.abs(g[j + 1]) <= rtol * bnorm) {
                    j++;
                    break;
                }
            }
            double[] y = new double[j];
            for (int i = j - 1; i >= 0; i--) {
                double s = g[i];
                for (int l = i + 1; l < j; l++) {
                    s -= h[i][l] * y[l];
                }
                y[i] = s / h[i][i];
            }
            for (int i = 0; i < j; i++) {
                for (int t = 0; t < n; t++) {
                    x[t] += y[i] * v[i][t];
                }
            }
            residual(a, b, x, r);
            beta = norm(r);
        }
        return hist.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void residual(LinearOperator a, double[] b, double[] x, double[] r) {
        a.apply(x, r);
        for (int i = 0; i < b.length; i++) {
            r[i] = b[i] - r[i];
        }
    }

    private static double dot(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * q[i];
        }
        return s;
    }

    private static double norm(double[] p) {
        return Math.sqrt(dot(p, p));
    }

    private static void scale(double[] p, double s) {
        for (int i = 0; i < p.length; i++) {
            p[i] *= s;
        }
    }

    @Test
    void kZeroIsGmresIterationForIteration() {
        CsrMatrix a = Stencils.convectionDiffusion2d(20, 20, 0.5);
        DenseVector b = TestProblems.randomVector(400, 7);
        int m = 15;
        double[] xr = new double[400];
        double[] ref = referenceGmres(a, b.data(), m, 1e-9, 5000, xr);
        DenseVector x = DenseVector.zeros(400);
        SolveResult res = new GcroDr(m, 0).solve(a, b, x, SolverOptions.defaults().withRtol(1e-9));
        assertEquals(StopReason.CONVERGED_RTOL, res.reason());
        double[] hist = res.history();
        assertEquals(ref.length - 1, res.iterations(), "same iteration count as GMRES(m)");
        assertEquals(ref.length, hist.length);
        double bnorm = b.norm2();
        for (int i = 0; i < ref.length; i++) {
            assertEquals(ref[i], hist[i], 1e-9 * bnorm + 1e-6 * ref[i], "residual at iteration " + i);
        }
        assertTrue(TestProblems.relres(a, b, x) <= 1e-9);
        assertTrue(res.iterations() > m, "problem must need restarts to be a real check");
    }

    @Test
    void classicalTwiceMatchesModifiedGramSchmidt() {
        CsrMatrix a = TestProblems.diffusion(24, 1.0, 0.2);
        Vector b = TestProblems.randomVector(576, 9);
        SolverOptions o = SolverOptions.defaults().withRtol(1e-9);
        RecycleSpace s1 = RecycleSpace.empty();
        RecycleSpace s2 = RecycleSpace.empty();
        GcroDr mgs = new GcroDr(new GcroDrOptions(30, 10, PreconditionerSide.RIGHT, Orthogonalization.MODIFIED, 1));
        GcroDr cgs2 = new GcroDr(new GcroDrOptions(30, 10, PreconditionerSide.RIGHT, Orthogonalization.CLASSICAL_TWICE, 1));
        for (int rep = 0; rep < 2; rep++) {
            Vector x1 = b.zerosLike();
            Vector x2 = b.zerosLike();
            SolveResult r1 = mgs.solve(a, b, x1, o, s1);
            SolveResult r2 = cgs2.solve(a, b, x2, o, s2);
            assertTrue(r1.converged() && r2.converged());
            assertTrue(TestProblems.relres(a, b, x2) <= 1e-9);
            assertTrue(Math.abs(r1.iterations() - r2.iterations()) <= 2, r1.iterations() + " vs " + r2.iterations());
        }
    }

    @Test
    void classicalRefinedMatchesModifiedGramSchmidtOnSequence() {
        SolverOptions o = SolverOptions.defaults().withRtol(1e-10);
        RecycleSpace s1 = RecycleSpace.empty();
        RecycleSpace s2 = RecycleSpace.empty();
        GcroDr mgs = new GcroDr(new GcroDrOptions(30, 10, PreconditionerSide.RIGHT, Orthogonalization.MODIFIED, 1));
        GcroDr cgs = new GcroDr(new GcroDrOptions(30, 10, PreconditionerSide.RIGHT, Orthogonalization.CLASSICAL_REFINED, 1));
        for (int i = 0; i < 4; i++) {
            CsrMatrix a = TestProblems.diffusion(24, 1.0, 0.3 * i);
            Vector b = TestProblems.randomVector(576, 40 + i);
            Vector x1 = b.zerosLike();
            Vector x2 = b.zerosLike();
            SolveResult r1 = mgs.solve(a, b, x1, o, s1);
            SolveResult r2 = cgs.solve(a, b, x2, o, s2);
            assertTrue(r1.converged() && r2.converged(), r1.summary() + " / " + r2.summary());
            assertTrue(TestProblems.relres(a, b, x2) <= 1e-10);
            assertTrue(Math.abs(r1.iterations() - r2.iterations()) <= 3, r1.iterations() + " vs " + r2.iterations());
        }
    }

    /**
     * Nearly three distinct eigenvalues: from the fourth Arnoldi step on, A·v is almost in the
     * span of the basis (more than 99.99 % of its norm cancels), so CLASSICAL_REFINED takes its
     * second pass; the solve must still reach the tolerance on the true residual.
     */
    @Test
    void classicalRefinedReorthogonalizesUnderCancellation() {
        int n = 300;
        io.krylovforge.core.linalg.CooBuilder cb = new io.krylovforge.core.linalg.CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            cb.add(i, i, 1.0 + (i % 3));
            if (i + 1 < n) {
                cb.add(i, i + 1, 1e-5);
                cb.add(i + 1, i, -2e-5);
            }
        }
        CsrMatrix a = cb.build();
        Vector b = TestProblems.randomVector(n, 5);
        for (Orthogonalization ortho : Orthogonalization.values()) {
            Vector x = b.zerosLike();
            SolveResult r = new GcroDr(new GcroDrOptions(20, 5, PreconditionerSide.RIGHT, ortho, 1)).solve(a, b, x,
                    SolverOptions.defaults().withRtol(1e-12));
            assertTrue(r.converged(), ortho + ": " + r.summary());
            assertTrue(TestProblems.relres(a, b, x) <= 1e-12, ortho + " true residual");
            assertTrue(r.iterations() <= 40, ortho + " took " + r.iterations());
        }
    }

    @Test
    void repeatedSystemConvergesInAtMostThreeCyclesOnSecondSolve() {
        CsrMatrix a = TestProblems.diffusion(32, 1.0, 0.0);
        Vector b = DenseVector.ones(a.rows());
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8);
        GcroDr solver = new GcroDr(40, 20);
        RecycleSpace space = RecycleSpace.empty();
        Vector x = b.zerosLike();
        SolveResult first = solver.solve(a, b, x, o, space);
        assertTrue(first.converged());
        assertEquals(20, space.dimension(), 1); // a complex pair may make it 19 or 21
        x.fill(0.0);
        SolveResult second = solver.solve(a, b, x, o, space);
        assertEquals(StopReason.CONVERGED_RTOL, second.reason());
        assertTrue(second.iterations() <= 3 * (40 - 20), "second solve took " + second.iterations());
        assertTrue(second.iterations() < first.iterations());
        assertTrue(TestProblems.relres(a, b, x) <= 1e-8);
    }

    /** 20 slowly changing nonsymmetric systems, n = 1600: every one converges, fewer iterations than GMRES(40). */
    @Test
    void changingSequenceBeatsGmres() {
        int s = 40;
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8);
        GcroDr gmres = new GcroDr(40, 0);
        GcroDr skr = new GcroDr(40, 20);
        RecycleSpace space = RecycleSpace.empty();
        int itsGmres = 0;
        int itsSkr = 0;
        for (int i = 0; i < 20; i++) {
            CsrMatrix a = TestProblems.diffusion(s, 1.5, 0.01 * i);
            Vector b = TestProblems.randomVector(s * s, 100 + i);
            Vector x1 = b.zerosLike();
            SolveResult r1 = gmres.solve(a, b, x1, o);
            Vector x2 = b.zerosLike();
            SolveResult r2 = skr.solve(a, b, x2, o, space);
            assertTrue(r1.converged(), "gmres system " + i + ": " + r1.summary());
            assertTrue(r2.converged(), "gcrodr system " + i + ": " + r2.summary());
            assertTrue(TestProblems.relres(a, b, x1) <= 1e-8);
            double rel = TestProblems.relres(a, b, x2);
            assertTrue(rel <= 1e-8, "system " + i + " true residual " + rel);
            assertEquals(rel * b.norm2(), r2.residualNorm(), 1e-12 * b.norm2());
            itsGmres += r1.iterations();
            itsSkr += r2.iterations();
        }
        assertTrue(itsSkr < itsGmres / 2, "recycling " + itsSkr + " vs GMRES " + itsGmres);
    }

    @Test
    void rightAndLeftJacobiConverge() {
        CsrMatrix a = TestProblems.diffusion(30, 2.0, 0.1);
        Vector b = TestProblems.randomVector(900, 3);
        for (PreconditionerSide side : PreconditionerSide.values()) {
            RecycleSpace space = RecycleSpace.empty();
            GcroDr solver = new GcroDr(GcroDrOptions.of(30, 10).withSide(side));
            SolverOptions o = SolverOptions.defaults().withRtol(1e-8).withPreconditioner(new Jacobi());
            for (int rep = 0; rep < 2; rep++) {
                Vector x = b.zerosLike();
                SolveResult r = solver.solve(a, b, x, o, space);
                assertTrue(r.converged(), side + ": " + r.summary());
                double rel = TestProblems.relres(a, b, x);
                if (side == PreconditionerSide.RIGHT) {
                    assertTrue(rel <= 1e-8, side + " rel " + rel);
                } else {
                    assertTrue(rel <= 1e-6, side + " rel " + rel); // left tests M^-1 r
                }
                assertEquals(rel * b.norm2(), r.residualNorm(), 1e-10 * b.norm2());
            }
        }
    }

    @Test
    void zeroRhsGivesZeroSolution() {
        CsrMatrix a = Stencils.laplacian2d(5, 5);
        Vector x = DenseVector.ones(25);
        SolveResult r = new GcroDr(10, 4).solve(a, DenseVector.zeros(25), x,
                SolverOptions.defaults().withNonzeroGuess(true), RecycleSpace.empty());
        assertEquals(StopReason.CONVERGED_ZERO_RHS, r.reason());
        assertEquals(0.0, x.norm2());
    }

    @Test
    void maxIterationsAndMonitorContract() {
        CsrMatrix a = Stencils.laplacian2d(10, 10);
        Vector b = DenseVector.ones(100);
        Vector bCopy = b.copy();
        List<Integer> calls = new ArrayList<>();
        Vector x = b.zerosLike();
        SolveResult r = new GcroDr(10, 4).solve(a, b, x,
                SolverOptions.defaults().withMaxIterations(1).withMonitor((k, rn) -> calls.add(k)));
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, r.reason());
        assertEquals(List.of(0, 1), calls);
        org.junit.jupiter.api.Assertions.assertArrayEquals(bCopy.toArray(), b.toArray()); // b unchanged
        assertTrue(Double.isFinite(x.norm2()));
        assertEquals(TestProblems.relres(a, b, x) * b.norm2(), r.residualNorm(), 1e-12);
    }

    @Test
    void singularSystemEndsHonestly() {
        // A = diag(1..50, 0): b with a component on the null direction cannot be solved.
        int n = 51;
        LinearOperator a = new LinearOperator() {
            public int rows() {
                return n;
            }

            public int cols() {
                return n;
            }

            public void apply(Vector x, Vector y) {
                double[] xa = DenseVector.array(x);
                double[] ya = DenseVector.array(y);
                for (int i = 0; i < n; i++) {
                    ya[i] = i < n - 1 ? (i + 1) * xa[i] : 0.0;
                }
            }
        };
        Vector b = DenseVector.ones(n);
        Vector x = b.zerosLike();
        SolveResult r = new GcroDr(20, 5).solve(a, b, x, SolverOptions.defaults().withMaxIterations(400));
        assertTrue(!r.converged(), r.summary());
        assertTrue(Double.isFinite(x.norm2()));
        assertTrue(Double.isFinite(r.residualNorm()));
    }

    @Test
    void spaceFromALargerSolverIsTruncated() {
        CsrMatrix a = TestProblems.diffusion(16, 1.0, 0.0);
        Vector b = DenseVector.ones(256);
        RecycleSpace space = RecycleSpace.empty();
        new GcroDr(40, 20).solve(a, b, b.zerosLike(), SolverOptions.defaults(), space);
        assertTrue(space.dimension() >= 19);
        Vector x = b.zerosLike();
        SolveResult r = new GcroDr(10, 4).solve(a, b, x, SolverOptions.defaults(), space);
        assertTrue(r.converged(), r.summary());
        assertTrue(space.dimension() <= 5);
        assertTrue(TestProblems.relres(a, b, x) <= 1e-8);
        Vector x2 = b.zerosLike();
        SolveResult g = new GcroDr(10, 0).solve(a, b, x2, SolverOptions.defaults(), space); // GMRES ignores it
        assertTrue(g.converged());
        assertEquals(0, space.dimension());
    }

    @Test
    void spaceOfOtherSizeIsRefused() {
        RecycleSpace space = RecycleSpace.empty();
        GcroDr solver = new GcroDr(10, 4);
        CsrMatrix a = Stencils.laplacian2d(6, 6);
        solver.solve(a, DenseVector.ones(36), DenseVector.zeros(36), SolverOptions.defaults(), space);
        assertEquals(4, space.dimension(), 1);
        assertEquals(RecycleSpace.bytesNeeded(36, space.dimension()), space.bytes());
        CsrMatrix a2 = Stencils.laplacian2d(7, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> solver.solve(a2, DenseVector.ones(49), DenseVector.zeros(49), SolverOptions.defaults(), space));
        assertTrue(e.getMessage().contains("clear()"), e.getMessage());
        space.clear();
        assertEquals(0, space.dimension());
        assertEquals(0L, space.bytes());
    }

    @Test
    void memoryRefusalNamesBytesAndHeap() {
        long max = Runtime.getRuntime().maxMemory();
        long n = max / 8; // n*k*2*8 = 2*k*max > max
        RecycleSpaceTooLargeException e = assertThrows(RecycleSpaceTooLargeException.class,
                () -> RecycleSpace.checkFits(n, 20));
        assertTrue(e.getMessage().contains(Long.toString(RecycleSpace.bytesNeeded(n, 20))), e.getMessage());
        assertTrue(e.getMessage().contains(Long.toString(max)), e.getMessage());
        assertTrue(e.getMessage().contains("Runtime.maxMemory()"), e.getMessage());
        RecycleSpace.checkFits(1000, 20); // fine
    }

    @Test
    void badParametersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new GcroDr(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new GcroDr(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GcroDr(10, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new GcroDr(new GcroDrOptions(10, 2, PreconditionerSide.RIGHT, Orthogonalization.MODIFIED, 0)));
        assertThrows(IllegalArgumentException.class, () -> SequenceOptions.defaults().withRefreshEvery(0));
    }

    /**
     * Refreshing the space only every 4th cycle (and on the last one) still converges on the true
     * residual and still recycles (far fewer iterations than GMRES(40)); refreshEvery = 1 is the
     * default solver iteration for iteration.
     */
    @Test
    void sparseRefreshStillConvergesAndRecycles() {
        int s = 40;
        SolverOptions o = SolverOptions.defaults().withRtol(1e-8);
        GcroDr gmres = new GcroDr(40, 0);
        GcroDr every = new GcroDr(new GcroDrOptions(40, 20, PreconditionerSide.RIGHT, Orthogonalization.CLASSICAL_REFINED, 1));
        GcroDr plain = new GcroDr(40, 20);
        GcroDr sparse = new GcroDr(new GcroDrOptions(40, 20, PreconditionerSide.RIGHT, Orthogonalization.MODIFIED, 4));
        RecycleSpace s1 = RecycleSpace.empty();
        RecycleSpace s2 = RecycleSpace.empty();
        RecycleSpace s4 = RecycleSpace.empty();
        int itsGmres = 0;
        int itsSparse = 0;
        for (int i = 0; i < 10; i++) {
            CsrMatrix a = TestProblems.diffusion(s, 1.5, 0.01 * i);
            Vector b = TestProblems.randomVector(s * s, 300 + i);
            Vector xg = b.zerosLike();
            itsGmres += gmres.solve(a, b, xg, o).iterations();
            Vector x1 = b.zerosLike();
            Vector x2 = b.zerosLike();
            SolveResult r1 = every.solve(a, b, x1, o, s1);
            SolveResult r2 = plain.solve(a, b, x2, o, s2);
            assertEquals(r2.iterations(), r1.iterations(), "system " + i);
            assertArrayEquals(r2.history(), r1.history(), "system " + i);
            Vector x4 = b.zerosLike();
            SolveResult r4 = sparse.solve(a, b, x4, o, s4);
            assertTrue(r4.converged(), "system " + i + ": " + r4.summary());
            double rel = TestProblems.relres(a, b, x4);
            assertTrue(rel <= 1e-8, "system " + i + " true residual " + rel);
            assertEquals(rel * b.norm2(), r4.residualNorm(), 1e-12 * b.norm2());
            itsSparse += r4.iterations();
        }
        assertTrue(s4.dimension() >= 19, "space kept: " + s4);
        assertTrue(itsSparse < itsGmres / 2, "sparse refresh " + itsSparse + " vs GMRES " + itsGmres);
    }

    @Test
    void pairsAreKeptWhole() {
        // eigenvalues 0.1, 1±1i (|.|=1.41), 2, 3: k=2 takes 0.1 and the pair -> 3 entries
        double[] re = {2, 1, 1, 0.1, 3};
        double[] im = {0, 1, -1, 0, 0};
        int[] pick = HarmonicRitz.selectSmallest(re, im, 2, 3);
        assertEquals(3, pick.length);
        // with room for only 2, the pair is dropped: k-1
        assertEquals(1, HarmonicRitz.selectSmallest(re, im, 2, 2).length);
        int[] three = HarmonicRitz.selectSmallest(re, im, 3, 4);
        java.util.Arrays.sort(three);
        assertEquals("[1, 2, 3]", java.util.Arrays.toString(three));
    }

    /** Diagonal scaling, test-local. */
    static final class Jacobi implements Preconditioner {
        private double[] inv;

        @Override
        public void setUp(LinearOperator a) {
            double[] dg = ((CsrMatrix) a).diagonal();
            inv = new double[dg.length];
            for (int i = 0; i < dg.length; i++) {
                inv[i] = 1.0 / dg[i];
            }
        }

        @Override
        public void apply(Vector r, Vector z) {
            double[] ra = DenseVector.array(r);
            double[] za = DenseVector.array(z);
            for (int i = 0; i < ra.length; i++) {
                za[i] = inv[i] * ra[i];
            }
        }
    }
}
