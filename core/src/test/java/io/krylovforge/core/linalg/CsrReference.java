package io.krylovforge.core.linalg;

/** The reference product for layout tests: y = A x by the plain CSR loop, rows summed in column order from 0.0. */
final class CsrReference {
    private CsrReference() {
    }

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
}
