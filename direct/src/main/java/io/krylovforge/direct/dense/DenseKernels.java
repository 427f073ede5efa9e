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

    /**
     * LU factorisation with partial pivoting restricted to the n×n block, P·A = L·U in place (unit L
     * strictly below the diagonal, U on and above it), as a supernodal LU pivots inside a supernode's
     * diagonal block (PARDISO's supernode pivoting): a pivot whose magnitude is below {@code tiny}
     * (after the row search) is replaced by ±{@code tiny} (the sign of the entry, + for zero) and
     * counted, so the factorisation always completes and the sparse structure stays static.
     *
     * @param n        order of the block
     * @param a        the block in, L and U out (column-major)
     * @param aOff     offset of the block
     * @param lda      leading dimension
     * @param pivots   row interchanges out: row i was swapped with row {@code pivots[pivotOff + i]} (0-based, within the block) at step i
     * @param pivotOff where the block's interchanges start in {@code pivots}
     * @param tiny     the smallest pivot magnitude kept as it is (≥ 0)
     * @return the number of perturbed pivots (≥ 0), or −(j+1) when column j's pivot is NaN or infinite
     */
    int getrfPerturbed(int n, double[] a, int aOff, int lda, int[] pivots, int pivotOff, double tiny);

    /**
     * B ← B·U⁻¹ for the m×n block B and the n×n upper triangular U (non-unit diagonal; the strict
     * lower triangle of U's storage is not referenced): the rows of L below a supernode's diagonal block.
     *
     * @param m    rows of B
     * @param n    order of U, columns of B
     * @param u    U (column-major)
     * @param uOff offset of U
     * @param ldu  leading dimension of U
     * @param b    B in, B·U⁻¹ out (column-major)
     * @param bOff offset of B
     * @param ldb  leading dimension of B
     */
    void trsmRightUpper(int m, int n, double[] u, int uOff, int ldu, double[] b, int bOff, int ldb);

    /**
     * B ← B·L⁻ᵀ for the m×n block B and the n×n unit lower triangular L (its diagonal and upper
     * triangle are not referenced): Uᵀ of the columns right of a supernode's diagonal block.
     *
     * @param m    rows of B
     * @param n    order of L, columns of B
     * @param l    L (column-major)
     * @param lOff offset of L
     * @param ldl  leading dimension of L
     * @param b    B in, B·L⁻ᵀ out (column-major)
     * @param bOff offset of B
     * @param ldb  leading dimension of B
     */
    void trsmRightUnitLowerTranspose(int m, int n, double[] l, int lOff, int ldl, double[] b, int bOff, int ldb);

    /**
     * Solves A·X = B by LU with partial pivoting (LAPACK {@code dgesv}): A (n×n) is overwritten by
     * its factors L and U (unit L strictly below the diagonal), B (n×nrhs) by X; row i was swapped with row
     * {@code pivots[i]} (0-based) at step i. The caller may judge the conditioning from U's
     * diagonal, left in A.
     *
     * @param n      order of A
     * @param nrhs   columns of B
     * @param a      A in, the factors out (column-major)
     * @param aOff   offset of A
     * @param lda    leading dimension of A
     * @param pivots length ≥ n, the row interchanges out
     * @param b      B in, X out (column-major)
     * @param bOff   offset of B
     * @param ldb    leading dimension of B
     * @return 0 on success, otherwise j+1 where U(j,j) is exactly zero (X is then not computed)
     */
    int gesv(int n, int nrhs, double[] a, int aOff, int lda, int[] pivots, double[] b, int bOff, int ldb);

    /**
     * Eigenvalues and right eigenvectors of a general real n×n matrix (LAPACK {@code dgeev}), in no
     * particular order. A complex pair is stored as LAPACK does: {@code wi[j] > 0},
     * {@code wi[j+1] = −wi[j]}, and the eigenvector of {@code wr[j] + i·wi[j]} is
     * {@code v(:,j) + i·v(:,j+1)}. Every eigenvector is normalised to unit 2-norm with its largest
     * component (in modulus; the first on ties) real and positive, so the two implementations agree.
     *
     * @param n    order
     * @param a    the matrix (column-major), destroyed
     * @param aOff offset of A
     * @param lda  leading dimension of A
     * @param wr   length ≥ n, real parts out
     * @param wi   length ≥ n, imaginary parts out
     * @param v    the eigenvectors out (column-major n×n)
     * @param vOff offset of V
     * @param ldv  leading dimension of V
     * @return 0 on success, a positive value if the QR algorithm did not converge
     */
    int geev(int n, double[] a, int aOff, int lda, double[] wr, double[] wi, double[] v, int vOff, int ldv);

    /**
     * Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric n×n matrix (LAPACK
     * {@code dsyev}); the eigenvectors overwrite A as columns, each with its largest component
     * (in modulus; the first on ties) positive.
     *
     * @param n    order
     * @param a    the symmetric matrix in (both triangles), the eigenvectors out (column-major)
     * @param aOff offset of A
     * @param lda  leading dimension of A
     * @param w    length ≥ n, the eigenvalues out, ascending
     * @return 0 on success, a positive value if the iteration did not converge
     */
    int syev(int n, double[] a, int aOff, int lda, double[] w);

    /**
     * Thin QR factorisation A = Q·R of a rows×cols matrix (rows ≥ cols): A is overwritten by Q
     * (orthonormal columns), R (cols×cols) is upper triangular with a positive diagonal; its strict
     * lower triangle is zeroed.
     *
     * @param rows rows of A
     * @param cols columns of A
     * @param a    A in, Q out (column-major)
     * @param aOff offset of A
     * @param lda  leading dimension of A
     * @param r    R out (column-major)
     * @param rOff offset of R
     * @param ldr  leading dimension of R
     * @return 0 on success, otherwise j+1 for the first column j whose R(j,j) is not above
     *         1e-12 times that column's original norm (numerically dependent; A and R are then
     *         partly overwritten)
     */
    int qr(int rows, int cols, double[] a, int aOff, int lda, double[] r, int rOff, int ldr);

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
