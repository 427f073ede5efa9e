package io.krylovforge.direct.dense;

import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * Dense LU factorisation with partial (row) pivoting, PA = LU, on the pure-Java
 * {@link DenseKernels#getrf} (column-major, in place). Used for block-Jacobi blocks and the AMG
 * coarse-grid solve (module precond), where matrices are small. A pivot at round-off level throws
 * {@link PreconditionerFailedException} because its callers are preconditioners, which the solvers
 * map to DIVERGED_PRECONDITIONER_FAILED.
 *
 * <p>Pure Java on purpose: the blocks are tiny and the coarse grid is at most a few hundred
 * unknowns, so native LAPACK (jblas) would not pay for its loading risk.
 */
public final class DenseLu {
    private static final DenseKernels KERNELS = DenseKernels.java();

    private final int n;
    /** L and U, column-major. */
    private final double[] lu;
    /** row i was swapped with row pivots[i] at step i. */
    private final int[] pivots;

    /**
     * Factorises the n×n row-major matrix {@code a} (copied).
     *
     * @param n         order of the matrix
     * @param a         the matrix, row-major, at least n·n entries
     * @param rowOffset global index of the block's first row, for the failure message
     * @throws PreconditionerFailedException if a pivot is zero to round-off (singular)
     */
    public DenseLu(int n, double[] a, int rowOffset) {
        if (a.length < n * n) {
            throw new IllegalArgumentException("need " + n * n + " entries for a " + n + "x" + n
                    + " matrix, got " + a.length);
        }
        this.n = n;
        this.lu = new double[n * n];
        this.pivots = new int[n];
        double scale = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double e = a[i * n + j];
                lu[j * n + i] = e;
                scale = Math.max(scale, Math.abs(e));
            }
        }
        KERNELS.getrf(n, lu, 0, n, pivots);
        for (int k = 0; k < n; k++) {
            // A pivot at round-off level means a singular matrix; NaN must not reach solve().
            if (!(Math.abs(lu[k * n + k]) > 1e-14 * scale)) {
                throw new PreconditionerFailedException("dense LU: singular matrix, zero pivot at row "
                        + (rowOffset + k));
            }
        }
    }

    /**
     * Order of the matrix.
     *
     * @return n
     */
    public int size() {
        return n;
    }

    /**
     * Solves A x = b for the block at {@code off}: x[xOff..xOff+n) from b[bOff..bOff+n).
     * {@code work} (length ≥ n) is scratch; x may equal b if the offsets agree.
     *
     * @param b    right-hand side array
     * @param bOff offset of b's block
     * @param x    solution array
     * @param xOff offset of x's block
     * @param work scratch, length ≥ n
     */
    public void solve(double[] b, int bOff, double[] x, int xOff, double[] work) {
        final double[] m = lu;
        final int size = n;
        System.arraycopy(b, bOff, work, 0, size);
        for (int i = 0; i < size; i++) {
            int p = pivots[i];
            if (p != i) { // y = P b, the interchanges in order
                double t = work[i];
                work[i] = work[p];
                work[p] = t;
            }
        }
        for (int i = 1; i < size; i++) {
            double s = work[i];
            for (int j = 0; j < i; j++) {
                s -= m[j * size + i] * work[j]; // forward: L y = P b
            }
            work[i] = s;
        }
        for (int i = size - 1; i >= 0; i--) {
            double s = work[i];
            for (int j = i + 1; j < size; j++) {
                s -= m[j * size + i] * work[j]; // backward: U x = y
            }
            work[i] = s / m[i * size + i];
        }
        System.arraycopy(work, 0, x, xOff, size);
    }
}
