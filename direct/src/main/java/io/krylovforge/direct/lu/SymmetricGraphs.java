package io.krylovforge.direct.lu;

import java.util.Arrays;

/** The graph of AᵀA that the column ordering works on when A is far from symmetric (A+Aᵀ is {@code SymmetricPattern}). */
final class SymmetricGraphs {
    private SymmetricGraphs() {
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
}
