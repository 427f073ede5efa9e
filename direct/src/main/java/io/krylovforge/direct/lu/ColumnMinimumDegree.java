package io.krylovforge.direct.lu;

import java.util.Arrays;

/**
 * Approximate column minimum degree (COLAMD; T. A. Davis, J. R. Gilbert, S. I. Larimore, E. G. Ng,
 * "A column approximate minimum degree ordering algorithm", ACM TOMS 30, 2004): a column order
 * for LU that keeps the Cholesky factor of AᵀA sparse, found on the pattern of A itself without
 * forming AᵀA. Each row of A is an initial element (a clique of AᵀA); eliminating column p merges
 * the elements holding p into one new element, the pivot's structure Lp (exactly column p of the
 * Cholesky factor of AᵀA in this order), and every column of Lp gets AMD's approximate external
 * degree |Lp| − 1 + Σ|e \ Lp| over its other elements. Elements found inside Lp are absorbed
 * (aggressive absorption); rows longer than {@code max(16, 10·√n)} are left out as COLAMD does.
 * Written here from the paper's description; supervariables (mass elimination) are not detected,
 * which costs time on very regular patterns but not order quality.
 */
final class ColumnMinimumDegree {
    private final int n;
    private final int[] order;
    private long factorNonzeros;
    private double flops;

    private ColumnMinimumDegree(int n) {
        this.n = n;
        this.order = new int[n];
    }

    /** The order of the n columns of the n-row CSR pattern (rowPtr, colIdx), with the fill it predicts. */
    static ColumnMinimumDegree of(int n, int[] rowPtr, int[] colIdx) {
        ColumnMinimumDegree c = new ColumnMinimumDegree(n);
        c.run(rowPtr, colIdx);
        return c;
    }

    /** Column {@code columnOrder()[k]} is eliminated at step k. */
    int[] columnOrder() {
        return order;
    }

    /** nnz of the Cholesky factor of AᵀA (dense rows left out) in this order, diagonal included. */
    long factorNonzeros() {
        return factorNonzeros;
    }

    /** Flops of that Cholesky factorisation (Σ |Lp|², the update work). */
    double flops() {
        return flops;
    }

    private void run(int[] rowPtr, int[] colIdx) {
        int rows = rowPtr.length - 1;
        int denseRow = (int) Math.max(16, 10 * Math.sqrt(n));
        int maxElements = rows + n;
        int[][] vars = new int[maxElements][];
        boolean[] alive = new boolean[maxElements];
        int[] elementCount = new int[n];
        for (int r = 0; r < rows; r++) {
            int len = rowPtr[r + 1] - rowPtr[r];
            if (len == 0 || len > denseRow) {
                continue;
            }
            vars[r] = Arrays.copyOfRange(colIdx, rowPtr[r], rowPtr[r + 1]);
            alive[r] = true;
            for (int p = rowPtr[r]; p < rowPtr[r + 1]; p++) {
                elementCount[colIdx[p]]++;
            }
        }
        // Column j's elements: elems[j][0 .. elemLen[j]), grown on demand.
        int[][] elems = new int[n][];
        int[] elemLen = new int[n];
        for (int j = 0; j < n; j++) {
            elems[j] = new int[Math.max(2, elementCount[j] + 1)];
        }
        int[] degree = new int[n];
        for (int r = 0; r < rows; r++) {
            if (!alive[r]) {
                continue;
            }
            for (int j : vars[r]) {
                elems[j][elemLen[j]++] = r;
                degree[j] = (int) Math.min(n - 1L, (long) degree[j] + vars[r].length - 1);
            }
        }
        // Degree buckets: doubly linked lists.
        int[] head = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        Arrays.fill(head, -1);
        for (int j = 0; j < n; j++) {
            link(j, degree[j], head, next, prev);
        }
        boolean[] eliminated = new boolean[n];
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        int[] w = new int[maxElements];
        int[] wStamp = new int[maxElements];
        Arrays.fill(wStamp, -1);
        int[] lp = new int[n];
        int elements = rows;
        int minDegree = 0;
        for (int k = 0; k < n; k++) {
            while (head[minDegree] < 0) {
                minDegree++;
            }
            int p = head[minDegree];
            unlink(p, degree[p], head, next, prev);
            eliminated[p] = true;
            order[k] = p;
            // Lp: the union of p's elements, which are absorbed into the new one.
            int len = 0;
            mark[p] = k;
            for (int t = 0; t < elemLen[p]; t++) {
                int e = elems[p][t];
                if (!alive[e]) {
                    continue;
                }
                alive[e] = false;
                for (int j : vars[e]) {
                    if (mark[j] != k && !eliminated[j]) {
                        mark[j] = k;
                        lp[len++] = j;
                    }
                }
                vars[e] = null;
            }
            elemLen[p] = 0;
            factorNonzeros += len + 1;
            flops += (double) len * len;
            if (len == 0) {
                continue;
            }
            int self = elements++;
            vars[self] = Arrays.copyOf(lp, len);
            alive[self] = true;
            // |e \ Lp| for the other elements of Lp's columns (AMD's w(e) pass).
            for (int t = 0; t < len; t++) {
                int j = lp[t];
                for (int u = 0; u < elemLen[j]; u++) {
                    int e = elems[j][u];
                    if (!alive[e]) {
                        continue;
                    }
                    if (wStamp[e] != k) {
                        wStamp[e] = k;
                        w[e] = vars[e].length;
                    }
                    w[e]--;
                }
            }
            for (int t = 0; t < len; t++) {
                int j = lp[t];
                unlink(j, degree[j], head, next, prev);
                long d = len - 1;
                int kept = 0;
                for (int u = 0; u < elemLen[j]; u++) {
                    int e = elems[j][u];
                    if (!alive[e]) {
                        continue;
                    }
                    if (w[e] == 0) {
                        alive[e] = false; // e ⊆ Lp: absorbed
                        vars[e] = null;
                        continue;
                    }
                    d += w[e];
                    elems[j][kept++] = e;
                }
                if (kept == elems[j].length) {
                    elems[j] = Arrays.copyOf(elems[j], 2 * kept + 2);
                }
                elems[j][kept++] = self;
                elemLen[j] = kept;
                int dj = (int) Math.min(d, n - k - 2L);
                degree[j] = Math.max(dj, 0);
                link(j, degree[j], head, next, prev);
                minDegree = Math.min(minDegree, degree[j]);
            }
        }
    }

    private static void link(int j, int d, int[] head, int[] next, int[] prev) {
        next[j] = head[d];
        prev[j] = -1;
        if (head[d] >= 0) {
            prev[head[d]] = j;
        }
        head[d] = j;
    }

    private static void unlink(int j, int d, int[] head, int[] next, int[] prev) {
        if (prev[j] >= 0) {
            next[prev[j]] = next[j];
        } else {
            head[d] = next[j];
        }
        if (next[j] >= 0) {
            prev[next[j]] = prev[j];
        }
    }
}
