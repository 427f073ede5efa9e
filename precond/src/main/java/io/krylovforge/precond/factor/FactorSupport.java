package io.krylovforge.precond.factor;

import io.krylovforge.core.linalg.CsrMatrix;

/** Small helpers shared by the incomplete factorisations. */
final class FactorSupport {
    private FactorSupport() {
    }

    /**
     * The strict lower part with a unit diagonal ({@code lower}) or the upper part with the
     * diagonal, from a combined LU array over a CSR pattern with diagonal pointers.
     */
    static CsrMatrix triangle(int n, int[] ptr, int[] col, double[] lu, int[] diag, boolean lower) {
        int[] p = new int[n + 1];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            nnz += lower ? diag[i] - ptr[i] + 1 : ptr[i + 1] - diag[i];
            p[i + 1] = nnz;
        }
        int[] c = new int[nnz];
        double[] v = new double[nnz];
        int q = 0;
        for (int i = 0; i < n; i++) {
            if (lower) {
                for (int k = ptr[i]; k < diag[i]; k++) {
                    c[q] = col[k];
                    v[q++] = lu[k];
                }
                c[q] = i;
                v[q++] = 1.0;
            } else {
                for (int k = diag[i]; k < ptr[i + 1]; k++) {
                    c[q] = col[k];
                    v[q++] = lu[k];
                }
            }
        }
        return CsrMatrix.of(n, n, p, c, v);
    }
}
