package io.krylovforge.auto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.Solvers;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public KKT matrices take auto's LDLᵀ path (Bunch–Kaufman inside supernodes): before it,
 * LDLᵀ's static pivoting stopped at 3–6e-7 and auto fell back to LU.
 */
class AutoKktPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"hangGlider_2.mtx", "tumorAntiAngiogenesis_2.mtx"})
    void kktMatricesAreSolvedByLdltWithoutFallingBackToLu(String file) throws Exception {
        CsrMatrix a = MatrixMarket.read(Path.of("..", "cli", "src", "test", "resources", "public-matrices", file));
        double[] b = a.multiply(DenseVector.ones(a.rows()).data());
        DenseVector x = DenseVector.zeros(a.rows());
        SolveResult r = Solvers.create("auto").solve(a, DenseVector.wrap(b), x,
                SolverOptions.defaults().withRtol(1e-10));
        assertTrue(r.converged(), file + ": " + r.summary());
        assertTrue(r.detail().contains("-> ldlt (nnz(L)="), r.detail());
        assertFalse(r.detail().contains("-> lu"), r.detail());
        double[] ax = a.multiply(x.data());
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            num += (b[i] - ax[i]) * (b[i] - ax[i]);
            den += b[i] * b[i];
        }
        assertTrue(Math.sqrt(num / den) <= 1e-10, file + ": " + Math.sqrt(num / den));
    }
}
