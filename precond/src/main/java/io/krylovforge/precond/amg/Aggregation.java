package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import java.util.Arrays;

/**
 * Standard (greedy) aggregation of the strength graph, as PyAMG's
 * {@code standard_aggregation}:
 * <ol>
 * <li>pass 1: every node none of whose strong neighbours is aggregated yet becomes the root of
 * a new aggregate holding itself and all its neighbours;</li>
 * <li>pass 2: each node still free joins the aggregate of a neighbour aggregated in pass 1;</li>
 * <li>pass 3: each node still free roots a new aggregate with its free neighbours.</li>
 * </ol>
 * Isolated nodes (no strong neighbours) belong to no aggregate (index −1), so their row of the
 * tentative prolongator is empty, as in PyAMG.
 *
 * <p>Reference: Vaněk, Mandel, Brezina, Computing 56 (1996), §3; PyAMG
 * {@code amg_core/smoothed_aggregation.h: standard_aggregation}.
 *
 * @param index aggregate of every node, or −1 for isolated nodes
 * @param count number of aggregates
 * @param roots the root node of every aggregate
 */
public record Aggregation(int[] index, int count, int[] roots) {

    /** Aggregates of the strength graph S (diagonal entries, if any, are ignored). */
    public static Aggregation standard(CsrMatrix s) {
        final int n = s.rows();
        final int[] ptr = s.rowPtr();
        final int[] col = s.colIdx();
        // x[i] > 0: member of aggregate x-1 (pass 1); x[i] < 0: pass-2 member of -x-1;
        // x[i] == -n-1 (sentinel): isolated; 0: free.
        int[] x = new int[n];
        int[] roots = new int[n];
        final int isolated = Integer.MIN_VALUE;
        int next = 1;
        for (int i = 0; i < n; i++) {
            if (x[i] != 0) {
                continue;
            }
            boolean hasNeighbours = false;
            boolean hasAggregated = false;
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                int j = col[k];
                if (j != i) {
                    hasNeighbours = true;
                    if (x[j] != 0) {
                        hasAggregated = true;
                        break;
                    }
                }
            }
            if (!hasNeighbours) {
                x[i] = isolated;
            } else if (!hasAggregated) {
                x[i] = next;
                roots[next - 1] = i;
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    x[col[k]] = next;
                }
                next++;
            }
        }
        for (int i = 0; i < n; i++) { // pass 2
            if (x[i] != 0) {
                continue;
            }
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                int xj = x[col[k]];
                if (xj > 0) {
                    x[i] = -xj;
                    break;
                }
            }
        }
        next--;
        for (int i = 0; i < n; i++) { // pass 3, and map to 0-based indices
            int xi = x[i];
            if (xi != 0) {
                if (xi == isolated) {
                    x[i] = -1;
                } else if (xi > 0) {
                    x[i] = xi - 1;
                } else {
                    x[i] = -xi - 1;
                }
                continue;
            }
            x[i] = next;
            roots[next] = i;
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                int j = col[k];
                if (x[j] == 0) {
                    x[j] = next;
                }
            }
            next++;
        }
        return new Aggregation(x, next, Arrays.copyOf(roots, next));
    }

    /** {@return the number of nodes in each aggregate} */
    public int[] sizes() {
        int[] size = new int[count];
        for (int a : index) {
            if (a >= 0) {
                size[a]++;
            }
        }
        return size;
    }
}
