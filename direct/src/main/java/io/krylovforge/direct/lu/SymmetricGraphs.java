package io.krylovforge.direct.lu;

import java.util.Arrays;

/** Adjacency lists (no self loops) of the symmetric graphs a column ordering works on. */
final class SymmetricGraphs {
    private SymmetricGraphs() {
    }

    /** The graph of A+Aᵀ as {ptr, adjacency}. */
    static int[][] plusTranspose(int n, int[] rowPtr, int[] colIdx) {
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                if (j != i) {
                    count[i + 1]++;
                    count[j + 1]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = Arrays.copyOf(count, n);
        int[] adj = new int[count[n]];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                if (j != i) {
                    adj[fill[i]++] = j;
                    adj[fill[j]++] = i;
                }
            }
        }
        return dedupe(n, count, adj);
    }

    /**
     * The graph of AᵀA (columns i and j adjacent when some row holds both) as {ptr, adjacency},
     * leaving out rows longer than {@code max(16, 10·√n)} as COLAMD does: one dense row would
     * make AᵀA dense, and its columns are ordered well enough without it.
     */
    static int[][] normalEquations(int n, int[] rowPtr, int[] colIdx) {
        int denseRow = (int) Math.max(16, 10 * Math.sqrt(n));
        // Column → rows (the transpose pattern), skipping dense rows.
        int[] cptr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            int len = rowPtr[i + 1] - rowPtr[i];
            if (len > denseRow) {
                continue;
            }
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                cptr[colIdx[p] + 1]++;
            }
        }
        for (int j = 0; j < n; j++) {
            cptr[j + 1] += cptr[j];
        }
        int[] rows = new int[cptr[n]];
        int[] fill = Arrays.copyOf(cptr, n);
        for (int i = 0; i < n; i++) {
            int len = rowPtr[i + 1] - rowPtr[i];
            if (len > denseRow) {
                continue;
            }
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                rows[fill[colIdx[p]]++] = i;
            }
        }
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] ptr = new int[n + 1];
        int[] adj = new int[Math.max(16, 4 * cptr[n])];
        int len = 0;
        for (int j = 0; j < n; j++) {
            mark[j] = j;
            for (int p = cptr[j]; p < cptr[j + 1]; p++) {
                int i = rows[p];
                for (int q = rowPtr[i]; q < rowPtr[i + 1]; q++) {
                    int c = colIdx[q];
                    if (mark[c] != j) {
                        mark[c] = j;
                        if (len == adj.length) {
                            adj = Arrays.copyOf(adj, 2 * adj.length);
                        }
                        adj[len++] = c;
                    }
                }
            }
            ptr[j + 1] = len;
        }
        return new int[][] {ptr, adj};
    }

    /** Removes duplicate neighbours from each list (A+Aᵀ lists a symmetric pair twice). */
    private static int[][] dedupe(int n, int[] ptr, int[] adj) {
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] out = new int[n + 1];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int start = ptr[i];
            int end = ptr[i + 1];
            for (int p = start; p < end; p++) {
                int j = adj[p];
                if (mark[j] != i) {
                    mark[j] = i;
                    adj[len++] = j;
                }
            }
            out[i + 1] = len;
        }
        return new int[][] {out, Arrays.copyOf(adj, len)};
    }
}
