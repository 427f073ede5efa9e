package io.krylovforge.solvers;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Test matrices built in code, a minimal Matrix Market reader for ../shared, and checks. */
public final class TestProblems {
    private TestProblems() {
    }

    /** 5-point Laplacian on an n×n grid, unknown (i, j) → i·n + j, stencil [4; −1 ×4]. */
    public static CsrMatrix laplace2d(int n) {
        return convDiff(n, 0.0);
    }

    /**
     * laplace2d(n) + ch·(upwind backward differences in both directions): diagonal 4 + 2ch,
     * west/south −1 − ch, east/north −1 (identical to reference_counts.py).
     */
    public static CsrMatrix convDiff(int n, double ch) {
        CooBuilder c = new CooBuilder(n * n, n * n, 5 * n * n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int row = i * n + j;
                c.add(row, row, 4.0 + 2.0 * ch);
                if (j > 0) {
                    c.add(row, row - 1, -1.0 - ch);
                }
                if (j < n - 1) {
                    c.add(row, row + 1, -1.0);
                }
                if (i > 0) {
                    c.add(row, row - n, -1.0 - ch);
                }
                if (i < n - 1) {
                    c.add(row, row + n, -1.0);
                }
            }
        }
        return c.build();
    }

    /** 7-point Laplacian on an n×n×n grid, stencil [6; −1 ×6]. */
    public static CsrMatrix laplace3d(int n) {
        int size = n * n * n;
        CooBuilder c = new CooBuilder(size, size, 7 * size);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    int row = (i * n + j) * n + k;
                    c.add(row, row, 6.0);
                    if (k > 0) {
                        c.add(row, row - 1, -1.0);
                    }
                    if (k < n - 1) {
                        c.add(row, row + 1, -1.0);
                    }
                    if (j > 0) {
                        c.add(row, row - n, -1.0);
                    }
                    if (j < n - 1) {
                        c.add(row, row + n, -1.0);
                    }
                    if (i > 0) {
                        c.add(row, row - n * n, -1.0);
                    }
                    if (i < n - 1) {
                        c.add(row, row + n * n, -1.0);
                    }
                }
            }
        }
        return c.build();
    }

    /** A − σI: symmetric indefinite when σ lies inside the spectrum of A. */
    public static CsrMatrix shifted(CsrMatrix a, double sigma) {
        CooBuilder c = new CooBuilder(a.rows(), a.cols(), a.nnz() + a.rows());
        a.forEach(c::add);
        for (int i = 0; i < a.rows(); i++) {
            c.add(i, i, -sigma);
        }
        return c.build();
    }

    /** 1-D Neumann Laplacian: symmetric positive semidefinite, singular (null space = ones). */
    public static CsrMatrix neumann1d(int n) {
        CooBuilder c = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            c.add(i, i, (i == 0 || i == n - 1) ? 1.0 : 2.0);
            if (i > 0) {
                c.add(i, i - 1, -1.0);
            }
            if (i < n - 1) {
                c.add(i, i + 1, -1.0);
            }
        }
        return c.build();
    }

    /** The shared test matrices folder. */
    public static Path shared() {
        String p = System.getProperty("krylovforge.shared");
        Path dir = p != null ? Path.of(p) : Path.of("../../shared");
        if (!Files.isDirectory(dir.resolve("matrices"))) {
            dir = Path.of("../../shared");
        }
        return dir.resolve("matrices");
    }

    /** Minimal coordinate Matrix Market reader (real/integer, general/symmetric) for tests. */
    public static CsrMatrix readShared(String file) {
        Path path = shared().resolve(file);
        try (BufferedReader in = Files.newBufferedReader(path)) {
            String header = in.readLine().toLowerCase(Locale.ROOT);
            boolean symmetric = header.contains("symmetric");
            String line;
            do {
                line = in.readLine();
            } while (line.startsWith("%") || line.isBlank());
            String[] dims = line.trim().split("\\s+");
            int rows = Integer.parseInt(dims[0]);
            int cols = Integer.parseInt(dims[1]);
            int nnz = Integer.parseInt(dims[2]);
            CooBuilder c = new CooBuilder(rows, cols, 2 * nnz);
            for (int e = 0; e < nnz; e++) {
                line = in.readLine();
                if (line.isBlank() || line.startsWith("%")) {
                    e--;
                    continue;
                }
                String[] t = line.trim().split("\\s+");
                int i = Integer.parseInt(t[0]) - 1;
                int j = Integer.parseInt(t[1]) - 1;
                double v = Double.parseDouble(t[2]);
                c.add(i, j, v);
                if (symmetric && i != j) {
                    c.add(j, i, v);
                }
            }
            return c.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** b = A·ones. */
    public static DenseVector rhsOnes(LinearOperator a) {
        DenseVector b = DenseVector.zeros(a.rows());
        a.apply(DenseVector.ones(a.cols()), b);
        return b;
    }

    /** ‖b − Ax‖/‖b‖ recomputed independently of any solver (plain loops). */
    public static double relativeResidual(CsrMatrix a, Vector b, Vector x) {
        double[] xa = x.toArray();
        double[] ba = b.toArray();
        double[] ax = new double[a.rows()];
        a.forEach((i, j, v) -> ax[i] += v * xa[j]);
        double rr = 0.0;
        double bb = 0.0;
        for (int i = 0; i < ba.length; i++) {
            double r = ba[i] - ax[i];
            rr += r * r;
            bb += ba[i] * ba[i];
        }
        return Math.sqrt(rr) / Math.sqrt(bb);
    }

    /** Whether every entry is finite. */
    public static boolean finite(Vector x) {
        for (double v : x.toArray()) {
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The fixed M = |diag(a)| (a {@link DiagonalPreconditioner} set up once on a): its {@code setUp}
     * keeps that diagonal whatever operator it is given,
     * so a test's reference loop that never calls it, and a solver that sets it up with a wrapped
     * operator the backend cannot see into, apply the same M.
     */
    public static Preconditioner diagonal(CsrMatrix a) {
        DiagonalPreconditioner m = new DiagonalPreconditioner();
        m.setUp(a);
        return new Preconditioner() {
            @Override
            public void setUp(LinearOperator op) {
            }

            @Override
            public void apply(Vector r, Vector z) {
                m.apply(r, z);
            }
        };
    }

    /** M = diag(A), an SPD preconditioner for matrices with a positive diagonal. */
    public static class DiagonalPreconditioner implements Preconditioner {
        private double[] inv;

        @Override
        public void setUp(LinearOperator a) {
            double[] d = ((CsrMatrix) a).diagonal();
            inv = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                inv[i] = 1.0 / Math.abs(d[i]);
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

        @Override
        public boolean isSymmetric() {
            return true;
        }
    }
}
