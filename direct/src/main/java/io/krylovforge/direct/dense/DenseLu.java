package io.krylovforge.direct.dense;

import io.krylovforge.core.solve.PreconditionerFailedException;
import java.util.Arrays;

/**
 * Dense LU factorisation with partial (row) pivoting, PA = LU, stored in place in one row-major
 * array. Used for block-Jacobi blocks and the AMG coarse-grid solve (module precond), where
 * matrices are small; it lives here, beside the supernodal kernels, so the project has one dense
 * package. A zero pivot throws {@link PreconditionerFailedException} because its callers are
 * preconditioners, which the solvers map to DIVERGED_PRECONDITIONER_FAILED.
 *
 * <p>Pure Java on purpose: the blocks are tiny and the coarse grid is at most a few hundred
 * unknowns, so native LAPACK (jblas) would not pay for its loading risk.
 *
 * <p>Reference: Golub and Van Loan, Matrix Computations, 4th ed., Algorithm 3.4.1.
 */
public final class DenseLu {
    private final int n;
    private final double[] lu;
    private final int[] perm;

    /**
     * Factorises the n×n row-major matrix {@code a} (copied).
     *
     * @param rowOffset global index of the block's first row, for the failure message
     * @throws PreconditionerFailedException if a pivot column is exactly zero (singular)
     */
    public DenseLu(int n, double[] a, int rowOffset) {
        if (a.length < n * n) {
            throw new IllegalArgumentException("need " + n * n + " entries for a " + n + "x" + n
                    + " matrix, got " + a.length);
        }
        this.n = n;
        this.lu = Arrays.copyOf(a, n * n);
        this.perm = new int[n];
        factor(rowOffset);
    }

    private void factor(int rowOffset) {
        final double[] m = lu;
        double scale = 0.0;
        for (int k = 0; k < n * n; k++) {
            scale = Math.max(scale, Math.abs(m[k]));
        }
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int p = k;
            double best = Math.abs(m[k * n + k]);
            for (int i = k + 1; i < n; i++) {
                double v = Math.abs(m[i * n + k]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            // A pivot at round-off level means a singular matrix; NaN must not reach apply().
            if (!(best > 1e-14 * scale)) {
                throw new PreconditionerFailedException("dense LU: singular matrix, zero pivot at row "
                        + (rowOffset + k));
            }
            if (p != k) {
                for (int j = 0; j < n; j++) {
                    double t = m[k * n + j];
                    m[k * n + j] = m[p * n + j];
                    m[p * n + j] = t;
                }
                int t = perm[k];
                perm[k] = perm[p];
                perm[p] = t;
            }
            double pivot = m[k * n + k];
            for (int i = k + 1; i < n; i++) {
                double l = m[i * n + k] / pivot; // l_ik = a_ik / u_kk
                m[i * n + k] = l;
                if (l != 0.0) {
                    for (int j = k + 1; j < n; j++) {
                        m[i * n + j] -= l * m[k * n + j]; // a_ij <- a_ij - l_ik u_kj
                    }
                }
            }
        }
    }

    /** Order of the matrix. */
    public int size() {
        return n;
    }

    /**
     * Solves A x = b for the block at {@code off}: x[xOff..xOff+n) from b[bOff..bOff+n).
     * {@code work} (length ≥ n) is scratch; x may equal b if the offsets agree.
     */
    public void solve(double[] b, int bOff, double[] x, int xOff, double[] work) {
        final double[] m = lu;
        final int size = n;
        for (int i = 0; i < size; i++) {
            work[i] = b[bOff + perm[i]]; // y = P b
        }
        for (int i = 1; i < size; i++) {
            double s = work[i];
            for (int j = 0; j < i; j++) {
                s -= m[i * size + j] * work[j]; // forward: L y = P b
            }
            work[i] = s;
        }
        for (int i = size - 1; i >= 0; i--) {
            double s = work[i];
            for (int j = i + 1; j < size; j++) {
                s -= m[i * size + j] * work[j]; // backward: U x = y
            }
            work[i] = s / m[i * size + i];
        }
        System.arraycopy(work, 0, x, xOff, size);
    }
}
