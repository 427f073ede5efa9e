package io.krylovforge.direct.dense;

/**
 * The dense BLAS-3 / LAPACK kernels the supernodal factorisations need, on column-major blocks
 * addressed as (array, offset, leading dimension) so that a block can live inside a larger panel.
 * Only the lower triangle is referenced where a matrix is symmetric or triangular.
 *
 * <p>Two implementations: {@link JblasDenseKernels} (native BLAS/LAPACK bundled with jblas) and
 * {@link JavaDenseKernels} (pure Java, blocked). {@link #best()} picks jblas when its natives load
 * and the system property {@value #PROPERTY} is not {@code java}.
 */
public interface DenseKernels {

    /** System property that forces the pure-Java kernels when set to {@code java}. */
    String PROPERTY = "krylovforge.dense";

    /**
     * Cholesky factorisation A = L·Lᵀ of the n×n lower triangle in place.
     *
     * @return 0 on success, otherwise j+1 where j is the first column whose pivot is not
     *         positive (LAPACK's {@code info}); the block is then partly overwritten
     */
    int potrf(int n, double[] a, int aOff, int lda);

    /** B ← B·L⁻ᵀ for the m×n block B and the n×n lower triangular L (a supernode's off-diagonal rows). */
    void trsmRightLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb);

    /**
     * B ← L⁻¹·B (transpose false) or B ← L⁻ᵀ·B (transpose true) for the n×n lower triangular L and
     * the n×nrhs block B; {@code unitDiagonal} treats L's diagonal as ones.
     */
    void trsmLeftLower(boolean transpose, boolean unitDiagonal, int n, int nrhs,
            double[] l, int lOff, int ldl, double[] b, int bOff, int ldb);

    /** C ← alpha·A·Bᵀ + beta·C for A m×k, B n×k and C m×n. */
    void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);

    /** C ← alpha·A·B + beta·C for A m×k, B k×n and C m×n. */
    void gemmNN(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc);

    /** Lower triangle of C ← alpha·A·Aᵀ + beta·C for A n×k and C n×n; the strict upper triangle may be overwritten. */
    void syrkLower(int n, int k, double alpha, double[] a, int aOff, int lda,
            double beta, double[] c, int cOff, int ldc);

    /**
     * LU factorisation with partial pivoting P·A = L·U of the n×n block in place; row i was
     * swapped with row {@code pivots[i]} (0-based) at step i.
     *
     * @return 0 on success, otherwise j+1 where U(j,j) is exactly zero (LAPACK's {@code info})
     */
    int getrf(int n, double[] a, int aOff, int lda, int[] pivots);

    /** Short name for reports: "jblas" or "java". */
    String name();

    /**
     * The fastest kernels available: jblas when its natives load and {@value #PROPERTY} is not
     * {@code java}, otherwise the pure-Java ones.
     */
    static DenseKernels best() {
        return DenseKernelsChoice.BEST;
    }

    /** The pure-Java kernels, always available. */
    static DenseKernels java() {
        return new JavaDenseKernels();
    }
}
