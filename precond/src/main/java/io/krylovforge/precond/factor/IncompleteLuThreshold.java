package io.krylovforge.precond.factor;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.precond.PreconditionerSupport;
import java.util.Arrays;

/**
 * ILUT(τ, p): incomplete LU with a dual dropping rule. Row i is copied into a sparse working
 * row w (dense values, index list, marker) and eliminated by the earlier rows of U in
 * increasing column order; a multiplier with |wₖ| ≤ τ·‖aᵢ‖₂ is dropped before it is used, and
 * at the end of the row entries below τ·‖aᵢ‖₂ are dropped and only the p largest of the L part
 * and the p largest of the U part (besides the diagonal) are kept.
 *
 * <p>Requirements: a square {@link CsrMatrix}. {@code update} is a full set-up (the pattern of
 * the factors depends on the values). A zero diagonal of U after dropping throws
 * {@link PreconditionerFailedException} naming the row. M is not symmetric: use it with
 * GMRES/BiCGStab.
 *
 * <p>Reference: Saad, ILUT: a dual threshold incomplete LU factorization, Numer. Linear
 * Algebra Appl. 1 (1994); Saad, Iterative Methods for Sparse Linear Systems, 2nd ed.,
 * Algorithm 10.6.
 */
public final class IncompleteLuThreshold implements Preconditioner {
    private final double dropTolerance;
    private final int fill;
    private LinearOperator last;
    private int n = -1;
    private int[] lPtr;
    private int[] lCol;
    private double[] lVal;
    private int[] uPtr;
    private int[] uCol;
    private double[] uVal;
    private double[] uDiag;

    /**
     * ILUT with {@code options}.
     *
     * @param options drop tolerance τ and fill p
     */
    public IncompleteLuThreshold(IncompleteLuThresholdOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("ILUT options must not be null");
        }
        this.dropTolerance = options.dropTolerance();
        this.fill = options.fill();
    }

    /**
     * @param dropTolerance τ ≥ 0, relative to each row's 2-norm
     * @param fill          p ≥ 0, entries kept per row in each of L and U
     * @deprecated two positional numbers; use {@link #IncompleteLuThreshold(IncompleteLuThresholdOptions)}
     */
    @Deprecated
    public IncompleteLuThreshold(double dropTolerance, int fill) {
        this(new IncompleteLuThresholdOptions(dropTolerance, fill));
    }

    /** Relative drop tolerance τ: entries below τ·‖row‖ are dropped. */
    public double dropTolerance() {
        return dropTolerance;
    }

    /** Entries p kept per row in each of L and U. */
    public int fill() {
        return fill;
    }

    /** Stored entries of L (strict lower) plus U (with diagonal). */
    public int factorNonzeros() {
        return lPtr[n] + uPtr[n] + n;
    }

    @Override
    public void setUp(LinearOperator op) {
        if (op == last) {
            return;
        }
        CsrMatrix a = PreconditionerSupport.requireSquareCsr(op, "ilut");
        final int size = a.rows();
        final int[] ptr = a.rowPtr();
        final int[] col = a.colIdx();
        final double[] val = a.values();
        final int p = fill;
        int cap = Math.max(16, (2 * p + 1) * size);
        int[] lp = new int[size + 1];
        int[] lc = new int[cap];
        double[] lv = new double[cap];
        int[] up = new int[size + 1];
        int[] uc = new int[cap];
        double[] uv = new double[cap];
        double[] ud = new double[size];
        double[] w = new double[size];
        int[] where = new int[size]; // -1: w_j structurally zero
        Arrays.fill(where, -1);
        int[] low = new int[size]; // column indices < i in w
        int[] upp = new int[size]; // column indices > i in w
        double[] keepV = new double[size];
        int[] keepC = new int[size];
        for (int i = 0; i < size; i++) {
            int nLow = 0;
            int nUp = 0;
            double norm = 0.0;
            boolean diagSeen = false;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = col[k];
                double v = val[k];
                norm += v * v;
                w[j] = v; // w = a_i*
                if (j < i) {
                    where[j] = nLow;
                    low[nLow++] = j;
                } else if (j > i) {
                    where[j] = nUp;
                    upp[nUp++] = j;
                } else {
                    diagSeen = true;
                    where[j] = 0;
                }
            }
            if (!diagSeen) {
                w[i] = 0.0;
                where[i] = 0;
            }
            final double tau = dropTolerance * Math.sqrt(norm);
            // Eliminate with rows j < i in increasing j; fill-in below i joins the low list and
            // is always larger than the current j, so the order stays right.
            for (int q = 0; q < nLow; q++) {
                int best = q;
                for (int t = q + 1; t < nLow; t++) {
                    if (low[t] < low[best]) {
                        best = t;
                    }
                }
                int j = low[best];
                low[best] = low[q];
                low[q] = j;
                double wj = w[j] / ud[j]; // w_j <- w_j / u_jj
                if (Math.abs(wj) <= tau) {
                    w[j] = 0.0; // first dropping rule
                    continue;
                }
                w[j] = wj;
                for (int k = up[j], end = up[j + 1]; k < end; k++) {
                    int c = uc[k];
                    w[c] -= wj * uv[k]; // w <- w - w_j u_j*
                    if (where[c] < 0) {
                        if (c < i) {
                            where[c] = nLow;
                            low[nLow++] = c;
                        } else {
                            where[c] = nUp;
                            upp[nUp++] = c;
                        }
                    }
                }
            }
            // Second dropping rule on L part, then keep the p largest.
            int kept = 0;
            for (int q = 0; q < nLow; q++) {
                int j = low[q];
                if (Math.abs(w[j]) > tau) {
                    keepC[kept] = j;
                    keepV[kept++] = w[j];
                }
                w[j] = 0.0;
                where[j] = -1;
            }
            kept = largest(keepC, keepV, kept, p);
            if (lp[i] + kept > lc.length) {
                int newCap = Math.max(2 * lc.length, lp[i] + kept);
                lc = Arrays.copyOf(lc, newCap);
                lv = Arrays.copyOf(lv, newCap);
            }
            System.arraycopy(keepC, 0, lc, lp[i], kept);
            System.arraycopy(keepV, 0, lv, lp[i], kept);
            lp[i + 1] = lp[i] + kept;
            // U part.
            double d = w[i];
            w[i] = 0.0;
            where[i] = -1;
            kept = 0;
            for (int q = 0; q < nUp; q++) {
                int j = upp[q];
                if (Math.abs(w[j]) > tau) {
                    keepC[kept] = j;
                    keepV[kept++] = w[j];
                }
                w[j] = 0.0;
                where[j] = -1;
            }
            kept = largest(keepC, keepV, kept, p);
            if (up[i] + kept > uc.length) {
                int newCap = Math.max(2 * uc.length, up[i] + kept);
                uc = Arrays.copyOf(uc, newCap);
                uv = Arrays.copyOf(uv, newCap);
            }
            System.arraycopy(keepC, 0, uc, up[i], kept);
            System.arraycopy(keepV, 0, uv, up[i], kept);
            up[i + 1] = up[i] + kept;
            if (d == 0.0 || !Double.isFinite(d)) {
                throw new PreconditionerFailedException("ilut: pivot u_ii = " + d + " in row " + i + " (0-based)");
            }
            ud[i] = d;
        }
        n = size;
        lPtr = lp;
        lCol = lc;
        lVal = lv;
        uPtr = up;
        uCol = uc;
        uVal = uv;
        uDiag = ud;
        last = op;
    }

    /** Moves the min(count, p) entries of largest magnitude to the front; returns how many. */
    private static int largest(int[] c, double[] v, int count, int p) {
        if (count <= p) {
            return count;
        }
        for (int s = 0; s < p; s++) { // partial selection sort: p is small
            int best = s;
            double bestAbs = Math.abs(v[s]);
            for (int t = s + 1; t < count; t++) {
                double x = Math.abs(v[t]);
                if (x > bestAbs) {
                    bestAbs = x;
                    best = t;
                }
            }
            double tv = v[s];
            v[s] = v[best];
            v[best] = tv;
            int tc = c[s];
            c[s] = c[best];
            c[best] = tc;
        }
        return p;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("ilut", n, rr, zz);
        for (int i = 0, rows = n; i < rows; i++) {
            double s = rr[i];
            for (int k = lPtr[i], end = lPtr[i + 1]; k < end; k++) {
                s -= lVal[k] * zz[lCol[k]];
            }
            zz[i] = s; // L y = r
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = zz[i];
            for (int k = uPtr[i], end = uPtr[i + 1]; k < end; k++) {
                s -= uVal[k] * zz[uCol[k]];
            }
            zz[i] = s / uDiag[i]; // U z = y
        }
    }

    @Override
    public String name() {
        return "ilut";
    }
}
