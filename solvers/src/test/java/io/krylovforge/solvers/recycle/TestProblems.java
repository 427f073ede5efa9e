package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import java.util.Random;

/** Test matrices built in code, and a residual check. */
final class TestProblems {
    private TestProblems() {
    }

    /**
     * Variable-coefficient 5-point diffusion −∇·(K∇u) + convection on an s×s interior grid, with
     * K = exp(amp·sin(2π(fx x + phase)) sin(2π(fy y))) — smooth, varies slowly with phase.
     * Row i: diagonal Σ of neighbour face coefficients, off-diagonal −K at the neighbour (as in the
     * SKR Darcy generator, which makes it nonsymmetric).
     */
    static CsrMatrix diffusion(int s, double amp, double phase) {
        int n = s * s;
        double[] kk = new double[n];
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                double x = (i + 1.0) / (s + 1.0);
                double y = (j + 1.0) / (s + 1.0);
                kk[j * s + i] = Math.exp(amp * Math.sin(2 * Math.PI * (x + phase)) * Math.sin(2 * Math.PI * y));
            }
        }
        CooBuilder coo = new CooBuilder(n, n, 5 * n);
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                int row = j * s + i;
                coo.add(row, row, 4.0 * kk[row]);
                if (i > 0) {
                    coo.add(row, row - 1, -kk[row - 1]);
                }
                if (i < s - 1) {
                    coo.add(row, row + 1, -kk[row + 1]);
                }
                if (j > 0) {
                    coo.add(row, row - s, -kk[row - s]);
                }
                if (j < s - 1) {
                    coo.add(row, row + s, -kk[row + s]);
                }
            }
        }
        return coo.build();
    }

    /** Symmetric variant: face coefficient (K_i + K_j)/2, diagonal the sum of the four faces (SPD). */
    static CsrMatrix symmetricDiffusion(int s, double amp, double phase) {
        int n = s * s;
        double[] kk = new double[n];
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                double x = (i + 1.0) / (s + 1.0);
                double y = (j + 1.0) / (s + 1.0);
                kk[j * s + i] = Math.exp(amp * Math.sin(2 * Math.PI * (x + phase)) * Math.sin(2 * Math.PI * y));
            }
        }
        CooBuilder coo = new CooBuilder(n, n, 5 * n);
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < s; i++) {
                int row = j * s + i;
                double diag = 0.0;
                int[] nb = {i > 0 ? row - 1 : -1, i < s - 1 ? row + 1 : -1, j > 0 ? row - s : -1, j < s - 1 ? row + s : -1};
                for (int t = 0; t < 4; t++) {
                    double face = nb[t] >= 0 ? 0.5 * (kk[row] + kk[nb[t]]) : kk[row]; // boundary face: own K
                    diag += face;
                    if (nb[t] >= 0) {
                        coo.add(row, nb[t], -face);
                    }
                }
                coo.add(row, row, diag);
            }
        }
        return coo.build();
    }

    static DenseVector randomVector(int n, long seed) {
        Random rnd = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() - 0.5;
        }
        return DenseVector.wrap(v);
    }

    /** ‖b − Ax‖/‖b‖, recomputed. */
    static double relres(LinearOperator a, Vector b, Vector x) {
        Vector r = b.zerosLike();
        a.apply(x, r);
        r.axpby(1.0, b, -1.0);
        return r.norm2() / b.norm2();
    }
}
