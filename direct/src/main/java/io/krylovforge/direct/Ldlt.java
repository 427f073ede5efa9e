package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.Ordering;
import java.util.Locale;

/**
 * Supernodal sparse P·A·Pᵀ = L·D·Lᵀ for symmetric indefinite A (L unit lower triangular, D
 * block diagonal with 1×1 and 2×2 blocks), with Bunch–Kaufman pivoting inside each supernode,
 * static pivoting where that finds no acceptable pivot, and iterative refinement; same
 * analyse-once contract as {@link Cholesky}.
 *
 * <p><b>Pivoting.</b> Rows and columns are exchanged only inside a supernode's diagonal block, so
 * every panel's row structure is fixed by the analysis and the pivots chosen by one
 * {@link #factor} cost no new analysis. So that a zero-diagonal column (a KKT constraint) finds
 * its partner inside its supernode, the analysis pairs each weak-diagonal column with its largest
 * neighbour and keeps the pair in one supernode ({@code PivotPairs}, from the first matrix's
 * values; later matrices of the pattern keep the pairs). At step k of a supernode, with λ the largest
 * off-diagonal magnitude in column k (all the panel's rows) and r the in-block row holding the
 * largest in-block one, the Bunch–Kaufman test (J. R. Bunch, L. Kaufman, Math. Comp. 31, 1977;
 * α = (1+√17)/8) takes a 1×1 pivot at k, a 1×1 pivot at r, or the 2×2 pivot (k, r). When column k
 * has no in-block partner and a tiny pivot, the pivot is replaced by ±τ, τ = √ε·max|a_ij| (its own
 * sign; + for zero), and counted: the static pivoting of SuperLU_DIST (X. S. Li, J. W. Demmel, ACM
 * TOMS 29, 2003). The factors are then those of a nearby matrix, and {@link #solve} therefore
 * always runs up to {@value #MAX_REFINEMENTS} steps of iterative refinement against A itself,
 * stopping when the residual no longer halves. A singular matrix still factorises, so callers
 * check the true residual (as {@code DirectSolver} does). Only non-finite pivots (NaN/∞ in A) fail.
 *
 * <p>{@link #factor} is not thread-safe; after it, {@link #solve} may be called from several
 * threads at once: each thread keeps its own workspace, allocated on its first solve.
 *
 * <p>Why one class of ~575 lines: the pivot search, the in-block 1×1/2×2 eliminations, the
 * below-block update they drive and the block-diagonal solve all read the same per-supernode pivot
 * record ({@code localPerm}, {@code pivotKind}); split apart, each piece would need that state passed
 * in, and the pivoting rule would no longer be readable in one place.
 */
public final class Ldlt extends SupernodalFactorization {
    static final int MAX_REFINEMENTS = 3;
    private static final double SQRT_EPS = Math.sqrt(Math.ulp(1.0));
    /** Bunch–Kaufman's α = (1+√17)/8, which minimises the element growth bound. */
    private static final double ALPHA = (1.0 + Math.sqrt(17.0)) / 8.0;
    /**
     * A 2×2 pivot [a b; b c] is taken only when |ac − b²| ≥ this·b², i.e. it is far from
     * singular relative to its coupling (Bunch–Kaufman's own choice gives ≥ 1 − α² ≈ 0.59).
     */
    private static final double MIN_DETERMINANT = 0.1;
    private static final byte ONE_BY_ONE = 1;
    private static final byte TWO_BY_TWO_FIRST = 2;
    private static final byte TWO_BY_TWO_SECOND = 3;

    private final UpdateWorkspace blocks;
    private final int pairs;
    /** The symmetric scaling S of the last factorisation, and its work arrays. */
    private final double[] scale;
    private final double[] rowMax;
    private final double[] scaled;
    /** localPerm[superStart[s] + j]: the symbolic position, within supernode s, of pivot j. */
    private final int[] localPerm;
    private final byte[] pivotKind;
    private final double[] firstColumn;
    private final double[] secondColumn;
    private final int largestColumns;
    private final ThreadLocal<SolveWork> solveWork;
    private double tau;
    private int perturbed;
    private int twoByTwo;

    Ldlt(CsrMatrix a, Ordering ordering, DenseKernels kernels, long heapBudget) {
        this(a, explicit(ordering) ? PivotPairs.none(a.rows()) : PivotPairs.of(squareMatrix(a)), ordering,
                kernels, heapBudget);
    }

    private Ldlt(CsrMatrix a, PivotPairs pairs, Ordering ordering, DenseKernels kernels, long heapBudget) {
        super(a, pairs.augment(squarePattern(a)), pairs.wrap(ordering), kernels, 13L * a.rows(), heapBudget);
        this.pairs = pairs.pairs();
        this.scale = new double[n];
        this.rowMax = new double[n];
        this.scaled = new double[a.nnz()];
        long largestPanel = 1;
        int widest = 1;
        int tallest = 1;
        for (int s = 0; s < supernodes; s++) {
            largestPanel = Math.max(largestPanel, (long) rowCount(s) * columns(s));
            widest = Math.max(widest, columns(s));
            tallest = Math.max(tallest, rowCount(s));
        }
        this.blocks = new UpdateWorkspace(largestPanel);
        this.localPerm = new int[n];
        this.pivotKind = new byte[n];
        this.firstColumn = new double[tallest];
        this.secondColumn = new double[tallest];
        this.largestColumns = widest;
        int order = n;
        this.solveWork = ThreadLocal.withInitial(() -> new SolveWork(order, largestColumns));
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

    /** A permutation the caller fixed (given or natural) is used as it is, without pairing. */
    private static boolean explicit(Ordering ordering) {
        return ordering.name().equals("given") || ordering.name().equals("natural");
    }

    private static CsrMatrix squareMatrix(CsrMatrix a) {
        squarePattern(a); // the square check, before the pairing reads the values
        return a;
    }

    /** Weak-diagonal columns paired with a neighbour at analysis (kept in one supernode). */
    public int pivotPairs() {
        return pairs;
    }

    /** Number of pivots replaced by ±τ in the last factorisation. */
    public int perturbedPivots() {
        return perturbed;
    }

    /** Number of 2×2 pivot blocks in D of the last factorisation. */
    public int twoByTwoPivots() {
        return twoByTwo;
    }

    /**
     * Inertia of D from the last factorisation: {positive, negative, zero} eigenvalue counts. By
     * Sylvester's law this is A's inertia when no pivot was perturbed.
     *
     * @return a new array of three counts
     */
    public int[] inertia() {
        if (!isFactored()) {
            throw new IllegalStateException("ldlt: no successful factorisation");
        }
        int[] counts = new int[3];
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int nrow = rowCount(s);
            double[] l = panel[s];
            for (int j = 0; j < columns(s); j++) {
                byte kind = pivotKind[c0 + j];
                if (kind == ONE_BY_ONE) {
                    double d = l[j * nrow + j];
                    counts[d > 0 ? 0 : d < 0 ? 1 : 2]++;
                } else if (kind == TWO_BY_TWO_FIRST) {
                    double a = l[j * nrow + j];
                    double b = l[j * nrow + j + 1];
                    double c = l[(j + 1) * nrow + j + 1];
                    double det = a * c - b * b;
                    if (det < 0) {
                        counts[0]++;
                        counts[1]++;
                    } else if (det > 0) {
                        counts[a + c > 0 ? 0 : 1] += 2;
                    } else {
                        counts[2]++;
                        counts[a + c > 0 ? 0 : a + c < 0 ? 1 : 2]++;
                    }
                }
            }
        }
        return counts;
    }

    /** S·A·S with S from {@link SymmetricScaling}; solves undo it. */
    @Override
    double[] valuesToFactor(CsrMatrix a) {
        int[] rp = patternRowPtr;
        int[] ci = patternColIdx;
        double[] v = valueBuffer;
        a.copyValues(v);
        SymmetricScaling.compute(n, rp, ci, v, scale, rowMax);
        for (int i = 0; i < n; i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                scaled[p] = v[p] * scale[i] * scale[ci[p]];
            }
        }
        return scaled;
    }

    @Override
    void beginFactor(double maxAbs) {
        tau = SQRT_EPS * maxAbs;
        perturbed = 0;
        twoByTwo = 0;
    }

    /**
     * Right-looking Bunch–Kaufman on the whole panel (diagonal block and the rows below it, which
     * the pivot test must see): the rows below end up holding L₂₁.
     */
    @Override
    int factorSupernode(int s) {
        int ncol = columns(s);
        int nrow = rowCount(s);
        int c0 = superStart[s];
        double[] l = panel[s];
        for (int j = 0; j < ncol; j++) {
            localPerm[c0 + j] = j;
        }
        int k = 0;
        while (k < ncol) {
            int ck = k * nrow;
            double akk = l[ck + k];
            double colmax = 0.0;
            double inBlockMax = 0.0;
            int r = -1;
            for (int i = k + 1; i < nrow; i++) {
                double v = Math.abs(l[ck + i]);
                colmax = Math.max(colmax, v);
                if (i < ncol && v > inBlockMax) {
                    inBlockMax = v;
                    r = i;
                }
            }
            if (!Double.isFinite(akk) || !Double.isFinite(colmax)) {
                return k;
            }
            double absakk = Math.abs(akk);
            int pivotAt = k;
            boolean block = false;
            if (absakk < ALPHA * colmax && r >= 0 && inBlockMax > tau) {
                double rowmax = 0.0;
                for (int j = k; j < r; j++) {
                    rowmax = Math.max(rowmax, Math.abs(l[j * nrow + r]));
                }
                int cr = r * nrow;
                for (int i = r + 1; i < nrow; i++) {
                    rowmax = Math.max(rowmax, Math.abs(l[cr + i]));
                }
                double arr = Math.abs(l[cr + r]);
                if (absakk * rowmax >= ALPHA * colmax * colmax) {
                    pivotAt = k;
                } else if (arr >= ALPHA * rowmax) {
                    pivotAt = r;
                } else if (Math.abs(akk * l[cr + r] - inBlockMax * inBlockMax) >= MIN_DETERMINANT * inBlockMax * inBlockMax) {
                    block = true;
                } else {
                    pivotAt = arr > absakk ? r : k; // no well-conditioned 2×2: the larger diagonal
                }
            }
            if (block) {
                if (r != k + 1) {
                    swap(l, nrow, c0, k + 1, r);
                }
                eliminateTwoByTwo(l, nrow, ncol, k);
                pivotKind[c0 + k] = TWO_BY_TWO_FIRST;
                pivotKind[c0 + k + 1] = TWO_BY_TWO_SECOND;
                twoByTwo++;
                k += 2;
                continue;
            } else if (pivotAt != k) {
                swap(l, nrow, c0, k, pivotAt);
            }
            if (!eliminateOneByOne(l, nrow, ncol, k)) {
                return k; // A is zero: no scale to perturb with
            }
            pivotKind[c0 + k] = ONE_BY_ONE;
            k++;
        }
        return -1;
    }

    /** Eliminates with the 1×1 pivot at k (perturbed to ±τ when tiny); false when it is zero and τ is zero. */
    private boolean eliminateOneByOne(double[] l, int nrow, int ncol, int k) {
        int ck = k * nrow;
        double d = l[ck + k];
        if (Math.abs(d) < tau) {
            d = d < 0 ? -tau : tau;
            perturbed++;
        }
        if (d == 0.0) {
            return false;
        }
        l[ck + k] = d;
        double inv = 1.0 / d;
        for (int j = k + 1; j < ncol; j++) {
            double f = l[ck + j] * inv;
            if (f == 0.0) {
                continue;
            }
            int cj = j * nrow;
            for (int i = j; i < nrow; i++) {
                l[cj + i] -= l[ck + i] * f;
            }
        }
        for (int i = k + 1; i < nrow; i++) {
            l[ck + i] *= inv;
        }
        return true;
    }

    /**
     * Eliminates with the 2×2 pivot on rows and columns k, k+1 (checked nonsingular by the
     * caller); D's off-diagonal stays at (k+1, k), where L has an implicit zero.
     */
    private void eliminateTwoByTwo(double[] l, int nrow, int ncol, int k) {
        int ck = k * nrow;
        int ck1 = ck + nrow;
        double a = l[ck + k];
        double b = l[ck + k + 1];
        double c = l[ck1 + k + 1];
        double det = a * c - b * b;
        double ia = c / det;
        double ib = -b / det;
        double ic = a / det;
        for (int i = k + 2; i < nrow; i++) {
            double x = l[ck + i];
            double y = l[ck1 + i];
            firstColumn[i] = ia * x + ib * y;
            secondColumn[i] = ib * x + ic * y;
        }
        for (int j = k + 2; j < ncol; j++) {
            double w0 = l[ck + j];
            double w1 = l[ck1 + j];
            if (w0 == 0.0 && w1 == 0.0) {
                continue;
            }
            int cj = j * nrow;
            for (int i = j; i < nrow; i++) {
                l[cj + i] -= firstColumn[i] * w0 + secondColumn[i] * w1;
            }
        }
        for (int i = k + 2; i < nrow; i++) {
            l[ck + i] = firstColumn[i];
            l[ck1 + i] = secondColumn[i];
        }
    }

    /**
     * Symmetric exchange of in-block positions p &lt; q in the panel's lower-triangular storage:
     * rows p and q of the columns before p, the two diagonals, the (i, p) ↔ (q, i) entries between
     * them, and columns p and q below q.
     */
    private void swap(double[] l, int nrow, int c0, int p, int q) {
        for (int j = 0; j < p; j++) {
            exchange(l, j * nrow + p, j * nrow + q);
        }
        exchange(l, p * nrow + p, q * nrow + q);
        for (int i = p + 1; i < q; i++) {
            exchange(l, p * nrow + i, i * nrow + q);
        }
        for (int i = q + 1; i < nrow; i++) {
            exchange(l, p * nrow + i, q * nrow + i);
        }
        int t = localPerm[c0 + p];
        localPerm[c0 + p] = localPerm[c0 + q];
        localPerm[c0 + q] = t;
    }

    private static void exchange(double[] l, int i, int j) {
        double t = l[i];
        l[i] = l[j];
        l[j] = t;
    }

    /** C = L₂₁·D·L₂₁ᵀ as L₂₁·Wᵀ with W = L₂₁·D (D block diagonal, symmetric). */
    @Override
    void supernodeUpdate(int s, int m, double[] c) {
        int ncol = columns(s);
        int nrow = rowCount(s);
        int c0 = superStart[s];
        double[] l = panel[s];
        double[] w = blocks.get((long) m * ncol);
        for (int j = 0; j < ncol; j++) {
            int cj = j * nrow;
            if (pivotKind[c0 + j] == TWO_BY_TWO_FIRST) {
                int cj1 = cj + nrow;
                double a = l[cj + j];
                double b = l[cj + j + 1];
                double d = l[cj1 + j + 1];
                for (int i = 0; i < m; i++) {
                    double x = l[cj + ncol + i];
                    double y = l[cj1 + ncol + i];
                    w[j * m + i] = a * x + b * y;
                    w[(j + 1) * m + i] = b * x + d * y;
                }
                j++;
                continue;
            }
            double d = l[cj + j];
            for (int i = 0; i < m; i++) {
                w[j * m + i] = l[cj + ncol + i] * d;
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
                + String.format(Locale.ROOT, "%.2e", tau) + " (no acceptable pivot in the supernode;"
                + " static pivoting, solve refines)");
    }

    @Override
    boolean unitDiagonal() {
        return true;
    }

    /**
     * Substitution, then iterative refinement of each column against the factorised A. Safe to
     * call from several threads at once on one factorisation (per-thread workspace).
     */
    @Override
    public void solve(double[] b, double[] x, int nrhs) {
        checkSolve(b, x, nrhs);
        SolveWork ws = solveWork.get();
        CsrMatrix a = factoredMatrix();
        for (int r = 0; r < nrhs; r++) {
            int off = r * n;
            substituteColumn(b, off, ws.column, ws);
            double norm = residual(a, b, off, ws);
            for (int it = 0; it < MAX_REFINEMENTS && norm > 0.0; it++) {
                substituteColumn(ws.residual, 0, ws.step, ws);
                for (int i = 0; i < n; i++) {
                    ws.column[i] += ws.step[i];
                }
                double next = residual(a, b, off, ws);
                if (next > norm) {
                    for (int i = 0; i < n; i++) {
                        ws.column[i] -= ws.step[i]; // the step made it worse: keep the previous x
                    }
                    break;
                }
                boolean halved = next <= 0.5 * norm;
                norm = next;
                if (!halved) {
                    break;
                }
            }
            System.arraycopy(ws.column, 0, x, off, n);
        }
    }

    /**
     * out = P·(L·D·Lᵀ)⁻¹·Pᵀ·b(off..off+n). The work vector stays in symbolic order; a supernode's
     * segment is put in its pivot order only while that supernode is being processed.
     */
    private void substituteColumn(double[] b, int off, double[] out, SolveWork ws) {
        double[] y = ws.y;
        double[] seg = ws.segment;
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            y[k] = b[off + i] * scale[i]; // (S·A·S)⁻¹ is factorised: A⁻¹ = S·(S·A·S)⁻¹·S
        }
        for (int s = 0; s < supernodes; s++) {
            int c0 = superStart[s];
            int ncol = columns(s);
            int nrow = rowCount(s);
            int rs = rowStart[s];
            double[] l = panel[s];
            for (int j = 0; j < ncol; j++) {
                seg[j] = y[c0 + localPerm[c0 + j]];
            }
            for (int j = 0; j < ncol; j++) {
                double yj = seg[j];
                if (yj == 0.0) {
                    continue;
                }
                int lj = j * nrow;
                int i0 = pivotKind[c0 + j] == TWO_BY_TWO_FIRST ? j + 2 : j + 1;
                for (int i = i0; i < ncol; i++) {
                    seg[i] -= l[lj + i] * yj;
                }
                for (int i = ncol; i < nrow; i++) {
                    y[rows[rs + i]] -= l[lj + i] * yj;
                }
            }
            for (int j = 0; j < ncol; j++) {
                int lj = j * nrow;
                if (pivotKind[c0 + j] == TWO_BY_TWO_FIRST) {
                    double a = l[lj + j];
                    double bb = l[lj + j + 1];
                    double c = l[lj + nrow + j + 1];
                    double det = a * c - bb * bb;
                    double u = seg[j];
                    double v = seg[j + 1];
                    seg[j] = (c * u - bb * v) / det;
                    seg[j + 1] = (a * v - bb * u) / det;
                    j++;
                } else {
                    seg[j] /= l[lj + j];
                }
            }
            for (int j = 0; j < ncol; j++) {
                y[c0 + localPerm[c0 + j]] = seg[j];
            }
        }
        for (int s = supernodes - 1; s >= 0; s--) {
            int c0 = superStart[s];
            int ncol = columns(s);
            int nrow = rowCount(s);
            int rs = rowStart[s];
            double[] l = panel[s];
            for (int j = 0; j < ncol; j++) {
                int lj = j * nrow;
                double sum = y[c0 + localPerm[c0 + j]];
                for (int i = ncol; i < nrow; i++) {
                    sum -= l[lj + i] * y[rows[rs + i]];
                }
                seg[j] = sum;
            }
            for (int j = ncol - 1; j >= 0; j--) {
                int lj = j * nrow;
                int i0 = pivotKind[c0 + j] == TWO_BY_TWO_FIRST ? j + 2 : j + 1;
                double sum = seg[j];
                for (int i = i0; i < ncol; i++) {
                    sum -= l[lj + i] * seg[i];
                }
                seg[j] = sum;
            }
            for (int j = 0; j < ncol; j++) {
                y[c0 + localPerm[c0 + j]] = seg[j];
            }
        }
        for (int k = 0; k < n; k++) {
            int i = perm[k];
            out[i] = y[k] * scale[i];
        }
    }

    /** ws.residual ← b(off..) − A·ws.column; returns its 2-norm. */
    private double residual(CsrMatrix a, double[] b, int off, SolveWork ws) {
        double[] res = ws.residual;
        a.multiply(ws.column, res);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = b[off + i] - res[i];
            res[i] = v;
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Override
    public String name() {
        return "ldlt";
    }

    /** One thread's solve arrays. */
    private static final class SolveWork {
        final double[] y;
        final double[] segment;
        final double[] residual;
        final double[] step;
        final double[] column;

        SolveWork(int n, int widest) {
            y = new double[n];
            segment = new double[widest];
            residual = new double[n];
            step = new double[n];
            column = new double[n];
        }
    }
}
