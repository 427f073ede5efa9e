package io.krylovforge.direct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bunch–Kaufman pivoting inside supernodes: KKT and saddle-point matrices to 1e-10. */
class LdltPivotingTest {

    static CsrMatrix corpus(String file) throws IOException {
        return MatrixMarket.read(Path.of("..", "cli", "src", "test", "resources", "public-matrices", file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hangGlider_2.mtx", "tumorAntiAngiogenesis_2.mtx"})
    void publicKktMatricesAreSolvedTo1e10(String file) throws IOException {
        CsrMatrix a = corpus(file);
        Ldlt f = Ldlt.analyze(a);
        FactorStatus st = f.factor(a);
        assertTrue(st.ok(), st.message());
        double[] b = TestMatrices.randomVector(a.rows(), 5);
        double[] x = new double[a.rows()];
        f.solve(b, x);
        double res = TestMatrices.relativeResidual(a, x, b);
        System.out.printf("%s n=%d 2x2=%d perturbed=%d res=%.2e%n", file, a.rows(), f.twoByTwoPivots(),
                f.perturbedPivots(), res);
        assertTrue(res <= 1e-10, file + ": residual " + res);
    }
}
