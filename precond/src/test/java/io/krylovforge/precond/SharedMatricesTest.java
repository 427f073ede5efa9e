package io.krylovforge.precond;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Preconditioners × the real matrices in ../shared/matrices, b = A·ones. */
class SharedMatricesTest {
    private static final List<String> SPD = List.of("testmat0.mtx", "Laplace3D10.mtx", "gr_30_30.mtx",
            "494_bus.mtx");

    @Test
    void pcgConvergesWithEverySymmetricPreconditionerOnTheSpdMatrices() throws IOException {
        for (String file : SPD) {
            CsrMatrix a = read(file);
            double[] ones = new double[a.rows()];
            Arrays.fill(ones, 1.0);
            double[] b = a.multiply(ones);
            int plain = -1;
            StringBuilder table = new StringBuilder(file + ":");
            for (String name : List.of("none", "jacobi", "block-jacobi", "ssor", "chebyshev", "ic0", "amg")) {
                Preconditioner m = Preconditioners.create(name);
                double[] x = new double[a.rows()];
                SolveResult res = TestMatrices.pcg(a, b, x, name.equals("none") ? null : m, 1e-8);
                String where = file + " / " + name + ": " + res.summary();
                assertEquals(StopReason.CONVERGED_RTOL, res.reason(), where);
                assertTrue(TestMatrices.relativeResidual(a, b, x) <= 1e-8, where);
                if (name.equals("none")) {
                    plain = res.iterations();
                } else if (name.equals("ic0") || name.equals("amg")) {
                    // the strong preconditioners must pay off; the cheap ones (Jacobi on a
                    // constant diagonal, 4x4 blocks cutting grid lines) need not beat CG here
                    assertTrue(res.iterations() < plain, where + " vs CG " + plain);
                }
                table.append(String.format(Locale.ROOT, " %s=%d", name, res.iterations()));
            }
            System.out.println("PCG iterations, b = A*ones, rtol 1e-8: " + table);
        }
    }

    @Test
    void west0479BreaksIlu0CleanlyAndIlutEitherWorksOrFailsCleanly() throws IOException {
        CsrMatrix a = read("west0479.mtx");
        // zero diagonal entries: ILU(0) must name a row, never produce NaN
        try {
            new io.krylovforge.precond.factor.IncompleteLu0().setUp(a);
            throw new AssertionError("ILU(0) should break down on west0479");
        } catch (PreconditionerFailedException e) {
            assertTrue(e.getMessage().contains("row "), e.getMessage());
        }
        Preconditioner ilut = new io.krylovforge.precond.factor.IncompleteLuThreshold(1e-6, 40);
        try {
            ilut.setUp(a);
            double[] z = TestMatrices.apply(ilut, TestMatrices.random(a.rows(), 1L));
            for (double v : z) {
                assertTrue(Double.isFinite(v));
            }
        } catch (PreconditionerFailedException e) {
            assertTrue(e.getMessage().contains("row "), e.getMessage());
        }
    }

    /** Minimal Matrix Market coordinate reader (real/integer, general/symmetric) for tests. */
    static CsrMatrix read(String name) throws IOException {
        Path dir = sharedDir();
        Path file = dir.resolve("matrices").resolve(name);
        assumeTrue(Files.exists(file), "shared matrix missing: " + file);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String header = in.readLine().toLowerCase(Locale.ROOT);
            boolean symmetric = header.contains("symmetric");
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("%") || line.isBlank());
            String[] size = line.trim().split("\\s+");
            int rows = Integer.parseInt(size[0]);
            int cols = Integer.parseInt(size[1]);
            int entries = Integer.parseInt(size[2]);
            CooBuilder coo = new CooBuilder(rows, cols, symmetric ? 2 * entries : entries);
            for (int k = 0; k < entries; k++) {
                String[] t = in.readLine().trim().split("\\s+");
                int i = Integer.parseInt(t[0]) - 1;
                int j = Integer.parseInt(t[1]) - 1;
                double v = Double.parseDouble(t[2]);
                coo.add(i, j, v);
                if (symmetric && i != j) {
                    coo.add(j, i, v);
                }
            }
            return coo.build();
        }
    }

    private static Path sharedDir() {
        String prop = System.getProperty("krylovforge.shared");
        if (prop != null && !prop.isBlank() && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        return Path.of("../../shared"); // from the module directory: <repo>/precond -> ../../shared
    }
}
