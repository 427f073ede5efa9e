package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;

/**
 * Symmetric strength of connection: i and j (i ≠ j) are strongly connected when
 * |aᵢⱼ| ≥ θ·√|aᵢᵢ aⱼⱼ|. With θ = 0 (PyAMG's default, {@code ('symmetric', {'theta': 0.0})})
 * every stored nonzero off-diagonal entry is strong.
 *
 * <p>The result S holds the strong off-diagonal entries of A (values aᵢⱼ, diagonal left out).
 *
 * <p>Reference: Vaněk, Mandel, Brezina, Computing 56 (1996); PyAMG
 * {@code pyamg.strength.symmetric_strength_of_connection}.
 */
public final class StrengthOfConnection {
    private StrengthOfConnection() {
    }

    /** S for 0 ≤ θ ≤ 1. */
    public static CsrMatrix symmetric(CsrMatrix a, double theta) {
        if (!(theta >= 0.0 && theta <= 1.0)) {
            throw new IllegalArgumentException("strength threshold theta must be in [0, 1], got " + theta);
        }
        final int n = a.rows();
        final int[] ptr = a.rowPtr();
        final int[] col = a.colIdx();
        final double[] val = a.values();
        double[] absDiag = a.diagonal();
        for (int i = 0; i < n; i++) {
            absDiag[i] = Math.abs(absDiag[i]);
        }
        int[] sp = new int[n + 1];
        int[] sc = new int[a.nnz()];
        double[] sv = new double[a.nnz()];
        int q = 0;
        final double theta2 = theta * theta;
        for (int i = 0; i < n; i++) {
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                int j = col[k];
                double v = val[k];
                // |a_ij|^2 >= theta^2 |a_ii a_jj|, without a square root per entry
                if (j != i && v != 0.0 && v * v >= theta2 * absDiag[i] * absDiag[j]) {
                    sc[q] = j;
                    sv[q++] = v;
                }
            }
            sp[i + 1] = q;
        }
        return CsrMatrix.of(n, n, sp, sc, sv);
    }
}
