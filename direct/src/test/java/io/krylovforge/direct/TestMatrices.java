package io.krylovforge.direct;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Matrices and checks shared by the direct-solver tests. */
final class TestMatrices {
    private TestMatrices() {
    }

    /** A shared test matrix from ../shared/matrices. */
    static CsrMatrix shared(String file) throws IOException {
        String root = System.getProperty("krylovforge.shared", "../../shared");
        return MatrixMarket.read(Path.of(root, "matrices", file));
    }

    /**
     * Darcy-like −∇·(K∇u) on an nx×ny interior grid (x fastest), K = exp(contrast·noise) per cell
     * node, harmonic-mean face coefficients, zero Dirichlet boundary: SPD, variable coefficients.
     */
    static CsrMatrix darcy(int nx, int ny, double contrast, long seed) {
        Random r = new Random(seed);
        double[] k = new double[(nx + 2) * (ny + 2)];
        for (int i = 0; i < k.length; i++) {
            k[i] = Math.exp(contrast * r.nextGaussian());
        }
        CooBuilder coo = new CooBuilder(nx * ny, nx * ny, 5 * nx * ny);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int row = j * nx + i;
                double kc = k[(j + 1) * (nx + 2) + i + 1];
                double diag = 0;
                int[][] nb = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
                for (int[] d : nb) {
                    double kn = k[(j + 1 + d[1]) * (nx + 2) + i + 1 + d[0]];
                    double face = 2 * kc * kn / (kc + kn);
                    diag += face;
                    int ii = i + d[0];
                    int jj = j + d[1];
                    if (ii >= 0 && ii < nx && jj >= 0 && jj < ny) {
                        coo.add(row, jj * nx + ii, -face);
                    }
                }
                coo.add(row, row, diag);
            }
        }
        return coo.build();
    }

    /**
     * KKT saddle point [H Bᵀ; B 0] with H an SPD 2D Laplacian (hx×hx grid) and B m random sparse
     * constraint rows of full rank: symmetric indefinite, zero diagonal block.
     */
    static CsrMatrix kkt(int hx, int m, long seed) {
        Random r = new Random(seed);
        int nh = hx * hx;
        CsrMatrix h = io.krylovforge.core.linalg.Stencils.laplacian2d(hx, hx);
        CooBuilder coo = new CooBuilder(nh + m, nh + m, h.nnz() + 8 * m);
        h.forEach((i, j, v) -> coo.add(i, j, v));
        for (int c = 0; c < m; c++) {
            int base = (int) ((long) c * nh / m);
            coo.add(nh + c, base, 1.0);
            coo.add(base, nh + c, 1.0);
            for (int t = 0; t < 2; t++) {
                int j = r.nextInt(nh);
                if (j != base) {
                    double v = r.nextDouble() - 0.5;
                    coo.add(nh + c, j, v);
                    coo.add(j, nh + c, v);
                }
            }
        }
        return coo.build();
    }

    /** ‖b − A·x‖ / ‖b‖. */
    static double relativeResidual(CsrMatrix a, double[] x, double[] b) {
        double[] ax = a.multiply(x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            num += (b[i] - ax[i]) * (b[i] - ax[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    /** A seeded random right-hand side. */
    static double[] randomVector(int n, long seed) {
        Random r = new Random(seed);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble() - 0.5;
        }
        return b;
    }
}
