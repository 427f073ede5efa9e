package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import java.util.Arrays;

/**
 * Keeps the likely 2×2 pivots of a symmetric indefinite matrix inside one supernode, where
 * {@link Ldlt}'s Bunch–Kaufman search can find them: each column whose diagonal is weak (below
 * {@link #WEAK_DIAGONAL} of its largest off-diagonal, e.g. the zero block of a KKT matrix) is
 * paired with its unpaired neighbour of largest magnitude; the pairs are ordered as single
 * vertices of a compressed graph and placed next to each other, and both columns of a pair get
 * the union of their neighbours in the pattern given to the symbolic analysis, which makes the
 * pair one fundamental supernode. This is the matching-based compression of PARDISO
 * (O. Schenk, K. Gärtner, ETNA 23, 2006) with a greedy matching instead of a weighted one.
 */
final class PivotPairs {
    /** A diagonal below this fraction of its column's largest off-diagonal magnitude asks for a partner. */
    static final double WEAK_DIAGONAL = 1e-3;

    private final int n;
    /** partner[i]: the column paired with i, or −1. */
    private final int[] partner;
    private final int pairs;

    private PivotPairs(int n, int[] partner, int pairs) {
        this.n = n;
        this.partner = partner;
        this.pairs = pairs;
    }

    /** No pairs: the ordering and pattern are used as they are. */
    static PivotPairs none(int n) {
        int[] partner = new int[n];
        Arrays.fill(partner, -1);
        return new PivotPairs(n, partner, 0);
    }

    /**
     * Greedy pairing from the values of S·A·S ({@link SymmetricScaling}); either triangle or both
     * may be stored.
     */
    static PivotPairs of(CsrMatrix a) {
        int n = a.rows();
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        double[] v = a.values();
        double[] scale = new double[n];
        double[] offMax = new double[n];
        SymmetricScaling.compute(a, scale, offMax);
        Arrays.fill(offMax, 0.0);
        double[] diagonal = new double[n];
        for (int i = 0; i < n; i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                double m = Math.abs(v[p]) * scale[i] * scale[j];
                if (j == i) {
                    diagonal[i] += m;
                } else {
                    offMax[i] = Math.max(offMax[i], m);
                    offMax[j] = Math.max(offMax[j], m);
                }
            }
        }
        SymmetricPattern g = SymmetricPattern.of(a);
        int[] adjacency = g.indices();
        // |s_i·a_ij·s_j| by the A+Aᵀ adjacency, so a one-triangle file pairs as well as a full one.
        double[] weight = new double[g.entries()];
        for (int i = 0; i < n; i++) {
            for (int p = rp[i]; p < rp[i + 1]; p++) {
                int j = ci[p];
                if (j != i) {
                    double m = Math.abs(v[p]) * scale[i] * scale[j];
                    int q = Arrays.binarySearch(adjacency, g.start(i), g.end(i), j);
                    weight[q] = Math.max(weight[q], m);
                    q = Arrays.binarySearch(adjacency, g.start(j), g.end(j), i);
                    weight[q] = Math.max(weight[q], m);
                }
            }
        }
        int[] partner = new int[n];
        Arrays.fill(partner, -1);
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            if (partner[i] >= 0 || !(diagonal[i] < WEAK_DIAGONAL * offMax[i])) {
                continue;
            }
            int best = -1;
            double bestWeight = 0.0;
            for (int p = g.start(i); p < g.end(i); p++) {
                int j = g.neighbour(p);
                if (partner[j] < 0 && weight[p] > bestWeight) {
                    best = j;
                    bestWeight = weight[p];
                }
            }
            if (best >= 0) {
                partner[i] = best;
                partner[best] = i;
                pairs++;
            }
        }
        return new PivotPairs(n, partner, pairs);
    }

    /** Number of pairs found. */
    int pairs() {
        return pairs;
    }

    /**
     * The given ordering applied to the graph with each pair contracted to one vertex, expanded so
     * that the two columns of a pair are consecutive. With no pairs this is the ordering itself.
     */
    Ordering wrap(Ordering inner) {
        if (pairs == 0) {
            return inner;
        }
        return new Ordering() {
            @Override
            public int[] order(SymmetricPattern pattern) {
                return compressedOrder(pattern, inner);
            }

            @Override
            public String name() {
                return inner.name() + "+pairs";
            }
        };
    }

    private int[] compressedOrder(SymmetricPattern g, Ordering inner) {
        int[] vertexOf = new int[n];
        int[] first = new int[n - pairs];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (partner[i] < 0 || partner[i] > i) {
                vertexOf[i] = m;
                first[m++] = i;
            } else {
                vertexOf[i] = vertexOf[partner[i]];
            }
        }
        int[] ptr = new int[m + 1];
        int[] idx = new int[g.entries()];
        int len = 0;
        int[] mark = new int[m];
        Arrays.fill(mark, -1);
        for (int u = 0; u < m; u++) {
            mark[u] = u;
            int i = first[u];
            len = addNeighbours(g, i, vertexOf, mark, u, idx, len);
            if (partner[i] >= 0) {
                len = addNeighbours(g, partner[i], vertexOf, mark, u, idx, len);
            }
            ptr[u + 1] = len;
        }
        SymmetricPattern compressed = SymmetricPattern.of(m, ptr, Arrays.copyOf(idx, len));
        int[] coarse;
        try {
            coarse = inner.order(compressed);
        } catch (IllegalArgumentException e) {
            coarse = Ordering.amd().order(compressed); // e.g. a grid-shape hint that no longer fits
        }
        int[] order = new int[n];
        int k = 0;
        for (int u : coarse) {
            int i = first[u];
            order[k++] = i;
            if (partner[i] >= 0) {
                order[k++] = partner[i];
            }
        }
        return order;
    }

    private static int addNeighbours(SymmetricPattern g, int i, int[] vertexOf, int[] mark, int u,
            int[] idx, int len) {
        for (int p = g.start(i); p < g.end(i); p++) {
            int w = vertexOf[g.neighbour(p)];
            if (mark[w] != u) {
                mark[w] = u;
                idx[len++] = w;
            }
        }
        return len;
    }

    /**
     * The pattern of A+Aᵀ with both columns of every pair given the union of their neighbours
     * (and each other): a superset of A's pattern, so the factor has room for all of A.
     */
    SymmetricPattern augment(SymmetricPattern g) {
        if (pairs == 0) {
            return g;
        }
        int[] ptr = new int[n + 1];
        int[] idx = new int[2 * g.entries() + 2 * n];
        int len = 0;
        for (int i = 0; i < n; i++) {
            int start = len;
            for (int p = g.start(i); p < g.end(i); p++) {
                idx[len++] = g.neighbour(p);
            }
            int j = partner[i];
            if (j >= 0) {
                idx[len++] = j;
                for (int p = g.start(j); p < g.end(j); p++) {
                    if (g.neighbour(p) != i) {
                        idx[len++] = g.neighbour(p);
                    }
                }
            }
            Arrays.sort(idx, start, len);
            int out = start;
            for (int p = start; p < len; p++) {
                if (out == start || idx[out - 1] != idx[p]) {
                    idx[out++] = idx[p];
                }
            }
            len = out;
            ptr[i + 1] = len;
        }
        return SymmetricPattern.of(n, ptr, Arrays.copyOf(idx, len));
    }
}
