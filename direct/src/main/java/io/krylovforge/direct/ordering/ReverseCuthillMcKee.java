package io.krylovforge.direct.ordering;

/**
 * Reverse Cuthill–McKee: breadth-first search from a pseudo-peripheral vertex of each connected
 * component (George–Liu), neighbours visited by increasing degree, the final order reversed.
 * Reference: A. George, J. W. H. Liu, Computer Solution of Large Sparse Positive Definite
 * Systems, Prentice-Hall 1981, ch. 4.
 */
public final class ReverseCuthillMcKee implements Ordering {

    @Override
    public String name() {
        return "rcm";
    }

    @Override
    public int[] order(SymmetricPattern g) {
        int n = g.size();
        int[] order = new int[n];
        boolean[] visited = new boolean[n];
        int[] level = new int[n];
        int[] queue = new int[n + 1];
        int done = 0;
        for (int s = 0; s < n; s++) {
            if (visited[s]) {
                continue;
            }
            int root = pseudoPeripheral(g, s, level, queue);
            // Cuthill–McKee sweep of the component from root.
            int head = done;
            int tail = done;
            order[tail++] = root;
            visited[root] = true;
            while (head < tail) {
                int v = order[head++];
                int first = tail;
                for (int p = g.start(v); p < g.end(v); p++) {
                    int u = g.neighbour(p);
                    if (!visited[u]) {
                        visited[u] = true;
                        order[tail++] = u;
                    }
                }
                sortByDegree(g, order, first, tail);
            }
            done = tail;
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Insertion sort by degree (neighbour lists are short), stable so ties keep index order. */
    private static void sortByDegree(SymmetricPattern g, int[] a, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int v = a[i];
            int d = g.degree(v);
            int j = i - 1;
            while (j >= from && g.degree(a[j]) > d) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** George–Liu: repeat BFS from a minimum-degree vertex of the last level while the depth grows. */
    private static int pseudoPeripheral(SymmetricPattern g, int start, int[] level, int[] queue) {
        int root = start;
        int depth = bfsDepth(g, root, level, queue);
        while (true) {
            int size = queue[0]; // number reached, stored by bfsDepth
            int best = -1;
            for (int q = 1; q <= size; q++) {
                int v = queue[q];
                if (level[v] == depth && (best < 0 || g.degree(v) < g.degree(best))) {
                    best = v;
                }
            }
            int d = bfsDepth(g, best, level, queue);
            if (d <= depth) {
                bfsDepth(g, root, level, queue); // leave no stale marks behind
                clear(level, queue);
                return root;
            }
            root = best;
            depth = d;
        }
    }

    /** BFS levels from root; queue[0] = count, queue[1..count] = the vertices reached. */
    private static int bfsDepth(SymmetricPattern g, int root, int[] level, int[] queue) {
        clear(level, queue);
        int head = 1;
        int tail = 1;
        queue[tail++] = root;
        level[root] = 1;
        int depth = 1;
        while (head < tail) {
            int v = queue[head++];
            for (int p = g.start(v); p < g.end(v); p++) {
                int u = g.neighbour(p);
                if (level[u] == 0) {
                    level[u] = level[v] + 1;
                    depth = Math.max(depth, level[u]);
                    queue[tail++] = u;
                }
            }
        }
        queue[0] = tail - 1;
        return depth;
    }

    private static void clear(int[] level, int[] queue) {
        int count = queue[0];
        for (int q = 1; q <= count; q++) {
            level[queue[q]] = 0;
        }
        queue[0] = 0;
    }
}
