package io.krylovforge.direct.lu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.symbolic.SymbolicAnalysis;
import io.krylovforge.direct.symbolic.UpdateGroups;
import java.util.Arrays;

/**
 * Where numbers go in {@link SupernodalLu}'s panels, computed once per pattern: the panel position
 * of each stored entry of A, and for each supernode's update block the local rows of its targets
 * ({@link UpdateGroups}, shared with the supernodal Cholesky). An entry (i, j) of P·A·Pᵀ with
 * i ≥ j lies in the L panel of j's supernode; one with i &lt; j in i's supernode, in its diagonal
 * block when j is one of its columns, else in its U panel (U₁₂ᵀ) at j's position among its rows.
 */
final class SupernodalLuMaps {
    private final int supernodes;
    private final int[] superStart;
    private final int[] rowStart;
    private final int[] rows;
    /** Per entry of A: s for lower[s], supernodes + s for upper[s]. */
    private final int[] scatterPanel;
    private final int[] scatterOffset;
    /** Update groups of supernode s: groupStart[s] .. groupStart[s+1]−1, one per target ancestor. */
    private final int[] groupStart;
    private final int[] groupTarget;
    private final int[] groupColumnEnd;
    private final int[] groupRelative;
    private final int[] relative;

    SupernodalLuMaps(CsrMatrix a, SymbolicAnalysis symbolic, int[] superStart, int[] rowStart, int[] superOf) {
        this.supernodes = symbolic.supernodes();
        this.superStart = superStart;
        this.rowStart = rowStart;
        this.rows = symbolic.rowIndices();
        this.scatterPanel = new int[a.nnz()];
        this.scatterOffset = new int[a.nnz()];
        buildScatter(a, symbolic.inversePermutation(), superOf);
        UpdateGroups groups = UpdateGroups.build(supernodes, superStart, rowStart, rows, superOf,
                UpdateGroups.count(supernodes, superStart, rowStart, rows, superOf));
        this.groupStart = groups.start();
        this.groupTarget = groups.target();
        this.groupColumnEnd = groups.columnEnd();
        this.groupRelative = groups.relativeStart();
        this.relative = groups.relative();
    }

    private int columns(int s) {
        return superStart[s + 1] - superStart[s];
    }

    private int rowCount(int s) {
        return rowStart[s + 1] - rowStart[s];
    }

    /**
     * Entries are bucketed by the supernode of min(pi, pj); each supernode's rows are then mapped
     * to local positions once, so no entry searches a row list.
     */
    private void buildScatter(CsrMatrix a, int[] inv, int[] superOf) {
        int n = a.rows();
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        int nnz = a.nnz();
        int[] other = new int[nnz]; // max(pi, pj), negated−1 when the entry is above the diagonal
        int[] bucketStart = new int[supernodes + 1];
        for (int i = 0; i < n; i++) {
            int pi = inv[i];
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int pj = inv[ci[p]];
                int c = Math.min(pi, pj);
                int s = superOf[c];
                scatterPanel[p] = s;
                scatterOffset[p] = c - superStart[s]; // local column (L) or local row (U) for now
                other[p] = pi >= pj ? pi : -pj - 1;
                bucketStart[s + 1]++;
            }
        }
        for (int s = 0; s < supernodes; s++) {
            bucketStart[s + 1] += bucketStart[s];
        }
        int[] fill = Arrays.copyOf(bucketStart, supernodes);
        int[] bucket = new int[nnz];
        for (int p = 0; p < nnz; p++) {
            bucket[fill[scatterPanel[p]]++] = p;
        }
        int[] local = new int[n];
        for (int s = 0; s < supernodes; s++) {
            int r0 = rowStart[s];
            for (int r = r0; r < rowStart[s + 1]; r++) {
                local[rows[r]] = r - r0;
            }
            int nrow = rowCount(s);
            int ncol = columns(s);
            int m = nrow - ncol;
            for (int q = bucketStart[s]; q < bucketStart[s + 1]; q++) {
                int p = bucket[q];
                int k = scatterOffset[p];
                if (other[p] >= 0) {
                    scatterOffset[p] = k * nrow + local[other[p]]; // L(row, k)
                } else {
                    int loc = local[-other[p] - 1];
                    if (loc < ncol) {
                        scatterOffset[p] = loc * nrow + k; // U₁₁(k, loc), in the diagonal block
                    } else {
                        scatterPanel[p] = supernodes + s;
                        scatterOffset[p] = k * m + loc - ncol; // U₁₂ᵀ(loc − ncol, k)
                    }
                }
            }
        }
    }

    /** Adds A's values into the (zeroed) panels; returns max |aᵢⱼ| (NaN or ∞ when one is). */
    double scatter(double[] values, double[][] lower, double[][] upper) {
        double maxAbs = 0.0;
        for (int p = 0; p < values.length; p++) {
            int s = scatterPanel[p];
            double v = values[p];
            if (s < supernodes) {
                lower[s][scatterOffset[p]] += v;
            } else {
                upper[s - supernodes][scatterOffset[p]] += v;
            }
            double m = Math.abs(v);
            if (m > maxAbs) {
                maxAbs = m;
            } else if (m != m) {
                return m; // NaN
            }
        }
        return maxAbs;
    }

    /**
     * Subtracts supernode s's update C = L₂₁·U₁₂ (m × m; {@code ct} = Cᵀ) from its ancestors:
     * C(ii, jj) with ii ≥ jj from the L panel of column jj's supernode t, and C(jj, ii) with ii &gt; jj
     * (row jj, column ii) from t's diagonal block or U panel. Both read down a column of c or ct.
     */
    void scatterUpdate(int s, int m, double[] c, double[] ct, double[][] lower, double[][] upper) {
        int rs = rowStart[s] + columns(s);
        int jj = 0;
        for (int g = groupStart[s]; g < groupStart[s + 1]; g++) {
            int t = groupTarget[g];
            double[] l = lower[t];
            double[] u = upper[t];
            int nrowT = rowCount(t);
            int ncolT = columns(t);
            int mT = nrowT - ncolT;
            int t0 = superStart[t];
            int rel = groupRelative[g] - jj; // relative[rel + ii] for ii ≥ jj
            // The update's rows from jj on map to consecutive target rows when their relative
            // indices run without gaps (often: a child's rows fill its parent's); then the
            // scatters are plain vector subtractions.
            boolean dense = relative[rel + m - 1] - relative[rel + jj] == m - 1 - jj;
            for (int end = groupColumnEnd[g]; jj < end; jj++) {
                int k = rows[rs + jj] - t0; // jj's column (and row) inside t
                int col = k * nrowT;
                int cj = jj * m;
                if (dense) {
                    int base = col + relative[rel + jj] - jj;
                    for (int ii = jj; ii < m; ii++) {
                        l[base + ii] -= c[cj + ii]; // L(ii, jj) part
                    }
                } else {
                    for (int ii = jj; ii < m; ii++) {
                        l[col + relative[rel + ii]] -= c[cj + ii]; // L(ii, jj) part
                    }
                }
                // U(jj, ii) for ii > jj: first those inside t's diagonal block (relative < ncolT), then U₁₂ᵀ.
                int ii = jj + 1;
                for (; ii < m; ii++) {
                    int r = relative[rel + ii];
                    if (r >= ncolT) {
                        break;
                    }
                    l[r * nrowT + k] -= ct[cj + ii];
                }
                int uo = k * mT - ncolT;
                if (dense && ii < m) {
                    int base = uo + relative[rel + ii] - ii;
                    for (; ii < m; ii++) {
                        u[base + ii] -= ct[cj + ii];
                    }
                } else {
                    for (; ii < m; ii++) {
                        u[uo + relative[rel + ii]] -= ct[cj + ii];
                    }
                }
            }
        }
    }
}
