package io.krylovforge.direct.dense;

/**
 * Pure-Java dense kernels: column-oriented loops whose inner loop runs down a contiguous column
 * (axpy form), four columns of the inner dimension at a time so each pass over C carries four
 * multiply-adds. Used when jblas's natives cannot load, and for blocks too small to repay a JNI call.
 */
public final class JavaDenseKernels implements DenseKernels {

    @Override
    public int potrf(int n, double[] a, int aOff, int lda) {
        // Left-looking column Cholesky: column j gets the updates of columns 0..j-1 (four at a
        // time, so each pass over column j carries four multiply-adds), then is scaled.
        for (int j = 0; j < n; j++) {
            int cj = aOff + j * lda;
            int m = n - j;
            int k = 0;
            for (; k + 3 < j; k += 4) {
                int ck = aOff + k * lda + j;
                axpy4(m, a, ck, lda, -a[ck], -a[ck + lda], -a[ck + 2 * lda], -a[ck + 3 * lda], a, cj + j);
            }
            // The last j mod 4 updates: the pivot first, then the rows below with the scaling.
            int ck = aOff + k * lda + j;
            int rem = j - k;
            double d = a[cj + j];
            for (int q = 0; q < rem; q++) {
                d -= a[ck + q * lda] * a[ck + q * lda];
            }
            if (!(d > 0.0) || Double.isInfinite(d)) {
                return j + 1;
            }
            d = Math.sqrt(d);
            a[cj + j] = d;
            double inv = 1.0 / d;
            switch (rem) {
                case 0 -> scale(m - 1, a, cj + j + 1, inv);
                case 1 -> updateScale1(m - 1, a, ck + 1, a[ck], a, cj + j + 1, inv);
                case 2 -> updateScale2(m - 1, a, ck + 1, lda, a[ck], a[ck + lda], a, cj + j + 1, inv);
                default -> updateScale3(m - 1, a, ck + 1, lda, a[ck], a[ck + lda], a[ck + 2 * lda], a,
                        cj + j + 1, inv);
            }
        }
        return 0;
    }

    @Override
    public void trsmRightLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb) {
        // X·Lᵀ = B column by column: X(:,j) = (B(:,j) − Σ_{k<j} X(:,k)·L(j,k)) / L(j,j), four k at a time.
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            int k = 0;
            for (; k + 3 < j; k += 4) {
                int lk = lOff + k * ldl + j;
                axpy4(m, b, bOff + k * ldb, ldb, -l[lk], -l[lk + ldl], -l[lk + 2 * ldl], -l[lk + 3 * ldl],
                        b, bj);
            }
            // The last j mod 4 updates and the division by L(j,j) in one pass.
            double inv = 1.0 / l[lOff + j * ldl + j];
            int lk = lOff + k * ldl + j;
            int bk = bOff + k * ldb;
            switch (j - k) {
                case 0 -> scale(m, b, bj, inv);
                case 1 -> updateScale1(m, b, bk, l[lk], b, bj, inv);
                case 2 -> updateScale2(m, b, bk, ldb, l[lk], l[lk + ldl], b, bj, inv);
                default -> updateScale3(m, b, bk, ldb, l[lk], l[lk + ldl], l[lk + 2 * ldl], b, bj, inv);
            }
        }
    }

    private static void scale(int m, double[] c, int c0, double s) {
        for (int i = 0; i < m; i++) {
            c[c0 + i] *= s;
        }
    }

    /** c(0:m) ← (c − t0·a(:,0))·s. */
    private static void updateScale1(int m, double[] a, int a0, double t0, double[] c, int c0, double s) {
        for (int i = 0; i < m; i++) {
            c[c0 + i] = (c[c0 + i] - a[a0 + i] * t0) * s;
        }
    }

    /** c(0:m) ← (c − t0·a(:,0) − t1·a(:,1))·s, columns lda apart. */
    private static void updateScale2(int m, double[] a, int a0, int lda, double t0, double t1,
            double[] c, int c0, double s) {
        int a1 = a0 + lda;
        for (int i = 0; i < m; i++) {
            c[c0 + i] = (c[c0 + i] - a[a0 + i] * t0 - a[a1 + i] * t1) * s;
        }
    }

    /** c(0:m) ← (c − t0·a(:,0) − t1·a(:,1) − t2·a(:,2))·s, columns lda apart. */
    private static void updateScale3(int m, double[] a, int a0, int lda, double t0, double t1, double t2,
            double[] c, int c0, double s) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        for (int i = 0; i < m; i++) {
            c[c0 + i] = (c[c0 + i] - a[a0 + i] * t0 - a[a1 + i] * t1 - a[a2 + i] * t2) * s;
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
        int j = 0;
        // Two columns of C per pass over A's rows: each loaded a(i,p) feeds two multiply-adds.
        for (; j + 1 < n; j += 2) {
            int cj = cOff + j * ldc + j;
            int ck = cj + ldc + 1; // C(j+1, j+1)
            int p = 0;
            if (beta == 0.0 && k >= 4) {
                // The first four columns of A assign C (no separate zeroing pass).
                double t0 = alpha * a[aOff + j];
                double t1 = alpha * a[aOff + lda + j];
                double t2 = alpha * a[aOff + 2 * lda + j];
                double t3 = alpha * a[aOff + 3 * lda + j];
                int ap = aOff + j;
                c[cj] = a[ap] * t0 + a[ap + lda] * t1 + a[ap + 2 * lda] * t2 + a[ap + 3 * lda] * t3;
                setAxpy4x2(n - j - 1, a, ap + 1, lda, t0, t1, t2, t3, alpha * a[ap + 1],
                        alpha * a[ap + lda + 1], alpha * a[ap + 2 * lda + 1], alpha * a[ap + 3 * lda + 1],
                        c, cj + 1, ck);
                p = 4;
            } else {
                scaleColumn(c, cj, n - j, beta);
                scaleColumn(c, ck, n - j - 1, beta);
            }
            for (; p + 3 < k; p += 4) {
                int ap = aOff + p * lda + j;
                double t0 = alpha * a[ap];
                double t1 = alpha * a[ap + lda];
                double t2 = alpha * a[ap + 2 * lda];
                double t3 = alpha * a[ap + 3 * lda];
                double u0 = alpha * a[ap + 1];
                double u1 = alpha * a[ap + lda + 1];
                double u2 = alpha * a[ap + 2 * lda + 1];
                double u3 = alpha * a[ap + 3 * lda + 1];
                c[cj] += a[ap] * t0 + a[ap + lda] * t1 + a[ap + 2 * lda] * t2 + a[ap + 3 * lda] * t3;
                axpy4x2(n - j - 1, a, ap + 1, lda, t0, t1, t2, t3, u0, u1, u2, u3, c, cj + 1, ck);
            }
            for (; p < k; p++) {
                int ap = aOff + p * lda + j;
                double t = alpha * a[ap];
                double u = alpha * a[ap + 1];
                c[cj] += a[ap] * t;
                for (int i = 1; i < n - j; i++) {
                    double ai = a[ap + i];
                    c[cj + i] += ai * t;
                    c[ck + i - 1] += ai * u;
                }
            }
        }
        for (; j < n; j++) {
            int cj = cOff + j * ldc + j;
            scaleColumn(c, cj, n - j, beta);
            for (int p = 0; p < k; p++) {
                int ap = aOff + p * lda + j;
                c[cj] += alpha * a[ap] * a[ap];
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
    public int getrfPerturbed(int n, double[] a, int aOff, int lda, int[] pivots, int pivotOff, double tiny) {
        // Right-looking: column j is searched, its pivot row swapped across the whole block, the
        // column scaled, and the trailing block updated four of its columns' multipliers at a time.
        int perturbed = 0;
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
            pivots[pivotOff + j] = p;
            if (p != j) {
                for (int c = 0; c < n; c++) {
                    int o = aOff + c * lda;
                    double t = a[o + j];
                    a[o + j] = a[o + p];
                    a[o + p] = t;
                }
            }
            double d = a[cj + j];
            if (!Double.isFinite(d)) {
                return -(j + 1);
            }
            if (Math.abs(d) < tiny) {
                d = d < 0.0 ? -tiny : tiny; // static pivoting: the refinement corrects the perturbation
                a[cj + j] = d;
                perturbed++;
            }
            double inv = 1.0 / d;
            for (int i = j + 1; i < n; i++) {
                a[cj + i] *= inv;
            }
            int rest = n - j - 1;
            for (int c = j + 1; c < n; c++) {
                int o = aOff + c * lda;
                double t = a[o + j];
                if (t != 0.0) {
                    // A(j+1:n, c) <- A(j+1:n, c) - l(j+1:n, j) * u(j, c)
                    for (int i = 0; i < rest; i++) {
                        a[o + j + 1 + i] -= a[cj + j + 1 + i] * t;
                    }
                }
            }
        }
        return perturbed;
    }

    @Override
    public void trsmRightUpper(int m, int n, double[] u, int uOff, int ldu, double[] b, int bOff, int ldb) {
        // X·U = B column by column: X(:,j) = (B(:,j) − Σ_{k<j} X(:,k)·U(k,j)) / U(j,j), four k at a time.
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            int uj = uOff + j * ldu;
            int k = 0;
            for (; k + 3 < j; k += 4) {
                axpy4(m, b, bOff + k * ldb, ldb, -u[uj + k], -u[uj + k + 1], -u[uj + k + 2], -u[uj + k + 3], b, bj);
            }
            double inv = 1.0 / u[uj + j];
            int bk = bOff + k * ldb;
            switch (j - k) {
                case 0 -> scale(m, b, bj, inv);
                case 1 -> updateScale1(m, b, bk, u[uj + k], b, bj, inv);
                case 2 -> updateScale2(m, b, bk, ldb, u[uj + k], u[uj + k + 1], b, bj, inv);
                default -> updateScale3(m, b, bk, ldb, u[uj + k], u[uj + k + 1], u[uj + k + 2], b, bj, inv);
            }
        }
    }

    @Override
    public void trsmRightUnitLowerTranspose(int m, int n, double[] l, int lOff, int ldl,
            double[] b, int bOff, int ldb) {
        // X·Lᵀ = B column by column: X(:,j) = B(:,j) − Σ_{k<j} X(:,k)·L(j,k) (unit diagonal), four k at a time.
        for (int j = 0; j < n; j++) {
            int bj = bOff + j * ldb;
            int k = 0;
            for (; k + 3 < j; k += 4) {
                int lk = lOff + k * ldl + j;
                axpy4(m, b, bOff + k * ldb, ldb, -l[lk], -l[lk + ldl], -l[lk + 2 * ldl], -l[lk + 3 * ldl], b, bj);
            }
            for (; k < j; k++) {
                double t = -l[lOff + k * ldl + j];
                int bk = bOff + k * ldb;
                for (int i = 0; i < m; i++) {
                    b[bj + i] += b[bk + i] * t;
                }
            }
        }
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

    /**
     * c(c0: c0+m) += t0·a(:,0) + … + t3·a(:,3) and c(d0: d0+m) += u0·a(:,0) + … + u3·a(:,3), the
     * four columns of a lda apart: two columns of C share each load of a.
     */
    private static void axpy4x2(int m, double[] a, int a0, int lda, double t0, double t1,
            double t2, double t3, double u0, double u1, double u2, double u3, double[] c, int c0, int d0) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int i = 0; i < m; i++) {
            double x0 = a[a0 + i];
            double x1 = a[a1 + i];
            double x2 = a[a2 + i];
            double x3 = a[a3 + i];
            c[c0 + i] += x0 * t0 + x1 * t1 + x2 * t2 + x3 * t3;
            c[d0 + i] += x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
        }
    }

    /** As {@link #axpy4x2} with c and d assigned rather than added to. */
    private static void setAxpy4x2(int m, double[] a, int a0, int lda, double t0, double t1,
            double t2, double t3, double u0, double u1, double u2, double u3, double[] c, int c0, int d0) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int i = 0; i < m; i++) {
            double x0 = a[a0 + i];
            double x1 = a[a1 + i];
            double x2 = a[a2 + i];
            double x3 = a[a3 + i];
            c[c0 + i] = x0 * t0 + x1 * t1 + x2 * t2 + x3 * t3;
            c[d0 + i] = x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
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
