package io.krylovforge.direct.ordering;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.Arrays;

/**
 * The adjacency graph of A + Aᵀ without the diagonal, in compressed form: the neighbours of
 * vertex j are {@code index[pointer[j] .. pointer[j+1]-1]}, sorted increasingly. This is the input of
 * every symmetric ordering and of the symbolic analysis.
 */
public final class SymmetricPattern {
    private final int n;
    private final int[] pointer;
    private final int[] index;

    private SymmetricPattern(int n, int[] pointer, int[] index) {
        this.n = n;
        this.pointer = pointer;
        this.index = index;
    }

    /** Row pointers without a copy, for the orderings of this package (never modified). */
    int[] rawPointers() {
        return pointer;
    }

    /** Neighbour lists without a copy, for the orderings of this package (never modified). */
    int[] rawIndices() {
        return index;
    }

    /** The pattern of A + Aᵀ (A square; values are ignored). */
    public static SymmetricPattern of(CsrMatrix a) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException(
                    "a symmetric ordering needs a square matrix, got " + a.rows() + "x" + a.cols());
        }
        return of(a.rows(), a.rowPtr(), a.colIdx());
    }

    /** The pattern of A + Aᵀ for the CSR pattern (rowPtr, colIdx) of an n×n matrix. */
    public static SymmetricPattern of(int n, int[] rowPtr, int[] colIdx) {
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
        int[] fill = count.clone();
        int[] both = new int[count[n]];
        for (int i = 0; i < n; i++) {
            for (int p = rowPtr[i]; p < rowPtr[i + 1]; p++) {
                int j = colIdx[p];
                if (j != i) {
                    both[fill[i]++] = j;
                    both[fill[j]++] = i;
                }
            }
        }
        // Sort each list and drop the duplicates that symmetric storage produces.
        int[] pointer = new int[n + 1];
        int out = 0;
        for (int j = 0; j < n; j++) {
            Arrays.sort(both, count[j], count[j + 1]);
            int start = out;
            for (int p = count[j]; p < count[j + 1]; p++) {
                if (out == start || both[out - 1] != both[p]) {
                    both[out++] = both[p];
                }
            }
            pointer[j + 1] = out;
        }
        return new SymmetricPattern(n, pointer, Arrays.copyOf(both, out));
    }

    /** Number of vertices (the matrix order). */
    public int size() {
        return n;
    }

    /** Number of stored adjacency entries (twice the off-diagonal edges). */
    public int entries() {
        return pointer[n];
    }

    /** Degree of vertex j. */
    public int degree(int j) {
        return pointer[j + 1] - pointer[j];
    }

    /** Start of vertex j's neighbour list in {@link #index}. */
    public int start(int j) {
        return pointer[j];
    }

    /** End (exclusive) of vertex j's neighbour list in {@link #index}. */
    public int end(int j) {
        return pointer[j + 1];
    }

    /** The neighbour at position p (between start(j) and end(j)). */
    public int neighbour(int p) {
        return index[p];
    }

    /** Copy of the pointer array (length n+1). */
    public int[] pointers() {
        return pointer.clone();
    }

    /** Copy of the neighbour array. */
    public int[] indices() {
        return index.clone();
    }
}
