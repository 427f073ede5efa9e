package io.krylovforge.solvers.krylov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.backend.Backend;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.ExecutionContext;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Parallel;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.solvers.TestProblems;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * CG and PCG defer x += αp to the next direction sweep: the solutions (bit for bit), iteration
 * counts, residual histories and stop reasons must equal those of the previous call sequence
 * (5-argument updateApplyDot, then cgUpdate), serial and forked across several 4096-row blocks.
 */
class ConjugateGradientFoldTest {
    /** CG as it was before the fold: x += alpha p in cgUpdate, right after the product. */
    private static final class UnfoldedConjugateGradient implements IterativeSolver {
        @Override
        public String name() {
            return "cg-unfolded";
        }

        @Override
        public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
            ConvergenceTest test = SolverSupport.begin(a, b, x, options);
            test.watchTrueResidual(a, b, x);
            SolveResult early = SolverSupport.finishEarly(a, x, options, test);
            if (early != null) {
                return early;
            }
            Preconditioner m = options.preconditioner();
            boolean preconditioned = m != null;
            Vector r = b.zerosLike();
            SolverSupport.initialResidual(a, b, x, options, r);
            Vector z = preconditioned ? b.zerosLike() : r;
            Vector p = b.zerosLike();
            Vector q = b.zerosLike();
            Backend backend = b.backend();
            double rr = r.dot(r);
            StopReason reason = test.check(0, Math.sqrt(rr));
            int k = 0;
            int replacements = 0;
            double rho = 0.0;
            boolean restart = true;
            while (true) {
                if (reason != null) {
                    if (reason.converged()) {
                        double trueNorm = SolverSupport.trueResidualNorm(a, b, x, q);
                        SolveResult confirmed = test.confirm(k, trueNorm, replacements++);
                        if (confirmed != null) {
                            return confirmed;
                        }
                        r.copyFrom(q);
                        rr = r.dot(r);
                        restart = true;
                    } else {
                        return test.result(reason, k, SolverSupport.trueResidualNorm(a, b, x, q), "");
                    }
                }
                double rhoNew = preconditioned ? m.applyDot(r, z) : rr;
                if (!(rhoNew > 0.0)) {
                    return test.result(StopReason.DIVERGED_INDEFINITE_PRECONDITIONER, k,
                            SolverSupport.trueResidualNorm(a, b, x, q), "");
                }
                double pq;
                if (restart) {
                    p.copyFrom(z);
                    restart = false;
                    pq = backend.applyDot(a, p, q);
                } else {
                    pq = backend.updateApplyDot(a, z, rhoNew / rho, p, q);
                }
                rho = rhoNew;
                if (!(pq > 0.0)) {
                    return test.result(StopReason.DIVERGED_INDEFINITE_MATRIX, k,
                            SolverSupport.trueResidualNorm(a, b, x, q), "");
                }
                rr = backend.cgUpdate(rho / pq, p, q, x, r);
                k++;
                reason = test.check(k, Math.sqrt(rr));
            }
        }
    }

    /** S A S with a seeded random diagonal S in [0.5, 2]: SPD, rows scaled unevenly (PCG's Jacobi matters). */
    private static CsrMatrix scaled(CsrMatrix a, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[a.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextDouble(0.5, 2.0);
        }
        double[] v = a.values().clone();
        int[] rowPtr = a.rowPtr();
        int[] col = a.colIdx();
        for (int i = 0; i < a.rows(); i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
                v[k] *= s[i] * s[col[k]];
            }
        }
        return a.withValues(v);
    }

    private static SolveResult assertSameBits(CsrMatrix a, SolverOptions options, String what) {
        DenseVector b = a.applyToOnes();
        DenseVector xOld = DenseVector.zeros(a.rows());
        SolveResult old = new UnfoldedConjugateGradient().solve(a, b, xOld, options);
        DenseVector xNew = DenseVector.zeros(a.rows());
        SolveResult now = new ConjugateGradient().solve(a, b, xNew, options);
        assertEquals(old.reason(), now.reason(), what + ": stop reason");
        assertEquals(old.iterations(), now.iterations(), what + ": iterations");
        double[] h0 = old.history();
        double[] h1 = now.history();
        assertEquals(h0.length, h1.length, what + ": history length");
        for (int i = 0; i < h0.length; i++) {
            assertEquals(Double.doubleToLongBits(h0[i]), Double.doubleToLongBits(h1[i]), what + ": history " + i);
        }
        double[] x0 = xOld.toArray();
        double[] x1 = xNew.toArray();
        for (int i = 0; i < x0.length; i++) {
            if (Double.doubleToLongBits(x0[i]) != Double.doubleToLongBits(x1[i])) {
                throw new AssertionError(what + ": x[" + i + "] is " + x1[i] + ", expected " + x0[i]);
            }
        }
        assertEquals(Double.doubleToLongBits(old.residualNorm()), Double.doubleToLongBits(now.residualNorm()),
                what + ": true residual");
        return now;
    }

    @Test
    void serialCgAndPcgMatchTheUnfoldedSequence() {
        CsrMatrix a = scaled(Stencils.laplacian2d(90, 80), 3); // 7 200 rows: two blocks, serial kernels
        SolverOptions options = SolverOptions.defaults().withRtol(1e-10).withMaxIterations(5000);
        SolveResult cg = assertSameBits(a, options, "CG 90x80");
        assertTrue(cg.reason().converged(), "CG 90x80 converged: " + cg.reason());
        SolveResult pcg = assertSameBits(a, options.withPreconditioner(TestProblems.diagonal(a)), "PCG 90x80");
        assertTrue(pcg.reason().converged(), "PCG 90x80 converged: " + pcg.reason());
        ExecutionContext.serial().call(() -> assertSameBits(Stencils.laplacian3d(20, 18, 16), options,
                "CG 3D 20x18x16 serial context"));
        // a tolerance below the precision floor: true-residual checks, replacements and restarts
        assertSameBits(a, options.withRtol(1e-17), "CG 90x80 rtol 1e-17");
        assertSameBits(a, options.withRtol(1e-17).withPreconditioner(TestProblems.diagonal(a)), "PCG 90x80 rtol 1e-17");
    }

    @Test
    void forkedCgAndPcgMatchTheUnfoldedSequence() {
        CsrMatrix a2 = scaled(Stencils.laplacian2d(420, 410), 4); // 172 200 rows: forked, 43 blocks
        assertTrue(a2.rows() >= Parallel.THRESHOLD);
        SolverOptions capped = SolverOptions.defaults().withRtol(1e-10).withMaxIterations(120);
        SolveResult cg = assertSameBits(a2, capped, "CG 420x410");
        assertEquals(StopReason.DIVERGED_MAX_ITERATIONS, cg.reason(), "capped run");
        assertSameBits(a2, capped.withPreconditioner(TestProblems.diagonal(a2)), "PCG 420x410");
        CsrMatrix a3 = Stencils.laplacian3d(60, 56, 50); // 168 000 rows, bandwidth 3 360
        SolveResult cg3 = assertSameBits(a3, SolverOptions.defaults().withRtol(1e-6).withMaxIterations(400),
                "CG 3D 60x56x50");
        assertTrue(cg3.reason().converged(), "CG 3D converged: " + cg3.reason());
    }

    /** A monitor that stops the solve by throwing after a few iterations. */
    private static final class Interrupt extends RuntimeException {
        Interrupt() {
            super("stop", null, false, false);
        }
    }

    @Test
    void anExceptionMidSolveLeavesTheSameX() {
        CsrMatrix a = scaled(Stencils.laplacian2d(60, 50), 5);
        DenseVector b = a.applyToOnes();
        SolverOptions options = SolverOptions.defaults().withRtol(1e-10).withMonitor((k, rnorm) -> {
            if (k == 7) {
                throw new Interrupt();
            }
        });
        for (SolverOptions o : new SolverOptions[] {options, options.withPreconditioner(TestProblems.diagonal(a))}) {
            DenseVector xOld = DenseVector.zeros(a.rows());
            assertThrows(Interrupt.class, () -> new UnfoldedConjugateGradient().solve(a, b, xOld, o));
            DenseVector xNew = DenseVector.zeros(a.rows());
            assertThrows(Interrupt.class, () -> new ConjugateGradient().solve(a, b, xNew, o));
            double[] x0 = xOld.toArray();
            double[] x1 = xNew.toArray();
            assertTrue(x1[x1.length / 2] != 0.0, "x took the completed steps");
            for (int i = 0; i < x0.length; i++) {
                assertEquals(Double.doubleToLongBits(x0[i]), Double.doubleToLongBits(x1[i]), "x[" + i + "]");
            }
        }
    }
}
