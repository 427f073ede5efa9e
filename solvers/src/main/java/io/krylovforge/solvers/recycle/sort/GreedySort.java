package io.krylovforge.solvers.recycle.sort;

/**
 * Greedy nearest-neighbour chain (SKR paper, Alg. 1; {@code seq_generator} in its code): start at
 * system 0, then repeatedly append the unvisited system whose parameter array is closest in
 * Frobenius norm to the last one appended. Ties go to the lower index.
 *
 * <p>Cost O(N²·d) time, O(N) extra memory: fine up to some 10⁴ systems; use
 * {@link ScalableSort} beyond.
 *
 * <p>Reference: H. Wang et al., "Accelerating data generation for neural operators via Krylov
 * subspace recycling", ICLR 2024, Algorithm 1.
 */
public final class GreedySort implements SequenceSorter {
    @Override
    public int[] order(double[][] params) {
        SequenceSorter.checkParams(params);
        int count = params.length;
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        return chain(params, idx, 0, count, 0);
    }

    /**
     * Greedy chain over the systems {@code idx[from..to)}, starting with {@code idx[from + start]};
     * returns them in chain order (a new array of length to − from).
     */
    static int[] chain(double[][] params, int[] idx, int from, int to, int start) {
        int len = to - from;
        int[] out = new int[len];
        if (len == 0) {
            return out;
        }
        int[] rest = new int[len];
        System.arraycopy(idx, from, rest, 0, len);
        int alive = len;
        // the chain starts at rest[start]; swap it out of the unvisited part
        int cur = rest[start];
        rest[start] = rest[--alive];
        out[0] = cur;
        for (int pos = 1; pos < len; pos++) {
            double[] pc = params[cur];
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int t = 0; t < alive; t++) {
                double dd = SequenceSorter.squaredDistance(pc, params[rest[t]]);
                if (dd < bestD || dd == bestD && rest[t] < rest[best]) {
                    bestD = dd;
                    best = t;
                }
            }
            if (best < 0) {
                best = 0; // NaN distances: take any, the order stays a permutation
            }
            cur = rest[best];
            rest[best] = rest[--alive];
            out[pos] = cur;
        }
        return out;
    }
}
