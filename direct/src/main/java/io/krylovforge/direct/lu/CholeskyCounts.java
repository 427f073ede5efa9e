package io.krylovforge.direct.lu;

import java.util.Arrays;

/**
 * Nonzeros and flops of the Cholesky factor of a symmetric pattern under an elimination order:
 * the elimination tree (Liu's algorithm with path compression), then each row's subtree walked
 * once, which costs O(nnz(L)) and needs no column-count machinery.
 */
final class CholeskyCounts {
    private CholeskyCounts() {
    }

    /**
     * Returns {nnz(L) including the diagonal, Double.doubleToLongBits(flops)} for the graph
     * ({@code ptr}, {@code adjacency}) eliminated in {@code order}.
     */
    static long[] of(int n, int[] ptr, int[] adjacency, int[] order) {
        int[] position = new int[n];
        for (int k = 0; k < n; k++) {
            position[order[k]] = k;
        }
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        Arrays.fill(parent, -1);
        Arrays.fill(ancestor, -1);
        for (int k = 0; k < n; k++) {
            int node = order[k];
            for (int p = ptr[node]; p < ptr[node + 1]; p++) {
                int i = position[adjacency[p]];
                while (i >= 0 && i < k) {
                    int next = ancestor[i];
                    ancestor[i] = k; // path compression
                    if (next < 0) {
                        parent[i] = k;
                    }
                    i = next;
                }
            }
        }
        long[] colCount = new long[n];
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        for (int k = 0; k < n; k++) {
            int node = order[k];
            mark[k] = k;
            colCount[k]++;
            for (int p = ptr[node]; p < ptr[node + 1]; p++) {
                int j = position[adjacency[p]];
                while (j >= 0 && j < k && mark[j] != k) {
                    mark[j] = k;
                    colCount[j]++; // row k of L has an entry in column j
                    j = parent[j];
                }
            }
        }
        long nnz = 0;
        double flops = 0.0;
        for (int k = 0; k < n; k++) {
            nnz += colCount[k];
            flops += (double) colCount[k] * colCount[k];
        }
        return new long[] {nnz, Double.doubleToLongBits(flops)};
    }
}
