package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;

/**
 * A sparse factorisation whose ordering and symbolic analysis were done once, at construction,
 * for one sparsity pattern. {@link #factor} recomputes only the numbers, so a sequence of
 * matrices with the same pattern (the samples of a PDE family) pays the analysis once.
 */
public interface SparseFactorization {

    /**
     * Numeric factorisation of {@code a}, which must have the analysed pattern (same size, same
     * row pointers and column indices). A zero or tiny pivot is reported in the status, never
     * thrown and never turned into NaN. A different pattern throws IllegalArgumentException.
     */
    FactorStatus factor(CsrMatrix a);

    /**
     * x = A⁻¹·b with the last successful factorisation; {@code b} is not modified and may not be
     * the same array as {@code x}. Throws IllegalStateException when no factorisation succeeded.
     */
    void solve(double[] b, double[] x);

    /**
     * X = A⁻¹·B for {@code nrhs} right-hand sides stored column-major in b and x (column r at
     * offset r·size()); same rules as {@link #solve(double[], double[])}. The default solves one
     * column at a time; supernodal factorisations sweep the factor once for all columns.
     */
    default void solve(double[] b, double[] x, int nrhs) {
        int n = size();
        if (b.length < (long) n * nrhs || x.length < (long) n * nrhs) {
            throw new IllegalArgumentException("solve needs arrays of " + ((long) n * nrhs)
                    + " entries, got b " + b.length + " and x " + x.length);
        }
        double[] bc = new double[n];
        double[] xc = new double[n];
        for (int r = 0; r < nrhs; r++) {
            System.arraycopy(b, r * n, bc, 0, n);
            solve(bc, xc);
            System.arraycopy(xc, 0, x, r * n, n);
        }
    }

    /** Order of the matrix. */
    int size();

    /** Stored nonzeros of the factors (L, or L and U), from the symbolic analysis. */
    long factorNonzeros();

    /** Floating-point operations of one numeric factorisation, from the symbolic analysis. */
    double factorFlops();

    /** Bytes the numeric factors take, from the symbolic analysis. */
    long memoryBytes();

    /** Short name, e.g. "cholesky", "ldlt", "lu". */
    String name();
}
