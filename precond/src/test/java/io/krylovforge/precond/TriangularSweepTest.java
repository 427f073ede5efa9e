package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.precond.factor.IncompleteLu0;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sweep layout against the plain CSR sweeps it replaces, bit for bit, on stencils (one long
 * run per width), irregular real matrices (mixed runs) and a pattern with rows wider than the
 * unrolled loops.
 */
class TriangularSweepTest {

    @Test
    void sweepsEqualTheCsrLoopOnA2dStencil() {
        checkAll(Stencils.laplacian2d(23, 17), "2D 23x17");
    }

    @Test
    void sweepsEqualTheCsrLoopOnA3dStencil() {
        checkAll(Stencils.laplacian3d(9, 7, 6), "3D 9x7x6");
    }

    @Test
    void theCsrOrderSweepsRunGridLinesInPairsOnStencils() {
        // The checks above only mean something for the paired schedule if it is taken.
        CsrMatrix a2 = Stencils.laplacian2d(23, 17);
        CsrMatrix a3 = Stencils.laplacian3d(9, 7, 6);
        for (CsrMatrix a : new CsrMatrix[] {a2, a3}) {
            TriangularSweep lower = TriangularSweep.lower(a.rows(), a.rowPtr(), a.colIdx());
            TriangularSweep upper = TriangularSweep.upperInCsrOrder(a.rows(), a.rowPtr(), a.colIdx());
            assertTrue(lower.pairedRows() >= a.rows() / 2, "forward pairs " + lower.pairedRows() + " of " + a.rows());
            assertTrue(upper.pairedRows() >= a.rows() / 2, "backward pairs " + upper.pairedRows() + " of " + a.rows());
        }
    }

    @Test
    void sweepsEqualTheCsrLoopOnIrregularSharedMatrices() throws IOException {
        checkAll(SharedMatricesTest.read("west0479.mtx"), "west0479");
        checkAll(SharedMatricesTest.read("494_bus.mtx"), "494_bus");
    }

    @Test
    void sweepsEqualTheCsrLoopOnRowsWiderThanTheUnrolledLoops() {
        // A 9-point stencil (3 or 4 far entries per triangle row) with random extra entries:
        // unrolled width-3 runs, the general loop and short runs merged into mixed runs.
        int m = 15;
        int n = m * m;
        Random rnd = new Random(11);
        CooBuilder coo = new CooBuilder(n, n, 12 * n);
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                int i = y * m + x;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        int yy = y + dy;
                        if (xx >= 0 && xx < m && yy >= 0 && yy < m) {
                            coo.add(i, yy * m + xx, dx == 0 && dy == 0 ? 9.0 : -1.0);
                        }
                    }
                }
                if (rnd.nextInt(5) == 0) {
                    int j = rnd.nextInt(n);
                    if (Math.abs(j - i) > m + 1) {
                        coo.add(i, j, 0.5); // beyond the stencil: a wider row
                    }
                }
            }
        }
        checkAll(coo.build(), "9-point plus random");
    }

    @Test
    void ilu0ApplyEqualsThePlainCsrSubstitutionsOverItsFactors() {
        CsrMatrix a = TestMatrices.convectionDiffusion2d(19, 30.0);
        IncompleteLu0 ilu = new IncompleteLu0();
        ilu.setUp(a);
        double[] r = TestMatrices.random(a.rows(), 3L);
        double[] z = TestMatrices.apply(ilu, r);
        CsrMatrix l = ilu.lower();
        CsrMatrix u = ilu.upper();
        int n = a.rows();
        double[] y = new double[n];
        int[] lp = l.rowPtr();
        int[] lc = l.colIdx();
        double[] lv = l.values();
        for (int i = 0; i < n; i++) { // the CSR loop ILU(0) used before the sweep layout
            double s = r[i];
            for (int k = lp[i]; k < lp[i + 1]; k++) {
                if (lc[k] < i) {
                    s -= lv[k] * y[lc[k]];
                }
            }
            y[i] = s;
        }
        int[] up = u.rowPtr();
        int[] uc = u.colIdx();
        double[] uv = u.values();
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            double pivot = 0.0;
            for (int k = up[i]; k < up[i + 1]; k++) {
                if (uc[k] > i) {
                    s -= uv[k] * y[uc[k]];
                } else {
                    pivot = uv[k];
                }
            }
            y[i] = s * (1.0 / pivot);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(y[i], z[i], 0.0, "ilu0 row " + i);
        }
    }

    @Test
    void aSweepInTheWrongDirectionIsRefused() {
        CsrMatrix a = Stencils.laplacian2d(4, 4);
        TriangularSweep lower = TriangularSweep.lower(a.rows(), a.rowPtr(), a.colIdx());
        TriangularSweep upper = TriangularSweep.upper(a.rows(), a.rowPtr(), a.colIdx());
        double[] v = new double[a.rows()];
        assertThrows(IllegalStateException.class, () -> lower.backward(v, v, v, v));
        assertThrows(IllegalStateException.class, () -> upper.forward(v, v, v));
        assertThrows(IllegalStateException.class, () -> upper.backwardInCsrOrder(v, v, v));
        assertThrows(IllegalStateException.class, () -> upper.forwardInCsrOrder(v, v));
    }

    /** Random values on a's pattern, a random right-hand side and row scale; every sweep against its CSR loop. */
    private static void checkAll(CsrMatrix a, String what) {
        int n = a.rows();
        int[] p = a.rowPtr();
        int[] c = a.colIdx();
        Random rnd = new Random(7);
        double[] v = new double[a.nnz()];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextDouble() * 0.4 - 0.2; // |multipliers| < 1 keeps the sweeps bounded
        }
        double[] b = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = rnd.nextDouble() - 0.5;
            d[i] = 0.5 + rnd.nextDouble();
        }
        double factor = -1.3;

        TriangularSweep lower = TriangularSweep.lower(n, p, c);
        lower.fill(v, d, factor);
        double[] z = new double[n];
        lower.forward(b, d, z);
        double[] ref = new double[n];
        for (int i = 0; i < n; i++) { // fused, columns ascending: the nearest unknown last
            double s = b[i] * d[i];
            for (int k = p[i]; k < p[i + 1]; k++) {
                if (c[k] < i) {
                    s = Math.fma(factor * v[k] * d[i], ref[c[k]], s);
                }
            }
            ref[i] = s;
        }
        assertSame(ref, z, what + " forward");

        TriangularSweep upper = TriangularSweep.upper(n, p, c);
        upper.fill(v, d, factor);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = rnd.nextDouble();
        }
        z = b.clone();
        double dot = upper.backward(z, d, r, z); // in place, as the preconditioners call it
        ref = new double[n];
        double refDot = 0.0;
        for (int i = n - 1; i >= 0; i--) { // fused, columns descending: the nearest unknown last
            double s = b[i] * d[i];
            for (int k = p[i + 1] - 1; k >= p[i]; k--) {
                if (c[k] > i) {
                    s = Math.fma(factor * v[k] * d[i], ref[c[k]], s);
                }
            }
            ref[i] = s;
            refDot += r[i] * s;
        }
        assertSame(ref, z, what + " backward");
        assertEquals(refDot, dot, 0.0, what + " backward r'z");

        lower.fill(v, null, 1.0);
        z = new double[n];
        lower.forwardInCsrOrder(b, z);
        ref = new double[n];
        for (int i = 0; i < n; i++) { // the plain loop: products rounded, then subtracted
            double s = b[i];
            for (int k = p[i]; k < p[i + 1]; k++) {
                if (c[k] < i) {
                    s -= v[k] * ref[c[k]];
                }
            }
            ref[i] = s;
        }
        assertSame(ref, z, what + " forward in CSR order");

        TriangularSweep upperCsr = TriangularSweep.upperInCsrOrder(n, p, c);
        upperCsr.fill(v, null, 1.0);
        z = b.clone();
        upperCsr.backwardInCsrOrder(z, d, z);
        ref = new double[n];
        for (int i = n - 1; i >= 0; i--) { // columns ascending, then the row scale
            double s = b[i];
            for (int k = p[i]; k < p[i + 1]; k++) {
                if (c[k] > i) {
                    s -= v[k] * ref[c[k]];
                }
            }
            ref[i] = s * d[i];
        }
        assertSame(ref, z, what + " backward in CSR order");
    }

    private static void assertSame(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 0.0, what + ": row " + i);
        }
    }
}
