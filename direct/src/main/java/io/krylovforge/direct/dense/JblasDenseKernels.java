package io.krylovforge.direct.dense;

import java.util.Arrays;
import org.jblas.NativeBlas;

/**
 * Dense kernels through jblas's bundled native BLAS/LAPACK ({@link NativeBlas}).
 *
 * <p>jblas's JNI layer copies every array argument in and out whole, so a call costs time in
 * proportion to the arrays' lengths, not to the block used. A call therefore goes native only when
 * its flops exceed {@value #FLOPS_PER_COPIED_DOUBLE} times the doubles copied and
 * {@value #MIN_NATIVE_FLOPS}; smaller calls run the pure-Java loops. {@link #alwaysNative()}
 * disables that switch (tests compare the two paths with it). The supernode trsm always runs in
 * Java (see {@link #trsmRightLowerTranspose}).
 *
 * <p>The BLAS bundled with jblas 1.2.5 is not reentrant: two threads factorising at once gave
 * wrong factors (measured: two workers each refactoring a 64² Laplacian, pivot failures within
 * 200 repeats; none on one thread or with the Java kernels). Every native call therefore holds
 * {@link #NATIVE}, one lock for the process-wide library; the Java path needs none.
 */
public final class JblasDenseKernels implements DenseKernels {
    static final long MIN_NATIVE_FLOPS = 16_384;
    static final long FLOPS_PER_COPIED_DOUBLE = 6;

    /** Guards the process-wide, non-reentrant native library (see the class comment). */
    private static final Object NATIVE = new Object();

    /** dgeev's unused left-eigenvector argument (never written with jobvl = 'N'; its own array, since
     *  jblas copies each array argument back on return and must not alias the right vectors). */
    private static final double[] NO_LEFT_VECTORS = new double[1];

    private final JavaDenseKernels java = new JavaDenseKernels();
    private final boolean always;
    /** Per-thread scratch of the block-LU kernels (a block copy and a triangular inverse) by size class. */
    private final ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[64][]);

    private JblasDenseKernels(boolean always) {
        this.always = always;
    }

    /**
     * Kernels that go native when it pays; throws {@link UnsatisfiedLinkError} (or another
     * {@link Error}) when the natives cannot load.
     */
    public static JblasDenseKernels load() {
        JblasDenseKernels k = new JblasDenseKernels(false);
        k.probe();
        return k;
    }

    /** Kernels that call native code for every block, however small (for tests). */
    public static JblasDenseKernels alwaysNative() {
        JblasDenseKernels k = new JblasDenseKernels(true);
        k.probe();
        return k;
    }

    private void probe() {
        double[] a = {4.0};
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dpotrf('L', 1, a, 0, 1);
        }
        if (info != 0 || a[0] != 2.0) {
            throw new UnsatisfiedLinkError("jblas dpotrf gave a wrong answer on [4]");
        }
    }

    private boolean pays(double flops, long copied) {
        return always || (flops >= MIN_NATIVE_FLOPS && flops >= FLOPS_PER_COPIED_DOUBLE * copied);
    }

    @Override
    public int potrf(int n, double[] a, int aOff, int lda) {
        if (n == 0) {
            return 0;
        }
        if (!pays((double) n * n * n / 3.0, a.length)) {
            return java.potrf(n, a, aOff, lda);
        }
        synchronized (NATIVE) {
            return NativeBlas.dpotrf('L', n, a, aOff, lda);
        }
    }

    /**
     * Always the pure-Java loops: jblas has no dtrsm, and its substitute (L⁻¹ formed in Java, then
     * one dgemm on copies of the block, two blocks allocated per call) was slower than the Java
     * trsm at every supernode shape measured, 32×64 to 512×512 (columns × rows below; thread CPU,
     * best of 7, in the panel as Cholesky calls it): Java 6.0–7.7 GFlop/s, jblas 1.8–4.4 from 128
     * columns on, equal at 64.
     */
    @Override
    public void trsmRightLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb) {
        java.trsmRightLowerTranspose(m, n, l, lOff, ldl, b, bOff, ldb);
    }

    /** Forward/back substitution stays in Java: jblas has no dtrsm, and solves are memory-bound. */
    @Override
    public void trsmLeftLower(boolean transpose, boolean unitDiagonal, int n, int nrhs,
            double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        java.trsmLeftLower(transpose, unitDiagonal, n, nrhs, l, lOff, ldl, b, bOff, ldb);
    }

    @Override
    public void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!pays(2.0 * m * n * k, sumLength(a, b, c))) {
            java.gemmNT(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        synchronized (NATIVE) {
            NativeBlas.dgemm('N', 'T', m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void gemmNN(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!pays(2.0 * m * n * k, sumLength(a, b, c))) {
            java.gemmNN(m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        synchronized (NATIVE) {
            NativeBlas.dgemm('N', 'N', m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }

    @Override
    public void syrkLower(int n, int k, double alpha, double[] a, int aOff, int lda,
            double beta, double[] c, int cOff, int ldc) {
        if (n == 0) {
            return;
        }
        if (!pays((double) n * n * k, (long) a.length + c.length)) {
            java.syrkLower(n, k, alpha, a, aOff, lda, beta, c, cOff, ldc);
            return;
        }
        // jblas has no dsyrk: the full square through dgemm (the upper half is written too).
        synchronized (NATIVE) {
            NativeBlas.dgemm('N', 'T', n, n, k, alpha, a, aOff, lda, a, aOff, lda, beta, c, cOff, ldc);
        }
    }

    @Override
    public int getrf(int n, double[] a, int aOff, int lda, int[] pivots) {
        if (n == 0) {
            return 0;
        }
        if (!pays(2.0 * n * n * n / 3.0, a.length)) {
            return java.getrf(n, a, aOff, lda, pivots);
        }
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dgetrf(n, n, a, aOff, lda, pivots, 0);
        }
        for (int i = 0; i < n; i++) {
            pivots[i] -= 1; // LAPACK's pivots are 1-based
        }
        return info;
    }

    @Override
    public int getrfPerturbed(int n, double[] a, int aOff, int lda, int[] pivots, int pivotOff, double tiny) {
        if (n == 0) {
            return 0;
        }
        if (!pays(2.0 * n * n * n / 3.0, 2L * n * n)) {
            return java.getrfPerturbed(n, a, aOff, lda, pivots, pivotOff, tiny);
        }
        // LAPACK cannot perturb a pivot mid-way: factorise a copy natively, and when a pivot comes
        // out below tiny (rare: zero-diagonal or near-singular blocks) redo the block in Java.
        double[] block = scratch(0, n * n);
        for (int j = 0; j < n; j++) {
            System.arraycopy(a, aOff + j * lda, block, j * n, n);
        }
        int[] ipiv = new int[n];
        synchronized (NATIVE) {
            NativeBlas.dgetrf(n, n, block, 0, n, ipiv, 0);
        }
        for (int j = 0; j < n; j++) {
            double d = block[j * n + j];
            if (!(Math.abs(d) >= tiny) || !Double.isFinite(d)) {
                return java.getrfPerturbed(n, a, aOff, lda, pivots, pivotOff, tiny);
            }
        }
        for (int j = 0; j < n; j++) {
            System.arraycopy(block, j * n, a, aOff + j * lda, n);
            pivots[pivotOff + j] = ipiv[j] - 1; // LAPACK's pivots are 1-based
        }
        return 0;
    }

    @Override
    public void trsmRightUpper(int m, int n, double[] u, int uOff, int ldu, double[] b, int bOff, int ldb) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!pays((double) m * n * n, (long) b.length + 2L * n * n + (long) m * n)) {
            java.trsmRightUpper(m, n, u, uOff, ldu, b, bOff, ldb);
            return;
        }
        // No dtrsm in jblas: X = B·U⁻¹ as one dgemm, U⁻¹ formed column by column by back substitution.
        double[] inverse = scratch(1, n * n);
        for (int j = 0; j < n; j++) {
            int c = j * n;
            Arrays.fill(inverse, c + j + 1, c + n, 0.0);
            inverse[c + j] = 1.0 / u[uOff + j * ldu + j];
            for (int i = j - 1; i >= 0; i--) {
                double s = 0.0; // (U⁻¹)(i,j) = −Σ_{k=i+1..j} U(i,k)·(U⁻¹)(k,j) / U(i,i)
                for (int k = i + 1; k <= j; k++) {
                    s += u[uOff + k * ldu + i] * inverse[c + k];
                }
                inverse[c + i] = -s / u[uOff + i * ldu + i];
            }
        }
        double[] x = copyBlock(m, n, b, bOff, ldb);
        synchronized (NATIVE) {
            NativeBlas.dgemm('N', 'N', m, n, n, 1.0, x, 0, m, inverse, 0, n, 0.0, b, bOff, ldb);
        }
    }

    @Override
    public void trsmRightUnitLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!pays((double) m * n * n, (long) l.length + b.length + 2L * n * n + (long) m * n)) {
            java.trsmRightUnitLowerTranspose(m, n, l, lOff, ldl, b, bOff, ldb);
            return;
        }
        double[] inverse = scratch(1, n * n);
        Arrays.fill(inverse, 0, n * n, 0.0);
        for (int j = 0; j < n; j++) {
            inverse[j * n + j] = 1.0;
        }
        java.trsmLeftLower(false, true, n, n, l, lOff, ldl, inverse, 0, n);
        double[] x = copyBlock(m, n, b, bOff, ldb);
        synchronized (NATIVE) {
            NativeBlas.dgemm('N', 'T', m, n, n, 1.0, x, 0, m, inverse, 0, n, 0.0, b, bOff, ldb);
        }
    }

    /**
     * Scratch array {@code which} of the calling thread with at least {@code size} doubles
     * (contents undefined), from power-of-two size classes: JNI copies whole arrays, so a small
     * call must not get a large one.
     */
    private double[] scratch(int which, int size) {
        double[][] s = scratch.get();
        int c = 32 - Integer.numberOfLeadingZeros(Math.max(size, 1) - 1); // ceil(log2(size))
        int k = which * 32 + c;
        if (s[k] == null) {
            s[k] = new double[1 << c];
        }
        return s[k];
    }

    /** A packed copy of the m×n block in scratch 0, so dgemm's C never aliases its A. */
    private double[] copyBlock(int m, int n, double[] b, int bOff, int ldb) {
        double[] x = scratch(0, m * n);
        for (int j = 0; j < n; j++) {
            System.arraycopy(b, bOff + j * ldb, x, j * m, m);
        }
        return x;
    }

    @Override
    public int gesv(int n, int nrhs, double[] a, int aOff, int lda, int[] pivots, double[] b, int bOff, int ldb) {
        if (n == 0) {
            return 0;
        }
        if (!pays(2.0 * n * n * n / 3.0 + 2.0 * n * n * nrhs, (long) a.length + b.length)) {
            return java.gesv(n, nrhs, a, aOff, lda, pivots, b, bOff, ldb);
        }
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dgesv(n, nrhs, a, aOff, lda, pivots, 0, b, bOff, ldb);
        }
        for (int i = 0; i < n; i++) {
            pivots[i] -= 1; // LAPACK's pivots are 1-based
        }
        return info;
    }

    @Override
    public int geev(int n, double[] a, int aOff, int lda, double[] wr, double[] wi, double[] v, int vOff, int ldv) {
        if (n == 0) {
            return 0;
        }
        // about 25 n^3 flops with vectors (Golub and Van Loan, sec. 7.5.6)
        if (!pays(25.0 * n * n * n, (long) a.length + v.length)) {
            return java.geev(n, a, aOff, lda, wr, wi, v, vOff, ldv);
        }
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dgeev('N', 'V', n, a, aOff, lda, wr, 0, wi, 0, NO_LEFT_VECTORS, 0, 1, v, vOff, ldv);
        }
        if (info == 0) {
            JavaDenseDecompositions.normalizeEigenvectors(n, wi, v, vOff, ldv);
        }
        return info;
    }

    @Override
    public int syev(int n, double[] a, int aOff, int lda, double[] w) {
        if (n == 0) {
            return 0;
        }
        if (!pays(9.0 * n * n * n, a.length)) {
            return java.syev(n, a, aOff, lda, w);
        }
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dsyev('V', 'L', n, a, aOff, lda, w, 0);
        }
        if (info == 0) {
            for (int j = 0; j < n; j++) {
                JavaDenseDecompositions.normalizeReal(n, a, aOff + j * lda);
            }
        }
        return info;
    }

    @Override
    public int qr(int rows, int cols, double[] a, int aOff, int lda, double[] r, int rOff, int ldr) {
        if (cols == 0) {
            return 0;
        }
        if (!pays(4.0 * rows * cols * cols, (long) a.length + r.length)) {
            return java.qr(rows, cols, a, aOff, lda, r, rOff, ldr);
        }
        double[] norms = new double[cols];
        for (int j = 0; j < cols; j++) {
            double s = 0.0;
            for (int i = 0; i < rows; i++) {
                double e = a[aOff + j * lda + i];
                s += e * e;
            }
            norms[j] = Math.sqrt(s);
        }
        double[] tau = new double[cols];
        int info;
        synchronized (NATIVE) {
            info = NativeBlas.dgeqrf(rows, cols, a, aOff, lda, tau, 0);
        }
        if (info != 0) {
            return info;
        }
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < cols; i++) {
                r[rOff + j * ldr + i] = i <= j ? a[aOff + j * lda + i] : 0.0;
            }
        }
        synchronized (NATIVE) {
            info = NativeBlas.dorgqr(rows, cols, cols, a, aOff, lda, tau, 0);
        }
        if (info != 0) {
            return info;
        }
        // Householder R may have negative diagonal entries: flip row j of R and column j of Q
        for (int j = 0; j < cols; j++) {
            double d = r[rOff + j * ldr + j];
            if (!(Math.abs(d) > JavaDenseDecompositions.DEPENDENT * norms[j]) || norms[j] == 0.0) {
                return j + 1;
            }
            if (d < 0.0) {
                for (int l = j; l < cols; l++) {
                    r[rOff + l * ldr + j] = -r[rOff + l * ldr + j];
                }
                for (int i = 0; i < rows; i++) {
                    a[aOff + j * lda + i] = -a[aOff + j * lda + i];
                }
            }
        }
        return 0;
    }

    @Override
    public String name() {
        return "jblas";
    }

    private static long sumLength(double[] a, double[] b, double[] c) {
        return a == b ? (long) a.length + c.length : (long) a.length + b.length + c.length;
    }
}
