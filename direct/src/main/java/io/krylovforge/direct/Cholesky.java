package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;

/**
 * Supernodal sparse Cholesky P·A·Pᵀ = L·Lᵀ for symmetric positive definite A, with the ordering
 * and symbolic analysis done once per pattern.
 *
 * <pre>{@code
 * Cholesky chol = Cholesky.analyze(a, Ordering.nestedDissection(GridShape.of(nx, ny)));
 * for (CsrMatrix ak : samples) {           // same pattern, new values
 *     FactorStatus st = chol.factor(ak);   // numbers only
 *     if (!st.ok()) ...                    // st.column(): the first non-positive pivot
 *     chol.solve(b, x);
 * }
 * }</pre>
 *
 * <p>Per supernode: dpotrf on the diagonal block, a triangular solve for the rows below, and one
 * product L₂₁·L₂₁ᵀ for the update to its ancestors (see {@link SupernodalFactorization}). A non-positive (or NaN)
 * pivot stops the factorisation and names the original column; nothing is NaN-poisoned
 * silently. An attempted Cholesky is therefore also the positive-definiteness test.
 */
public final class Cholesky extends SupernodalFactorization {

    Cholesky(CsrMatrix a, Ordering ordering, DenseKernels kernels, long heapBudget) {
        super(a, ordering, kernels, 0L, heapBudget);
    }

    /** Analysis with approximate minimum degree ordering and the best dense kernels. */
    public static Cholesky analyze(CsrMatrix a) {
        return analyze(a, Ordering.amd());
    }

    /** Analysis with the given ordering and the best dense kernels. */
    public static Cholesky analyze(CsrMatrix a, Ordering ordering) {
        return analyze(a, ordering, DenseKernels.best());
    }

    /**
     * Orders the pattern of a, runs the symbolic analysis and allocates the factor; no numbers
     * are read. Throws {@link FactorTooLargeException} when the factor would not fit the heap.
     */
    public static Cholesky analyze(CsrMatrix a, Ordering ordering, DenseKernels kernels) {
        return new Cholesky(a, ordering, kernels, -1L);
    }

    @Override
    void supernodeUpdate(int s, int m, double[] c) {
        int nrow = rowCount(s);
        kernels.syrkLower(m, columns(s), 1.0, panel[s], columns(s), nrow, 0.0, c, 0, m);
    }

    @Override
    int factorSupernode(int s) {
        int ncol = columns(s);
        int nrow = rowCount(s);
        double[] l = panel[s];
        int info = kernels.potrf(ncol, l, 0, nrow);
        if (info != 0) {
            return info - 1;
        }
        kernels.trsmRightLowerTranspose(nrow - ncol, ncol, l, 0, nrow, l, ncol, nrow);
        return -1;
    }

    /**
     * x = A⁻¹·b in the caller's workspace {@code work} (at least {@link #size()} entries): reads
     * the factor only, so threads may solve concurrently with their own arrays, and x may be b
     * (an in-place solve).
     */
    public void solve(double[] b, double[] x, double[] work) {
        if (!isFactored()) {
            throw new IllegalStateException("cholesky: no successful factorisation to solve with");
        }
        if (b.length < n || x.length < n || work.length < n) {
            throw new IllegalArgumentException("solve needs arrays of " + n + " entries, got b "
                    + b.length + ", x " + x.length + " and work " + work.length);
        }
        substitute(b, x, 1, work);
    }

    @Override
    String failureMessage(int column) {
        return "cholesky: pivot not positive at column " + column
                + " (matrix not positive definite; try ldlt)";
    }

    @Override
    boolean unitDiagonal() {
        return false;
    }

    @Override
    public String name() {
        return "cholesky";
    }
}
