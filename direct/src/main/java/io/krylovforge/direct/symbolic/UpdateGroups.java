package io.krylovforge.direct.symbolic;

/**
 * Where each supernode's update lands in its ancestors, computed once per pattern so every
 * numeric factorisation scatters without searching (shared by the supernodal Cholesky/LDLᵀ and
 * the supernodal LU). The m rows of supernode s below its diagonal block are its update's rows
 * and columns; its columns fall into target ancestors in increasing order, one <em>group</em> per
 * target: groups {@code start()[s] .. start()[s+1]−1}, group g targets {@code target()[g]} and
 * covers update columns up to {@code columnEnd()[g]} (exclusive); for update row ii (from the
 * group's first column on), {@code relative()[relativeStart()[g] + ii − first]} is its local row
 * in the target. The arrays are this object's own, not copies: callers read them only.
 */
public final class UpdateGroups {
    private final int[] start;
    private final int[] target;
    private final int[] columnEnd;
    private final int[] relativeStart;
    private final int[] relative;

    private UpdateGroups(int[] start, int[] target, int[] columnEnd, int[] relativeStart, int[] relative) {
        this.start = start;
        this.target = target;
        this.columnEnd = columnEnd;
        this.relativeStart = relativeStart;
        this.relative = relative;
    }

    /**
     * Counts groups and relative indices, so a caller can check memory before {@link #build}.
     *
     * @param supernodes number of supernodes
     * @param superStart first column of each supernode (length supernodes + 1)
     * @param rowStart   where each supernode's rows start in {@code rows} (length supernodes + 1)
     * @param rows       the supernodes' sorted row indices, concatenated (diagonal block first)
     * @param superOf    the supernode of each column
     * @return {number of groups, number of relative indices}
     */
    public static long[] count(int supernodes, int[] superStart, int[] rowStart, int[] rows, int[] superOf) {
        long groups = 0;
        long entries = 0;
        for (int s = 0; s < supernodes; s++) {
            int ncol = superStart[s + 1] - superStart[s];
            int rs = rowStart[s] + ncol;
            int m = rowStart[s + 1] - rowStart[s] - ncol;
            int jj = 0;
            while (jj < m) {
                int tEnd = superStart[superOf[rows[rs + jj]] + 1];
                groups++;
                entries += m - jj;
                while (jj < m && rows[rs + jj] < tEnd) {
                    jj++;
                }
            }
        }
        return new long[] {groups, entries};
    }

    /**
     * Builds the groups; {@code counts} is what {@link #count} returned for the same arrays.
     *
     * @param supernodes number of supernodes
     * @param superStart first column of each supernode (length supernodes + 1)
     * @param rowStart   where each supernode's rows start in {@code rows} (length supernodes + 1)
     * @param rows       the supernodes' sorted row indices, concatenated (diagonal block first)
     * @param superOf    the supernode of each column
     * @param counts     {number of groups, number of relative indices}
     * @return the groups
     * @throws IllegalStateException when the relative indices would not fit one Java array
     */
    public static UpdateGroups build(int supernodes, int[] superStart, int[] rowStart, int[] rows, int[] superOf,
            long[] counts) {
        if (counts[1] > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("relative row indices exceed 2^31 entries");
        }
        int[] start = new int[supernodes + 1];
        int[] target = new int[(int) counts[0]];
        int[] columnEnd = new int[(int) counts[0]];
        int[] relativeStart = new int[(int) counts[0]];
        int[] relative = new int[(int) counts[1]];
        int g = 0;
        int used = 0;
        for (int s = 0; s < supernodes; s++) {
            start[s] = g;
            int ncol = superStart[s + 1] - superStart[s];
            int rs = rowStart[s] + ncol;
            int m = rowStart[s + 1] - rowStart[s] - ncol;
            int jj = 0;
            while (jj < m) {
                int t = superOf[rows[rs + jj]];
                int tEnd = superStart[t + 1];
                int tRows = rowStart[t];
                int lo = tRows;
                target[g] = t;
                relativeStart[g] = used;
                for (int ii = jj; ii < m; ii++) {
                    // The update's rows are a sorted subset of the target's: a forward scan
                    // finds each one in amortised O(1) (a child's rows mostly fill its parent's).
                    int r = rows[rs + ii];
                    while (rows[lo] != r) {
                        lo++;
                    }
                    relative[used++] = lo - tRows;
                    lo++;
                }
                while (jj < m && rows[rs + jj] < tEnd) {
                    jj++;
                }
                columnEnd[g] = jj;
                g++;
            }
        }
        start[supernodes] = g;
        return new UpdateGroups(start, target, columnEnd, relativeStart, relative);
    }

    /** {@return per supernode, its first group; one more entry closes the last} */
    public int[] start() {
        return start;
    }

    /** {@return per group, the target supernode} */
    public int[] target() {
        return target;
    }

    /** {@return per group, the end (exclusive) of its update columns} */
    public int[] columnEnd() {
        return columnEnd;
    }

    /** {@return per group, where its relative row indices start in {@link #relative()}} */
    public int[] relativeStart() {
        return relativeStart;
    }

    /** {@return the relative row indices of all groups} */
    public int[] relative() {
        return relative;
    }
}
