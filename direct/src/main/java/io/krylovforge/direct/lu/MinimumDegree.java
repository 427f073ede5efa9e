package io.krylovforge.direct.lu;

import java.util.Arrays;

/**
 * Approximate minimum degree ordering of a symmetric graph on a quotient graph (George and Liu's
 * elements, the degree bound of Amestoy, Davis and Duff 1996 with element absorption), written
 * for the LU column ordering: the graph is A+Aᵀ (near-symmetric patterns) or AᵀA (COLAMD's
 * graph). Supervariables are not detected, which costs time on finite-element meshes but not
 * fill. Nodes denser than {@code max(16, 10·√n)} are ordered last, as AMD does.
 */
final class MinimumDegree {
    private MinimumDegree() {
    }

    /**
     * The elimination order of the graph given as adjacency lists (symmetric, no self loops):
     * {@code order[k]} is the node eliminated at step k.
     */
    static int[] order(int n, int[] ptr, int[] adjacency) {
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        int denseLimit = (int) Math.max(16, 10 * Math.sqrt(n));
        boolean[] dense = new boolean[n];
        int denseCount = 0;
        for (int i = 0; i < n; i++) {
            if (ptr[i + 1] - ptr[i] > denseLimit) {
                dense[i] = true;
                denseCount++;
            }
        }
        // Variable and element lists per node; status 0 variable, 1 live element, 2 absorbed.
        int[][] vars = new int[n][];
        int[] varLen = new int[n];
        int[][] elems = new int[n][];
        int[] elemLen = new int[n];
        int[][] members = new int[n][];
        byte[] status = new byte[n];
        int[] degree = new int[n];
        for (int i = 0; i < n; i++) {
            int[] list = new int[ptr[i + 1] - ptr[i]];
            int len = 0;
            if (!dense[i]) {
                for (int p = ptr[i]; p < ptr[i + 1]; p++) {
                    int j = adjacency[p];
                    if (j != i && !dense[j]) {
                        list[len++] = j;
                    }
                }
            }
            vars[i] = list;
            varLen[i] = len;
            elems[i] = new int[2];
            degree[i] = len;
        }
        // Degree buckets: doubly linked lists.
        int[] head = new int[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        Arrays.fill(head, -1);
        for (int i = n - 1; i >= 0; i--) {
            if (!dense[i]) {
                insert(i, degree[i], head, next, prev);
            }
        }
        int[] mark = new int[n];
        int[] wMark = new int[n];
        int[] w = new int[n];
        int stamp = 0;
        int[] lp = new int[n];
        int minDegree = 0;
        int remaining = n - denseCount;
        int k = 0;
        while (k < n - denseCount) {
            while (head[minDegree] < 0) {
                minDegree++;
            }
            int p = head[minDegree];
            remove(p, degree[p], head, next, prev);
            status[p] = 1;
            order[k++] = p;
            remaining--;
            stamp++;
            // Lp = (variables of p) ∪ (members of p's elements), minus p; p's elements are absorbed.
            int lpLen = 0;
            for (int q = 0; q < varLen[p]; q++) {
                int v = vars[p][q];
                if (status[v] == 0 && mark[v] != stamp) {
                    mark[v] = stamp;
                    lp[lpLen++] = v;
                }
            }
            for (int q = 0; q < elemLen[p]; q++) {
                int e = elems[p][q];
                if (status[e] != 1) {
                    continue;
                }
                int[] le = members[e];
                for (int v : le) {
                    if (status[v] == 0 && mark[v] != stamp) {
                        mark[v] = stamp;
                        lp[lpLen++] = v;
                    }
                }
                status[e] = 2;
                members[e] = null;
            }
            members[p] = Arrays.copyOf(lp, lpLen);
            vars[p] = null;
            elems[p] = null;
            // w[e] = |Le \ Lp| for every live element touching Lp.
            for (int q = 0; q < lpLen; q++) {
                int i = lp[q];
                for (int t = 0; t < elemLen[i]; t++) {
                    int e = elems[i][t];
                    if (status[e] != 1) {
                        continue;
                    }
                    if (wMark[e] != stamp) {
                        wMark[e] = stamp;
                        w[e] = members[e].length;
                    }
                    w[e]--;
                }
            }
            for (int q = 0; q < lpLen; q++) {
                int i = lp[q];
                int external = 0;
                int[] el = elems[i];
                int newLen = 0;
                for (int t = 0; t < elemLen[i]; t++) {
                    int e = el[t];
                    if (status[e] != 1) {
                        continue;
                    }
                    if (w[e] == 0) {
                        status[e] = 2; // Le ⊆ Lp: aggressive absorption into p
                        members[e] = null;
                        continue;
                    }
                    external += w[e];
                    el[newLen++] = e;
                }
                if (newLen == el.length) {
                    el = Arrays.copyOf(el, 2 * el.length + 1);
                    elems[i] = el;
                }
                el[newLen++] = p;
                elemLen[i] = newLen;
                int[] vl = vars[i];
                int vLen = 0;
                for (int t = 0; t < varLen[i]; t++) {
                    int v = vl[t];
                    if (status[v] == 0 && mark[v] != stamp) {
                        vl[vLen++] = v; // variables of Lp are now reached through element p
                    }
                }
                varLen[i] = vLen;
                int bound = vLen + (lpLen - 1) + external;
                int d = Math.min(Math.min(bound, degree[i] + lpLen - 1), remaining - 1);
                d = Math.max(d, 0);
                remove(i, degree[i], head, next, prev);
                degree[i] = d;
                insert(i, d, head, next, prev);
                if (d < minDegree) {
                    minDegree = d;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (dense[i]) {
                order[k++] = i;
            }
        }
        return order;
    }

    private static void insert(int i, int d, int[] head, int[] next, int[] prev) {
        int h = head[d];
        next[i] = h;
        prev[i] = -1;
        if (h >= 0) {
            prev[h] = i;
        }
        head[d] = i;
    }

    private static void remove(int i, int d, int[] head, int[] next, int[] prev) {
        if (prev[i] >= 0) {
            next[prev[i]] = next[i];
        } else {
            head[d] = next[i];
        }
        if (next[i] >= 0) {
            prev[next[i]] = prev[i];
        }
    }
}
