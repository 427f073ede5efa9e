package io.krylovforge.direct.dense;

/**
 * Pure-Java dense kernels: column-oriented loops whose inner loop runs down a contiguous column
 * (axpy form), four columns of the inner dimension at a time so each pass over C carries four
 * multiply-adds. Used when jblas's natives cannot load, and for blocks too small to repay a JNI call.
 */
public final class JavaDenseKernels implements DenseKernels {

    @Override
    public int potrf(int n, double[] a, int aOff, int lda) {
        // Left-looking column Cholesky: column j gets the updates of columns 0..j-1, then is scaled.
        for (int j = 0; j < n; j++) {
            int cj = aOff + j * lda;
            for (int k = 0; k < j; k++) {
                int ck = aOff + k * lda;
                double t = a[ck + j];
                if (t != 0.0) {
                    for (int i = j; i < n; i++) {
                        a[cj + i] -= a[ck + i] * t;
                    }
                }
            }
            double d = a[cj + j];
            if (!(d > 0.0) || Double.isInfinite(d)) {
                return j + 1;
            }
            d = Math.sqrt(d);
            a[cj + j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] *= inv;
            }
        }
        return 0;
    }

    @Override
    public void trsmRightLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb) {
        // X·Lᵀ = B column by column: X(:,j) = (B(:,j) − Σ_{k<j} X(:,k)·L(j,k)) / L(j,j).
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            for (int k = 0; k < j; k++) {
                double t = l[lOff + k * ldl + j];
                if (t != 0.0) {
                    int bk = bOff + k * ldb;
                    for (int i = 0; i < m; i++) {
                        b[bj + i] -= b[bk + i] * t;
                    }
                }
            }
            double inv = 1.0 / l[lOff + j * ldl + j];
            for (int i = 0; i < m; i++) {
                b[bj + i] *= inv;
            }
        }
    }

    @Override
    public void trsmLeftLower(boolean transpose, boolean unitDiagonal, int n, int nrhs,
            double[] l, int lOff, int ldl, double[] b, int bOff, int ldb) {
        for (int r = 0; r < nrhs; r++) {
            int x = bOff + r * ldb;
            if (!transpose) {
                for (int j = 0; j < n; j++) {
                    int lj = lOff + j * ldl;
                    double xj = unitDiagonal ? b[x + j] : b[x + j] / l[lj + j];
                    b[x + j] = xj;
                    if (xj != 0.0) {
                        for (int i = j + 1; i < n; i++) {
                            b[x + i] -= l[lj + i] * xj;
                        }
                    }
                }
            } else {
                for (int j = n - 1; j >= 0; j--) {
                    int lj = lOff + j * ldl;
                    double s = b[x + j];
                    for (int i = j + 1; i < n; i++) {
                        s -= l[lj + i] * b[x + i];
                    }
                    b[x + j] = unitDiagonal ? s : s / l[lj + j];
                }
            }
        }
    }

    @Override
    public void gemmNT(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * ldc;
            scaleColumn(c, cj, m, beta);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                double t0 = alpha * b[bOff + p * ldb + j];
                double t1 = alpha * b[bOff + (p + 1) * ldb + j];
                double t2 = alpha * b[bOff + (p + 2) * ldb + j];
                double t3 = alpha * b[bOff + (p + 3) * ldb + j];
                axpy4(m, a, aOff + p * lda, lda, t0, t1, t2, t3, c, cj);
            }
            for (; p < k; p++) {
                double t = alpha * b[bOff + p * ldb + j];
                int ap = aOff + p * lda;
                for (int i = 0; i < m; i++) {
                    c[cj + i] += a[ap + i] * t;
                }
            }
        }
    }

    @Override
    public void gemmNN(int m, int n, int k, double alpha, double[] a, int aOff, int lda,
            double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * ldc;
            int bj = bOff + j * ldb;
            scaleColumn(c, cj, m, beta);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                axpy4(m, a, aOff + p * lda, lda, alpha * b[bj + p], alpha * b[bj + p + 1],
                        alpha * b[bj + p + 2], alpha * b[bj + p + 3], c, cj);
            }
            for (; p < k; p++) {
                double t = alpha * b[bj + p];
                int ap = aOff + p * lda;
                for (int i = 0; i < m; i++) {
                    c[cj + i] += a[ap + i] * t;
                }
            }
        }
    }

    @Override
    public void syrkLower(int n, int k, double alpha, double[] a, int aOff, int lda,
            double beta, double[] c, int cOff, int ldc) {
        for (int j = 0; j < n; j++) {
            int cj = cOff + j * ldc + j;
            scaleColumn(c, cj, n - j, beta);
            int p = 0;
            for (; p + 3 < k; p += 4) {
                int ap = aOff + p * lda + j;
                axpy4(n - j, a, ap, lda, alpha * a[ap], alpha * a[ap + lda],
                        alpha * a[ap + 2 * lda], alpha * a[ap + 3 * lda], c, cj);
            }
            for (; p < k; p++) {
                int ap = aOff + p * lda + j;
                double t = alpha * a[ap];
                for (int i = 0; i < n - j; i++) {
                    c[cj + i] += a[ap + i] * t;
                }
            }
        }
    }

    @Override
    public int getrf(int n, double[] a, int aOff, int lda, int[] pivots) {
        int info = 0;
        for (int j = 0; j < n; j++) {
            int cj = aOff + j * lda;
            int p = j;
            double best = Math.abs(a[cj + j]);
            for (int i = j + 1; i < n; i++) {
                double v = Math.abs(a[cj + i]);
                if (v > best) {
                    best = v;
                    p = i;
                }
            }
            pivots[j] = p;
            if (p != j) {
                for (int c = 0; c < n; c++) {
                    int o = aOff + c * lda;
                    double t = a[o + j];
                    a[o + j] = a[o + p];
                    a[o + p] = t;
                }
            }
            double d = a[cj + j];
            if (d == 0.0) {
                if (info == 0) {
                    info = j + 1;
                }
                continue;
            }
            double inv = 1.0 / d;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] *= inv;
            }
            for (int c = j + 1; c < n; c++) {
                int o = aOff + c * lda;
                double t = a[o + j];
                if (t != 0.0) {
                    for (int i = j + 1; i < n; i++) {
                        a[o + i] -= a[cj + i] * t;
                    }
                }
            }
        }
        return info;
    }

    @Override
    public int gesv(int n, int nrhs, double[] a, int aOff, int lda, int[] pivots, double[] b, int bOff, int ldb) {
        return JavaDenseDecompositions.gesv(this, n, nrhs, a, aOff, lda, pivots, b, bOff, ldb);
    }

    @Override
    public int geev(int n, double[] a, int aOff, int lda, double[] wr, double[] wi, double[] v, int vOff, int ldv) {
        return JavaDenseDecompositions.geev(n, a, aOff, lda, wr, wi, v, vOff, ldv);
    }

    @Override
    public int syev(int n, double[] a, int aOff, int lda, double[] w) {
        return JavaDenseDecompositions.syev(n, a, aOff, lda, w);
    }

    @Override
    public int qr(int rows, int cols, double[] a, int aOff, int lda, double[] r, int rOff, int ldr) {
        return JavaDenseDecompositions.qr(rows, cols, a, aOff, lda, r, rOff, ldr);
    }

    @Override
    public String name() {
        return "java";
    }

    private static void scaleColumn(double[] c, int off, int m, double beta) {
        if (beta == 0.0) {
            for (int i = 0; i < m; i++) {
                c[off + i] = 0.0;
            }
        } else if (beta != 1.0) {
            for (int i = 0; i < m; i++) {
                c[off + i] *= beta;
            }
        }
    }

    /** c(0:m) += t0·a(:,0) + t1·a(:,1) + t2·a(:,2) + t3·a(:,3) for columns lda apart. */
    private static void axpy4(int m, double[] a, int a0, int lda, double t0, double t1,
            double t2, double t3, double[] c, int c0) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int i = 0; i < m; i++) {
            c[c0 + i] += a[a0 + i] * t0 + a[a1 + i] * t1 + a[a2 + i] * t2 + a[a3 + i] * t3;
        }
    }
}
