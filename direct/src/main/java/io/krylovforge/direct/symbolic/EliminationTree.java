package io.krylovforge.direct.symbolic;

import io.krylovforge.direct.ordering.SymmetricPattern;
import java.util.Arrays;

/**
 * Elimination tree of P·A·Pᵀ, its postorder and the column counts of its Cholesky factor.
 *
 * <p>References: J. W. H. Liu, The role of elimination trees in sparse factorization, SIAM J.
 * Matrix Anal. Appl. 11 (1990) 134–172 (tree with path compression); J. R. Gilbert, E. G. Ng,
 * B. W. Peyton, An efficient algorithm to compute row and column counts for sparse Cholesky
 * factorization, SIAM J. Matrix Anal. Appl. 15 (1994) 1075–1091 (counts from the skeleton
 * matrix by least common ancestors, as in Davis's cs_counts).
 */
public final class EliminationTree {

    private EliminationTree() {
    }

    /**
     * parent[k] of column k of P·A·Pᵀ (−1 for a root), where perm[k] is the original index of
     * permuted column k and inverse is perm's inverse.
     */
    public static int[] parents(SymmetricPattern g, int[] perm, int[] inverse) {
        int n = g.size();
        int[] parent = new int[n];
        int[] ancestor = new int[n];
        for (int k = 0; k < n; k++) {
            parent[k] = -1;
            ancestor[k] = -1;
            int col = perm[k];
            for (int p = g.start(col); p < g.end(col); p++) {
                int i = inverse[g.neighbour(p)];
                // Walk from i to the root of its current subtree, compressing the path to k.
                while (i != -1 && i < k) {
                    int up = ancestor[i];
                    ancestor[i] = k;
                    if (up == -1) {
                        parent[i] = k;
                    }
                    i = up;
                }
            }
        }
        return parent;
    }

    /** A postorder of the forest: post[k] is the k-th node visited (children before parents). */
    public static int[] postorder(int[] parent) {
        int n = parent.length;
        int[] head = new int[n];
        int[] next = new int[n];
        int[] stack = new int[n];
        Arrays.fill(head, -1);
        for (int j = n - 1; j >= 0; j--) {
            if (parent[j] != -1) {
                next[j] = head[parent[j]];
                head[parent[j]] = j;
            }
        }
        int[] post = new int[n];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (parent[j] != -1) {
                continue;
            }
            int top = 0;
            stack[0] = j;
            while (top >= 0) {
                int p = stack[top];
                int i = head[p];
                if (i == -1) {
                    top--;
                    post[k++] = p;
                } else {
                    head[p] = next[i];
                    stack[++top] = i;
                }
            }
        }
        return post;
    }

    /**
     * Column counts of L (diagonal included) for P·A·Pᵀ, given its elimination tree and a
     * postorder of it.
     */
    public static int[] columnCounts(SymmetricPattern g, int[] perm, int[] inverse, int[] parent,
            int[] post) {
        int n = g.size();
        int[] delta = new int[n];
        int[] first = new int[n];
        int[] maxFirst = new int[n];
        int[] prevLeaf = new int[n];
        int[] ancestor = new int[n];
        Arrays.fill(first, -1);
        Arrays.fill(maxFirst, -1);
        Arrays.fill(prevLeaf, -1);
        for (int k = 0; k < n; k++) {
            int j = post[k];
            delta[j] = first[j] == -1 ? 1 : 0; // j is a leaf of the tree
            for (; j != -1 && first[j] == -1; j = parent[j]) {
                first[j] = k;
            }
        }
        for (int i = 0; i < n; i++) {
            ancestor[i] = i;
        }
        for (int k = 0; k < n; k++) {
            int j = post[k];
            if (parent[j] != -1) {
                delta[parent[j]]--;
            }
            int col = perm[j];
            for (int p = g.start(col); p < g.end(col); p++) {
                int i = inverse[g.neighbour(p)];
                // cs_leaf: is j a leaf of the i-th row subtree, and which kind?
                if (i <= j || first[j] <= maxFirst[i]) {
                    continue;
                }
                maxFirst[i] = first[j];
                int jprev = prevLeaf[i];
                prevLeaf[i] = j;
                delta[j]++;
                if (jprev != -1) {
                    int q = jprev;
                    while (q != ancestor[q]) {
                        q = ancestor[q];
                    }
                    for (int s = jprev, sparent; s != q; s = sparent) {
                        sparent = ancestor[s];
                        ancestor[s] = q;
                    }
                    delta[q]--; // q is the least common ancestor of jprev and j
                }
            }
            if (parent[j] != -1) {
                ancestor[j] = parent[j];
            }
        }
        for (int j = 0; j < n; j++) {
            if (parent[j] != -1) {
                delta[parent[j]] += delta[j];
            }
        }
        return delta;
    }
}
