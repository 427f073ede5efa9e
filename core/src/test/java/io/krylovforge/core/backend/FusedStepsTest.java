package io.krylovforge.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.core.linalg.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CPU backend's fused steps against the interface defaults built from single vector ops. */
class FusedStepsTest {
    /** A backend with only the defaults: what a device backend gets unless it overrides a step. */
    private static final Backend DEFAULTS = new Backend() {
        @Override
        public String name() {
            return "defaults";
        }

        @Override
        public Vector zeros(int n) {
            return DenseVector.zeros(n);
        }
    };

    private static Vector random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return DenseVector.wrap(v);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 9000, 140_000})
    void bicgUpdateEqualsTheDefaultBitForBit(int n) {
        Vector p = random(n, 1);
        Vector s = random(n, 2);
        Vector t = random(n, 3);
        Vector rhat = random(n, 4);
        Vector x0 = random(n, 5);
        Vector r0 = random(n, 6);
        for (boolean sIsR : new boolean[] {false, true}) {
            Vector xa = x0.copy();
            Vector ra = r0.copy();
            double[] rhoA = new double[2];
            double rrA = DEFAULTS.bicgUpdate(0.8, p, -0.4, sIsR ? ra : s, xa, t, ra, rhat, rhoA);
            Vector xb = x0.copy();
            Vector rb = r0.copy();
            double[] rhoB = new double[2];
            double rrB = CpuBackend.INSTANCE.bicgUpdate(0.8, p, -0.4, sIsR ? rb : s, xb, t, rb, rhat, rhoB);
            assertArrayEquals(xa.toArray(), xb.toArray(), 0.0, "x, s is r: " + sIsR);
            assertArrayEquals(ra.toArray(), rb.toArray(), 0.0, "r, s is r: " + sIsR);
            assertEquals(Double.doubleToLongBits(rrA), Double.doubleToLongBits(rrB), "r'r");
            assertEquals(Double.doubleToLongBits(rhoA[0]), Double.doubleToLongBits(rhoB[0]), "rhat'r");
            assertEquals(rb.dot(rb), rrB, 0.0);
        }
    }

    private static void assertSameBits(Vector expected, Vector actual, String what) {
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                throw new AssertionError(what + ": entry " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }

    /** CG's folded step: x += alphaPrev p, p = z + beta p, q = A p, p'q, on CSR (fused) and the default. */
    @ParameterizedTest
    @ValueSource(ints = {12, 150, 420}) // 144 rows (fallback), 22 500 (serial sweep), 176 400 (forked, seams)
    void foldedUpdateApplyDotEqualsTheDefaultBitForBit(int side) {
        CsrMatrix a = Stencils.laplacian2d(side, side);
        a = a.withValues(random(a.nnz(), 9).toArray());
        int n = a.rows();
        Vector z = random(n, 1);
        Vector p0 = random(n, 2);
        Vector x0 = random(n, 3);
        Vector pa = p0.copy();
        Vector xa = x0.copy();
        Vector qa = DenseVector.zeros(n);
        double pqA = DEFAULTS.updateApplyDot(a, z, 0.43, pa, qa, -0.77, xa);
        Vector pb = p0.copy();
        Vector xb = x0.copy();
        Vector qb = DenseVector.zeros(n);
        double pqB = CpuBackend.INSTANCE.updateApplyDot(a, z, 0.43, pb, qb, -0.77, xb);
        assertSameBits(xa, xb, "x");
        assertSameBits(pa, pb, "p");
        assertSameBits(qa, qb, "q");
        assertEquals(Double.doubleToLongBits(pqA), Double.doubleToLongBits(pqB), "p'q");
    }

    /** CG's second pass: axpyDot(-alpha, q, r, r) gives cgUpdate's r and r'r (x then takes alpha p later). */
    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 9000, 140_000})
    void residualAxpyDotEqualsCgUpdateBitForBit(int n) {
        Vector p = random(n, 1);
        Vector q = random(n, 2);
        Vector x0 = random(n, 3);
        Vector r0 = random(n, 4);
        for (double alpha : new double[] {0.3, -1.7}) {
            Vector xa = x0.copy();
            Vector ra = r0.copy();
            double rrA = CpuBackend.INSTANCE.cgUpdate(alpha, p, q, xa, ra);
            Vector xb = x0.copy();
            Vector rb = r0.copy();
            double rrB = CpuBackend.INSTANCE.axpyDot(-alpha, q, rb, rb);
            xb.axpy(alpha, p);
            assertSameBits(xa, xb, "x");
            assertSameBits(ra, rb, "r");
            assertEquals(Double.doubleToLongBits(rrA), Double.doubleToLongBits(rrB), "r'r");
        }
    }
}
