package io.krylovforge.core.linalg;

import java.util.SplittableRandom;

/** Shared by the layout tests: the reference product (the plain CSR loop) and seeded random vectors. */
final class CsrReference {
    private CsrReference() {
    }

    /** y = A x by the plain CSR loop, rows summed in column order from 0.0. */
    static double[] product(CsrMatrix a, double[] x) {
        int[] p = a.rowPtr();
        int[] c = a.colIdx();
        double[] v = a.values();
        double[] y = new double[a.rows()];
        for (int i = 0; i < a.rows(); i++) {
            double s = 0.0;
            for (int k = p[i]; k < p[i + 1]; k++) {
                s += v[k] * x[c[k]];
            }
            y[i] = s;
        }
        return y;
    }

    /** n values uniform in (−1, 1) from {@code seed}. */
    static double[] randomVector(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
