package io.krylovforge.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * CG's fused p ← z + βp, q ← Ap, pᵀq gives the bits of the axpby and the fused product it replaces;
 * with x ← x + αPrev·p folded in, also the bits of the axpy before them.
 */
class UpdateMultiplyDotTest {
    private static void assertSameAsTwoCalls(CsrMatrix a, String what) {
        for (int round = 0; round < CsrMatrix.PRODUCTS_BEFORE_LAYOUT + 2; round++) { // with and without the layout
            double[] z = CsrReference.randomVector(a.rows(), 30 + round);
            double[] p0 = CsrReference.randomVector(a.rows(), 40 + round);
            double beta = 0.37 + 0.01 * round;

            double[] pExpected = p0.clone();
            VectorKernels.axpby(1.0, z, beta, pExpected);
            double[] qExpected = new double[a.rows()];
            double expected = a.multiplyDot(pExpected, qExpected);

            double[] p = p0.clone();
            double[] q = new double[a.rows()];
            double got = a.updateMultiplyDot(z, beta, p, q);
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got),
                    what + " p'q, round " + round);
            for (int i = 0; i < a.rows(); i++) {
                if (Double.doubleToLongBits(pExpected[i]) != Double.doubleToLongBits(p[i])
                        || Double.doubleToLongBits(qExpected[i]) != Double.doubleToLongBits(q[i])) {
                    throw new AssertionError(what + ", round " + round + ": row " + i + " differs");
                }
            }
            assertSameAsThreeCalls(a, z, p0, beta, -0.61 + 0.05 * round, what + ", round " + round);
        }
    }

    /** The x-folding overload against axpy(alphaPrev, p, x), axpby and the fused product. */
    private static void assertSameAsThreeCalls(CsrMatrix a, double[] z, double[] p0, double beta, double alphaPrev,
            String what) {
        double[] x0 = CsrReference.randomVector(a.rows(), 77);
        double[] xExpected = x0.clone();
        double[] pExpected = p0.clone();
        VectorKernels.axpy(alphaPrev, pExpected, xExpected);
        VectorKernels.axpby(1.0, z, beta, pExpected);
        double[] qExpected = new double[a.rows()];
        double expected = a.multiplyDot(pExpected, qExpected);

        double[] x = x0.clone();
        double[] p = p0.clone();
        double[] q = new double[a.rows()];
        double got = a.updateMultiplyDot(z, beta, p, q, alphaPrev, x);
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(got), what + " (x folded) p'q");
        for (int i = 0; i < a.rows(); i++) {
            if (Double.doubleToLongBits(xExpected[i]) != Double.doubleToLongBits(x[i])
                    || Double.doubleToLongBits(pExpected[i]) != Double.doubleToLongBits(p[i])
                    || Double.doubleToLongBits(qExpected[i]) != Double.doubleToLongBits(q[i])) {
                throw new AssertionError(what + " (x folded): row " + i + " differs");
            }
        }
    }

    @Test
    void forkedSweepsWithSeamsMatchTheTwoCalls() {
        CsrMatrix lap2d = Stencils.laplacian2d(600, 610); // 366 000 rows: forked, one block of reach
        assertTrue(lap2d.rows() >= Parallel.THRESHOLD);
        assumeTrue(Parallel.threads() >= 2, "one kernel thread here: the sweep has no seams to test");
        assertSameAsTwoCalls(lap2d.withValues(CsrReference.randomVector(lap2d.nnz(), 1)), "laplacian2d 600x610");
        CsrMatrix lap3d = Stencils.laplacian3d(70, 66, 60); // bandwidth 4 620: two blocks of reach
        assertSameAsTwoCalls(lap3d.withValues(CsrReference.randomVector(lap3d.nnz(), 2)), "laplacian3d 70x66x60");
    }

    @Test
    void serialSweepsAndSmallMatricesMatchTheTwoCalls() {
        CsrMatrix mid = Stencils.convectionDiffusion2d(150, 140, 20.0); // 21 000 rows: serial, one part
        ExecutionContext.serial().call(() -> {
            assertSameAsTwoCalls(mid, "convdiff 150x140 serial");
            return null;
        });
        assertSameAsTwoCalls(Stencils.laplacian2d(30, 30), "laplacian2d 30x30 (two-call fallback)");
        CsrMatrix wide = Stencils.laplacian2d(9000, 3); // bandwidth 9 000 > a quarter of the rows
        assertSameAsTwoCalls(wide, "laplacian2d 9000x3");
    }

    @Test
    void aliasedOutputIsRefused() {
        CsrMatrix a = Stencils.laplacian2d(8, 8);
        double[] p = new double[64];
        assertThrows(IllegalArgumentException.class, () -> a.updateMultiplyDot(p.clone(), 0.5, p, p));
        double[] q = new double[64];
        assertThrows(IllegalArgumentException.class, () -> a.updateMultiplyDot(p.clone(), 0.5, p, q, 0.1, p));
        assertThrows(IllegalArgumentException.class, () -> a.updateMultiplyDot(p.clone(), 0.5, p, q, 0.1, q));
        assertThrows(DimensionMismatchException.class,
                () -> a.updateMultiplyDot(p.clone(), 0.5, p, q, 0.1, new double[63]));
    }
}
