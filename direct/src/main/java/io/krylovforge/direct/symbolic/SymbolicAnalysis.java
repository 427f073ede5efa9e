package io.krylovforge.direct.symbolic;

import io.krylovforge.direct.FactorTooLargeException;
import io.krylovforge.direct.ordering.SymmetricPattern;
import java.util.Arrays;

/**
 * Everything a supernodal factorisation needs to know before seeing a number: the final
 * permutation (the fill-reducing order followed by an elimination-tree postorder, so that each
 * supernode's columns are contiguous), the elimination tree, column counts, relaxed supernodes
 * with their row structures, and the resulting nnz(L), flops and memory.
 *
 * <p>Supernodes: fundamental supernodes (a chain of single-child columns with nested structure)
 * are amalgamated child-into-parent with CHOLMOD's default relaxation rule — merge when the
 * result has at most 4 columns, or at most 16 with under 80 % explicit zeros, or at most 48 with
 * under 10 %, or any size with under 5 % — trading a few stored zeros for larger dense blocks.
 * Reference: C. Ashcraft, R. Grimes, The influence of relaxed supernode partitions on the
 * multifrontal method, ACM TOMS 15 (1989); Y. Chen, T. A. Davis, W. W. Hager, S. Rajamanickam,
 * CHOLMOD, ACM TOMS 35 (2008).
 */
public final class SymbolicAnalysis {
    private static final int[] RELAX_COLUMNS = {4, 16, 48};
    private static final double[] RELAX_ZEROS = {0.8, 0.1, 0.05};

    private final int n;
    private final int[] perm;
    private final int[] inverse;
    private final int[] parent;
    private final int[] columnCount;
    private final int[] superStart;
    private final int[] rowPointer;
    private final int[] rows;
    private final int[] superOf;
    private final int[] superParent;
    private final long exactNonzeros;
    private final long storedEntries;
    private final double flops;
    private final long maxUpdate;

    private SymbolicAnalysis(SymmetricPattern g, int[] ordering, long byteBudget) {
        n = g.size();
        checkPermutation(ordering, n);
        int[] inv0 = invert(ordering);
        int[] parent0 = EliminationTree.parents(g, ordering, inv0);
        int[] post = EliminationTree.postorder(parent0);
        int[] postInverse = invert(post);
        perm = new int[n];
        for (int k = 0; k < n; k++) {
            perm[k] = ordering[post[k]];
        }
        inverse = invert(perm);
        // A postorder is an equivalent reordering: the tree of the postordered matrix is the same
        // tree relabelled, so it is not computed a second time (Liu 1990, section 3).
        parent = new int[n];
        for (int k = 0; k < n; k++) {
            int p = parent0[post[k]];
            parent[k] = p == -1 ? -1 : postInverse[p];
        }
        int[] identity = new int[n];
        for (int k = 0; k < n; k++) {
            identity[k] = k;
        }
        columnCount = EliminationTree.columnCounts(g, perm, inverse, parent, identity);
        long nnz = 0;
        double f = 0;
        for (int c : columnCount) {
            nnz += c;
            f += (double) c * c;
        }
        exactNonzeros = nnz;
        flops = f;
        // Refuse before building row lists as large as the factor itself.
        if (12L * nnz > byteBudget) {
            throw new FactorTooLargeException("a factor of order " + n + " with nnz(L) = " + nnz,
                    12L * nnz, byteBudget);
        }
        superStart = relaxedSupernodes();
        int ns = superStart.length - 1;
        superOf = new int[n];
        for (int s = 0; s < ns; s++) {
            for (int j = superStart[s]; j < superStart[s + 1]; j++) {
                superOf[j] = s;
            }
        }
        superParent = new int[ns];
        rowPointer = new int[ns + 1];
        rows = rowStructures(g);
        long stored = 0;
        for (int s = 0; s < ns; s++) {
            stored += (long) rowCount(s) * columns(s);
        }
        storedEntries = stored;
        maxUpdate = computeLargestUpdate();
    }

    /**
     * The analysis of pattern g under the fill-reducing order {@code ordering} (ordering[k] is
     * the original index eliminated k-th).
     */
    public static SymbolicAnalysis of(SymmetricPattern g, int[] ordering) {
        return new SymbolicAnalysis(g, ordering, Long.MAX_VALUE);
    }

    /**
     * As {@link #of(SymmetricPattern, int[])}, but throws {@link FactorTooLargeException} as soon as
     * the column counts show that L (12 bytes per entry) exceeds {@code byteBudget}.
     */
    public static SymbolicAnalysis of(SymmetricPattern g, int[] ordering, long byteBudget) {
        return new SymbolicAnalysis(g, ordering, byteBudget);
    }

    /**
     * nnz(L) and flops of the ordering, from the elimination tree and column counts only (no
     * supernodes, no row lists): time O(nnz(A)·α), so callers can compare orderings cheaply.
     *
     * @return {nnz(L), Σ c_j²}
     */
    public static double[] estimate(SymmetricPattern g, int[] ordering) {
        int n = g.size();
        checkPermutation(ordering, n);
        int[] inv = invert(ordering);
        int[] parent = EliminationTree.parents(g, ordering, inv);
        int[] post = EliminationTree.postorder(parent);
        int[] counts = EliminationTree.columnCounts(g, ordering, inv, parent, post);
        double nnz = 0;
        double flops = 0;
        for (int c : counts) {
            nnz += c;
            flops += (double) c * c;
        }
        return new double[] {nnz, flops};
    }

    private static void checkPermutation(int[] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("ordering has " + p.length + " entries, expected " + n);
        }
        boolean[] seen = new boolean[n];
        for (int v : p) {
            if (v < 0 || v >= n || seen[v]) {
                throw new IllegalArgumentException("ordering is not a permutation of 0.." + (n - 1)
                        + " (entry " + v + ")");
            }
            seen[v] = true;
        }
    }

    private static int[] invert(int[] p) {
        int[] inv = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            inv[p[k]] = k;
        }
        return inv;
    }

    /** Fundamental supernodes, then CHOLMOD-style amalgamation; returns the start columns. */
    private int[] relaxedSupernodes() {
        int[] children = new int[n];
        for (int j = 0; j < n; j++) {
            if (parent[j] != -1) {
                children[parent[j]]++;
            }
        }
        int[] fundStart = new int[n + 1];
        int nf = 0;
        for (int j = 0; j < n; j++) {
            boolean extends_ = j > 0 && parent[j - 1] == j && children[j] == 1
                    && columnCount[j - 1] == columnCount[j] + 1;
            if (!extends_) {
                fundStart[nf++] = j;
            }
        }
        fundStart[nf] = n;
        int[] fundOf = new int[n];
        for (int f = 0; f < nf; f++) {
            for (int j = fundStart[f]; j < fundStart[f + 1]; j++) {
                fundOf[j] = f;
            }
        }
        // Per group (identified by its first fundamental): last fundamental, rows, exact nnz.
        int[] groupEnd = new int[nf];
        long[] groupRows = new long[nf];
        long[] groupNnz = new long[nf];
        for (int f = nf - 1; f >= 0; f--) {
            int c0 = fundStart[f];
            int c1 = fundStart[f + 1];
            long nnzF = 0;
            for (int j = c0; j < c1; j++) {
                nnzF += columnCount[j];
            }
            groupEnd[f] = f;
            groupRows[f] = columnCount[c0];
            groupNnz[f] = nnzF;
            int p = parent[c1 - 1];
            if (f + 1 < nf && p != -1) {
                int pf = fundOf[p];
                if (pf >= f + 1 && pf <= groupEnd[f + 1]) {
                    long cols = (c1 - c0) + (fundStart[groupEnd[f + 1] + 1] - fundStart[f + 1]);
                    long rowsMerged = (c1 - c0) + groupRows[f + 1];
                    double entries = cols * rowsMerged - cols * (cols - 1) / 2.0;
                    double zeros = entries - (nnzF + groupNnz[f + 1]);
                    double z = zeros / entries;
                    if (cols <= RELAX_COLUMNS[0]
                            || (cols <= RELAX_COLUMNS[1] && z < RELAX_ZEROS[0])
                            || (cols <= RELAX_COLUMNS[2] && z < RELAX_ZEROS[1])
                            || z < RELAX_ZEROS[2]) {
                        groupEnd[f] = groupEnd[f + 1];
                        groupRows[f] = rowsMerged;
                        groupNnz[f] = nnzF + groupNnz[f + 1];
                    }
                }
            }
        }
        int[] start = new int[nf + 1];
        int ns = 0;
        for (int f = 0; f < nf; f = groupEnd[f] + 1) {
            start[ns++] = fundStart[f];
        }
        start[ns] = n;
        return Arrays.copyOf(start, ns + 1);
    }

    /** Row lists: each supernode's columns, then the union of A's rows and its children's rows below. */
    private int[] rowStructures(SymmetricPattern g) {
        int ns = superStart.length - 1;
        int[] childHead = new int[ns];
        int[] childNext = new int[ns];
        Arrays.fill(childHead, -1);
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] out = new int[Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * n))];
        int used = 0;
        for (int s = 0; s < ns; s++) {
            int c0 = superStart[s];
            int c1 = superStart[s + 1];
            int begin = used;
            long worst = (long) used + (c1 - c0) + n;
            if (worst > out.length) {
                long grown = Math.max(worst, 2L * out.length);
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("factor row structure exceeds 2^31 entries");
                }
                out = Arrays.copyOf(out, (int) grown);
            }
            for (int j = c0; j < c1; j++) {
                out[used++] = j;
                mark[j] = s;
            }
            int below = used;
            for (int j = c0; j < c1; j++) {
                int col = perm[j];
                for (int p = g.start(col); p < g.end(col); p++) {
                    int i = inverse[g.neighbour(p)];
                    if (i >= c1 && mark[i] != s) {
                        mark[i] = s;
                        out[used++] = i;
                    }
                }
            }
            for (int t = childHead[s]; t != -1; t = childNext[t]) {
                for (int p = rowPointer[t]; p < rowPointer[t + 1]; p++) {
                    int i = out[p];
                    if (i >= c1 && mark[i] != s) {
                        mark[i] = s;
                        out[used++] = i;
                    }
                }
            }
            Arrays.sort(out, below, used);
            rowPointer[s] = begin;
            rowPointer[s + 1] = used;
            if (used > below) {
                int ps = superOf[out[below]];
                superParent[s] = ps;
                childNext[s] = childHead[ps];
                childHead[ps] = s;
            } else {
                superParent[s] = -1;
            }
        }
        return Arrays.copyOf(out, used);
    }

    /** The largest update block (rows below the diagonal block, squared) of any supernode. */
    private long computeLargestUpdate() {
        long best = 0;
        for (int s = 0; s < superStart.length - 1; s++) {
            long m = rowCount(s) - columns(s);
            best = Math.max(best, m * m);
        }
        return best;
    }

    /** Matrix order. */
    public int size() {
        return n;
    }

    /** Final permutation: perm[k] is the original index of pivot k. */
    public int[] permutation() {
        return perm.clone();
    }

    /** Inverse of {@link #permutation()}: inverse[i] is the pivot position of original index i. */
    public int[] inversePermutation() {
        return inverse.clone();
    }

    /** Elimination tree in pivot numbering (−1 for roots). */
    public int[] parent() {
        return parent.clone();
    }

    /** Column counts of L in pivot numbering, diagonal included. */
    public int[] columnCounts() {
        return columnCount.clone();
    }

    /** Number of supernodes. */
    public int supernodes() {
        return superStart.length - 1;
    }

    /** First column of supernode s (pivot numbering); supernode s spans [start(s), start(s+1)). */
    public int start(int s) {
        return superStart[s];
    }

    /** Number of columns of supernode s. */
    public int columns(int s) {
        return superStart[s + 1] - superStart[s];
    }

    /** Number of rows of supernode s's panel (its columns included). */
    public int rowCount(int s) {
        return rowPointer[s + 1] - rowPointer[s];
    }

    /** Start of supernode s's rows in {@link #rowIndices()}. */
    public int rowStart(int s) {
        return rowPointer[s];
    }

    /** All supernodes' row lists concatenated (pivot numbering), as a copy. */
    public int[] rowIndices() {
        return rows.clone();
    }

    /** Supernode that holds pivot column j. */
    public int supernodeOf(int j) {
        return superOf[j];
    }

    /** Parent supernode of s in the supernodal elimination tree, −1 for a root. */
    public int supernodeParent(int s) {
        return superParent[s];
    }

    /** Exact nnz(L), diagonal included (relaxation zeros not counted). */
    public long factorNonzeros() {
        return exactNonzeros;
    }

    /** Entries of the stored supernode panels (rows × columns summed, relaxation zeros included). */
    public long storedEntries() {
        return storedEntries;
    }

    /** Σ_j c_j², the multiply-adds of a column Cholesky with column counts c_j: its flop estimate. */
    public double flops() {
        return flops;
    }

    /** Doubles of the largest update block a supernode sends to its ancestors. */
    public long largestUpdate() {
        return maxUpdate;
    }

    /** Bytes of the numeric factor (panels) plus the update workspace. */
    public long memoryBytes() {
        return 8L * storedEntries + 16L * maxUpdate + 4L * rows.length + 24L * n;
    }
}
