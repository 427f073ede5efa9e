package io.krylovforge.direct.dense;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The pure-Java small decompositions behind {@link JavaDenseKernels} (and the small calls of
 * {@link JblasDenseKernels}): linear solve on {@code getrf}, the general eigenproblem through
 * Commons Math's {@link EigenDecomposition}, the symmetric one by cyclic Jacobi rotations (robust
 * and accurate for the small matrices it serves), thin QR by modified Gram–Schmidt run twice. The
 * eigenvector normalisation both implementations share lives here too.
 */
final class JavaDenseDecompositions {
    /** A column is dependent when its R(j,j) is not above this fraction of its original norm. */
    static final double DEPENDENT = 1e-12;

    private JavaDenseDecompositions() {
    }

    static int gesv(JavaDenseKernels lu, int n, int nrhs, double[] a, int aOff, int lda, int[] pivots,
            double[] b, int bOff, int ldb) {
        int info = lu.getrf(n, a, aOff, lda, pivots);
        if (info != 0) {
            return info;
        }
        for (int c = 0; c < nrhs; c++) {
            int bc = bOff + c * ldb;
            for (int i = 0; i < n; i++) {
                int p = pivots[i];
                if (p != i) {
                    double t = b[bc + i];
                    b[bc + i] = b[bc + p];
                    b[bc + p] = t;
                }
            }
            for (int j = 0; j < n; j++) { // L y = P b, by columns of L
                double yj = b[bc + j];
                if (yj != 0.0) {
                    int col = aOff + j * lda;
                    for (int i = j + 1; i < n; i++) {
                        b[bc + i] -= a[col + i] * yj;
                    }
                }
            }
            for (int j = n - 1; j >= 0; j--) { // U x = y, by columns of U
                int col = aOff + j * lda;
                double xj = b[bc + j] / a[col + j];
                b[bc + j] = xj;
                for (int i = 0; i < j; i++) {
                    b[bc + i] -= a[col + i] * xj;
                }
            }
        }
        return 0;
    }

    static int geev(int n, double[] a, int aOff, int lda, double[] wr, double[] wi, double[] v, int vOff,
            int ldv) {
        RealMatrix m = new Array2DRowRealMatrix(n, n);
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                m.setEntry(i, j, a[aOff + j * lda + i]);
            }
        }
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(m);
        } catch (MathIllegalStateException e) {
            return 1; // no convergence
        }
        double[] re = eig.getRealEigenvalues();
        double[] im = eig.getImagEigenvalues();
        RealMatrix vv = eig.getV();
        for (int j = 0; j < n; j++) {
            wr[j] = re[j];
            wi[j] = im[j];
            for (int i = 0; i < n; i++) {
                v[vOff + j * ldv + i] = vv.getEntry(i, j);
            }
        }
        // Commons Math's real block form: columns (x, y) of a pair give A(x + iy) = (wr[j] + i wi[j])(x + iy);
        // LAPACK's layout wants the eigenvalue with positive imaginary part first
        for (int j = 0; j + 1 < n; j++) {
            if (wi[j] != 0.0 && wi[j + 1] == -wi[j]) {
                if (wi[j] < 0.0) {
                    wi[j] = -wi[j];
                    wi[j + 1] = -wi[j + 1];
                    for (int i = 0; i < n; i++) {
                        v[vOff + (j + 1) * ldv + i] = -v[vOff + (j + 1) * ldv + i]; // conjugate vector
                    }
                }
                j++;
            }
        }
        normalizeEigenvectors(n, wi, v, vOff, ldv);
        return 0;
    }

    /**
     * Unit 2-norm, largest component (in modulus, first on ties) real and positive, for every real
     * eigenvector and every complex pair (x, y) stored as x + iy.
     */
    static void normalizeEigenvectors(int n, double[] wi, double[] v, int vOff, int ldv) {
        for (int j = 0; j < n; j++) {
            int x = vOff + j * ldv;
            if (wi[j] == 0.0 || j + 1 >= n) {
                normalizeReal(n, v, x);
                continue;
            }
            int y = x + ldv;
            int k = 0;
            double best = -1.0;
            double norm2 = 0.0;
            for (int i = 0; i < n; i++) {
                double m2 = v[x + i] * v[x + i] + v[y + i] * v[y + i];
                norm2 += m2;
                if (m2 > best * (1.0 + 1e-10)) {
                    best = m2;
                    k = i;
                }
            }
            double mod = Math.sqrt(best);
            if (mod == 0.0) {
                j++;
                continue;
            }
            // multiply by conj(z_k) / (|z_k| ||z||)
            double cr = v[x + k] / mod;
            double ci = -v[y + k] / mod;
            double s = 1.0 / Math.sqrt(norm2);
            for (int i = 0; i < n; i++) {
                double xr = v[x + i];
                double yi = v[y + i];
                v[x + i] = s * (xr * cr - yi * ci);
                v[y + i] = s * (xr * ci + yi * cr);
            }
            v[y + k] = 0.0;
            j++;
        }
    }

    /** Unit 2-norm and the largest |component| (first on near-ties) positive. */
    static void normalizeReal(int n, double[] v, int x) {
        int k = 0;
        double best = -1.0;
        double norm2 = 0.0;
        for (int i = 0; i < n; i++) {
            double e = Math.abs(v[x + i]);
            norm2 += e * e;
            if (e > best * (1.0 + 1e-10)) {
                best = e;
                k = i;
            }
        }
        if (norm2 == 0.0) {
            return;
        }
        double s = (v[x + k] < 0.0 ? -1.0 : 1.0) / Math.sqrt(norm2);
        for (int i = 0; i < n; i++) {
            v[x + i] *= s;
        }
    }

    /** Cyclic Jacobi rotations (at most 60 sweeps), then ascending order and normalised signs; 1 on NaN. */
    static int syev(int n, double[] a, int aOff, int lda, double[] w) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1.0;
        }
        // stop at an absolute 1e-30 (the bandit tuner's original test), or relative for large
        // entries; Jacobi converges quadratically, so the sweep cap is a guard, not a failure
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0.0;
            double diag = 0.0;
            for (int q = 0; q < n; q++) {
                for (int p = 0; p < q; p++) {
                    double apq = a[aOff + q * lda + p];
                    off += apq * apq;
                }
                diag += a[aOff + q * lda + q] * a[aOff + q * lda + q];
            }
            if (Double.isNaN(off) || Double.isNaN(diag)) {
                return 1;
            }
            if (off < 1e-30 || off <= 1e-30 * diag) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(n, a, aOff, lda, v, p, q);
                }
            }
        }
        // ascending order by selection (n is small), columns of v moved with their eigenvalue
        for (int i = 0; i < n; i++) {
            w[i] = a[aOff + i * lda + i];
        }
        for (int i = 0; i < n; i++) {
            int min = i;
            for (int l = i + 1; l < n; l++) {
                if (w[l] < w[min]) {
                    min = l;
                }
            }
            double t = w[i];
            w[i] = w[min];
            w[min] = t;
            for (int r = 0; r < n; r++) {
                double s = v[i * n + r];
                v[i * n + r] = v[min * n + r];
                v[min * n + r] = s;
            }
        }
        for (int j = 0; j < n; j++) {
            normalizeReal(n, v, j * n);
            System.arraycopy(v, j * n, a, aOff + j * lda, n);
        }
        return 0;
    }

    /** One Jacobi rotation zeroing A(p,q) (both triangles kept), accumulated into the columns of v. */
    private static void rotate(int n, double[] a, int aOff, int lda, double[] v, int p, int q) {
        double apq = a[aOff + q * lda + p];
        if (Math.abs(apq) < 1e-300) {
            return;
        }
        double theta = (a[aOff + q * lda + q] - a[aOff + p * lda + p]) / (2.0 * apq);
        double t = theta == 0.0 ? 1.0 : Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        int cp = aOff + p * lda;
        int cq = aOff + q * lda;
        for (int k = 0; k < n; k++) { // columns p, q
            double akp = a[cp + k];
            double akq = a[cq + k];
            a[cp + k] = c * akp - s * akq;
            a[cq + k] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) { // rows p, q
            int ck = aOff + k * lda;
            double apk = a[ck + p];
            double aqk = a[ck + q];
            a[ck + p] = c * apk - s * aqk;
            a[ck + q] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[p * n + k];
            double vkq = v[q * n + k];
            v[p * n + k] = c * vkp - s * vkq;
            v[q * n + k] = s * vkp + c * vkq;
        }
    }

    /** Modified Gram–Schmidt twice per column, so Q is orthonormal to working precision. */
    static int qr(int rows, int cols, double[] a, int aOff, int lda, double[] r, int rOff, int ldr) {
        for (int j = 0; j < cols; j++) {
            int cj = aOff + j * lda;
            int rj = rOff + j * ldr;
            for (int i = 0; i < cols; i++) {
                r[rj + i] = 0.0;
            }
            double orig = 0.0;
            for (int i = 0; i < rows; i++) {
                orig += a[cj + i] * a[cj + i];
            }
            orig = Math.sqrt(orig);
            for (int pass = 0; pass < 2; pass++) {
                for (int l = 0; l < j; l++) {
                    int cl = aOff + l * lda;
                    double d = 0.0;
                    for (int i = 0; i < rows; i++) {
                        d += a[cl + i] * a[cj + i];
                    }
                    for (int i = 0; i < rows; i++) {
                        a[cj + i] -= d * a[cl + i];
                    }
                    r[rj + l] += d;
                }
            }
            double nrm = 0.0;
            for (int i = 0; i < rows; i++) {
                nrm += a[cj + i] * a[cj + i];
            }
            nrm = Math.sqrt(nrm);
            if (!(nrm > DEPENDENT * orig) || orig == 0.0) {
                return j + 1;
            }
            r[rj + j] = nrm;
            for (int i = 0; i < rows; i++) {
                a[cj + i] /= nrm;
            }
        }
        return 0;
    }
}
