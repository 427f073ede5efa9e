package io.krylovforge.direct.lu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** COLAMD: a permutation, less fill than the natural order, and LU residuals with it. */
class ColumnMinimumDegreeTest {

    private static CsrMatrix matrix(String name) throws IOException {
        if (name.startsWith("convdiff")) {
            return Stencils.convectionDiffusion2d(48, 48, 200.0);
        }
        return MatrixMarket.read(Path.of("..", "cli", "src", "test", "resources", "public-matrices", name));
    }

    private static double luResidual(SparseLu lu, CsrMatrix a) {
        assertTrue(lu.factor(a).ok());
        Random r = new Random(3);
        double[] b = new double[a.rows()];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble() - 0.5;
        }
        double[] x = new double[a.rows()];
        lu.solve(b, x);
        double[] ax = a.multiply(x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            num += (b[i] - ax[i]) * (b[i] - ax[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @ParameterizedTest
    @ValueSource(strings = {"west0497.mtx", "impcol_a.mtx", "bp_1200.mtx", "olm1000.mtx", "rajat19.mtx", "convdiff"})
    void validPermutationLessFillThanNaturalAndSmallResiduals(String name) throws IOException {
        CsrMatrix a = matrix(name);
        int n = a.rows();
        ColumnMinimumDegree c = ColumnMinimumDegree.of(n, a.rowPtr(), a.colIdx());
        boolean[] seen = new boolean[n];
        for (int j : c.columnOrder()) {
            assertFalse(seen[j], name + ": column " + j + " twice");
            seen[j] = true;
        }
        assertEquals(n, c.columnOrder().length);

        SparseLu colamd = SparseLu.analyze(a, LuColumnOrder.COLAMD);
        double res = luResidual(colamd, a);
        // rajat19 has cond ≈ 1e10: there both orders leave ~5e-9 for a random b, so the bound is
        // 1e-10 or three times the default (AᵀA-AMD) order's residual, whichever is larger
        double reference = luResidual(SparseLu.analyze(a, LuColumnOrder.NORMAL_EQUATIONS_AMD), a);
        assertTrue(res <= Math.max(1e-10, 3 * reference), name + ": residual " + res + " (AᵀA-AMD order: "
                + reference + ")");
        // natural column order = COLAMD's machinery with the identity: the "given" baseline
        SparseLu natural = SparseLu.naturalOrder(a);
        assertTrue(natural.factor(a).ok(), name);
        assertTrue(colamd.actualFactorNonzeros() <= natural.actualFactorNonzeros(),
                name + ": nnz(L+U) " + colamd.actualFactorNonzeros() + " with COLAMD vs "
                        + natural.actualFactorNonzeros() + " in natural order");
    }
}
