package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BiCGStab's residual on a convection-dominated matrix grows far past the common dtol of 1e5
 * before it converges (SciPy's bicgstab: 6·10⁵× on this matrix, then converged): the method's own
 * default dtol lets it through, and {@code --dtol 1e5} shows the transient is real.
 */
class DivergenceToleranceTest {

    /** −Δu + β·∇u on a k×k interior grid, central differences, |β| = pe at angle theta. */
    static CsrMatrix convectionDiffusion(int k, double pe, double theta) {
        double h = 1.0 / (k + 1);
        double bx = pe * Math.cos(theta);
        double by = pe * Math.sin(theta);
        CooBuilder c = new CooBuilder(k * k, k * k);
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                int r = i * k + j;
                c.add(r, r, 4.0 / (h * h));
                if (j > 0) {
                    c.add(r, r - 1, -1.0 / (h * h) - bx / (2 * h));
                }
                if (j < k - 1) {
                    c.add(r, r + 1, -1.0 / (h * h) + bx / (2 * h));
                }
                if (i > 0) {
                    c.add(r, r - k, -1.0 / (h * h) - by / (2 * h));
                }
                if (i < k - 1) {
                    c.add(r, r + k, -1.0 / (h * h) + by / (2 * h));
                }
            }
        }
        return c.build();
    }

    private static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(expectedExit, code, out + "" + err);
        return out + "" + err;
    }

    @Test
    void bicgstabPassesItsTransientWithItsDefaultDtolAndStopsWithTheCommonOne(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("convdiff.mtx");
        MatrixMarket.write(a, convectionDiffusion(50, 300.0, 1.0), "central convdiff 50x50, Pe 300");
        String passed = run(0, "solve", a.toString(), "--solver", "bicgstab");
        assertTrue(passed.contains("CONVERGED_RTOL"), passed);
        String stopped = run(3, "solve", a.toString(), "--solver", "bicgstab", "--dtol", "1e5");
        assertTrue(stopped.contains("DIVERGED_DTOL"), stopped);
    }

    @Test
    void dtolMustExceedOne() {
        String out = run(2, "solve", "x.mtx", "--dtol", "0.5");
        assertTrue(out.contains("--dtol"), out);
    }
}
