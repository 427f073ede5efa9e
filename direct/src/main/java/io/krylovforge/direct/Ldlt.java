package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import java.util.Locale;

/**
 * Supernodal sparse P·A·Pᵀ = L·D·Lᵀ for symmetric indefinite A (L unit lower triangular, D
 * diagonal), with static pivoting and iterative refinement; same analyse-once contract as
 * {@link Cholesky}.
 *
 * <p>No rows are exchanged, so the symbolic analysis is exactly Cholesky's. A pivot smaller in
 * magnitude than τ = √ε·max|a_ij| is replaced by ±τ (its own sign; + for zero) and counted — the
 * static pivoting of SuperLU_DIST (X. S. Li, J. W. Demmel, ACM TOMS 29, 2003): the factors are
 * those of a nearby matrix A + E with ‖E‖ ≤ τ per perturbed pivot, and {@link #solve} therefore
 * always runs up to {@value #MAX_REFINEMENTS} steps of iterative refinement against A itself,
 * stopping when the residual no longer halves. The status message reports how many pivots were
 * perturbed; a singular matrix still factorises, so callers check the true residual (as
 * {@code DirectSolver} does). Only non-finite pivots (NaN/∞ in A) fail.
 */
public final class Ldlt extends SupernodalFactorization {
    static final int MAX_REFINEMENTS = 3;
    private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));

    private final UpdateWorkspace blocks;
    private final double[] residual;
    private final double[] step;
    private final double[] column;
    private double tau;
    private int perturbed;

    Ldlt(CsrMatrix a, Ordering ordering, DenseKernels kernels, long heapBudget) {
        super(a, ordering, kernels, 24L * a.rows(), heapBudget);
        long largestPanel = 1;
        for (int s = 0; s < supernodes; s++) {
            largestPanel = Math.max(largestPanel, (long) rowCount(s) * columns(s));
        }
        this.blocks = new UpdateWorkspace(largestPanel);
        this.residual = new double[n];
        this.step = new double[n];
        this.column = new double[n];
    }

    /** Analysis with approximate minimum degree ordering and the best dense kernels. */
    public static Ldlt analyze(CsrMatrix a) {
        return analyze(a, Ordering.amd());
    }

    /** Analysis with the given ordering and the best dense kernels. */
    public static Ldlt analyze(CsrMatrix a, Ordering ordering) {
        return analyze(a, ordering, DenseKernels.best());
    }

    /**
     * Orders the pattern of a, runs the symbolic analysis and allocates the factor. Throws
     * {@link FactorTooLargeException} when the factor would not fit the heap.
     */
    public static Ldlt analyze(CsrMatrix a, Ordering ordering, DenseKernels kernels) {
        return new Ldlt(a, ordering, kernels, -1L);
    }

    /** Number of pivots replaced by ±τ in the last factorisation. */
    public int perturbedPivots() {
        return perturbed;
    }

    @Override
    void beginFactor(double maxAbs) {
        tau = SQRT_EPS * maxAbs;
        perturbed = 0;
    }

    @Override
    int factorSupernode(int s) {
        int ncol = columns(s);
        int nrow = rowCount(s);
        double[] l = panel[s];
        // Dense L·D·Lᵀ of the diagonal block, right-looking, no pivoting.
        for (int j = 0; j < ncol; j++) {
            int cj = j * nrow;
            double d = l[cj + j];
            if (!Double.isFinite(d)) {
                return j;
            }
            if (Math.abs(d) < tau) {
                d = d < 0 ? -tau : tau;
                perturbed++;
            }
            if (d == 0.0) {
                return j; // A is zero: no scale to perturb with
            }
            l[cj + j] = d;
            double inv = 1.0 / d;
            for (int i = j + 1; i < ncol; i++) {
                l[cj + i] *= inv;
            }
            for (int k = j + 1; k < ncol; k++) {
                double f = l[cj + k] * d;
                if (f == 0.0) {
                    continue;
                }
                int ck = k * nrow;
                for (int i = k; i < ncol; i++) {
                    l[ck + i] -= l[cj + i] * f;
                }
            }
        }
        int m = nrow - ncol;
        if (m > 0) {
            // L₂₁ = A₂₁·L₁₁⁻ᵀ·D⁻¹: the unit triangle is copied out with ones on its diagonal.
            double[] unit = blocks.get((long) ncol * ncol);
            for (int j = 0; j < ncol; j++) {
                System.arraycopy(l, j * nrow, unit, j * ncol, ncol);
                unit[j * ncol + j] = 1.0;
            }
            kernels.trsmRightLowerTranspose(m, ncol, unit, 0, ncol, l, ncol, nrow);
            for (int j = 0; j < ncol; j++) {
                double inv = 1.0 / l[j * nrow + j];
                int cj = j * nrow;
                for (int i = ncol; i < nrow; i++) {
                    l[cj + i] *= inv;
                }
            }
        }
        return -1;
    }

    @Override
    void supernodeUpdate(int s, int m, double[] c) {
        int ncol = columns(s);
        int nrow = rowCount(s);
        double[] l = panel[s];
        double[] w = blocks.get((long) m * ncol);
        for (int j = 0; j < ncol; j++) {
            double d = l[j * nrow + j];
            int cj = j * nrow + ncol;
            for (int i = 0; i < m; i++) {
                w[j * m + i] = l[cj + i] * d;
            }
        }
        kernels.gemmNT(m, m, ncol, 1.0, l, ncol, nrow, w, 0, m, 0.0, c, 0, m);
    }

    @Override
    String failureMessage(int column) {
        return "ldlt: pivot not finite at column " + column + " (NaN or infinity in the matrix)";
    }

    @Override
    FactorStatus successStatus() {
        if (perturbed == 0) {
            return FactorStatus.success();
        }
        return new FactorStatus(true, -1, "factorised; " + perturbed + " tiny pivot(s) perturbed to ±"
                + String.format(Locale.ROOT, "%.2e", tau) + " (static pivoting; solve refines)");
    }

    @Override
    boolean unitDiagonal() {
        return true;
    }

    @Override
    void applyDiagonalInverse(double[] y, int nrhs) {
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int nrow = rowCount(s);
            double[] l = panel[s];
            for (int j = 0; j < columns(s); j++) {
                double d = l[j * nrow + j];
                for (int r = 0; r < nrhs; r++) {
                    y[r * n + c0 + j] /= d;
                }
            }
        }
    }

    /** Substitution, then iterative refinement of each column against the factorised A. */
    @Override
    public void solve(double[] b, double[] x, int nrhs) {
        checkSolve(b, x, nrhs);
        substitute(b, x, nrhs);
        CsrMatrix a = factoredMatrix();
        for (int r = 0; r < nrhs; r++) {
            int off = r * n;
            System.arraycopy(x, off, column, 0, n);
            double norm = residual(a, b, off);
            for (int it = 0; it < MAX_REFINEMENTS && norm > 0.0; it++) {
                substitute(residual, step, 1);
                for (int i = 0; i < n; i++) {
                    column[i] += step[i];
                }
                double next = residual(a, b, off);
                if (next > norm) {
                    for (int i = 0; i < n; i++) {
                        column[i] -= step[i]; // the step made it worse: keep the previous x
                    }
                    break;
                }
                boolean halved = next <= 0.5 * norm;
                norm = next;
                if (!halved) {
                    break;
                }
            }
            System.arraycopy(column, 0, x, off, n);
        }
    }

    /** residual ← b(off..) − A·column; returns its 2-norm. */
    private double residual(CsrMatrix a, double[] b, int off) {
        a.multiply(column, residual);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = b[off + i] - residual[i];
            residual[i] = v;
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public String name() {
        return "ldlt";
    }
}
