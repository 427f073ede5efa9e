package io.krylovforge.solvers.recycle.sort;

/**
 * Orders a sequence of systems by their parameter arrays so that neighbours are similar (SKR
 * paper, Alg. 1): recycling then carries the most useful subspace from one solve to the next.
 */
public interface SequenceSorter {
    /**
     * Returns a permutation: {@code order[i]} is the index of the system solved i-th.
     *
     * @param params one flattened parameter array per system, all of the same length d
     */
    int[] order(double[][] params);

    /** Sum of Frobenius (Euclidean) distances between consecutive systems in {@code order}. */
    static double pathLength(double[][] params, int[] order) {
        double total = 0.0;
        for (int i = 1; i < order.length; i++) {
            total += Math.sqrt(squaredDistance(params[order[i - 1]], params[order[i]]));
        }
        return total;
    }

    /** ‖p − q‖² (Frobenius norm of the difference of two parameter fields). */
    static double squaredDistance(double[] p, double[] q) {
        double s = 0.0;
        for (int i = 0, d = p.length; i < d; i++) {
            double t = p[i] - q[i];
            s += t * t;
        }
        return s;
    }

    /** Checks that all parameter arrays exist and have one length; returns it (0 if none). */
    static int checkParams(double[][] params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        int d = params.length == 0 ? 0 : checkRow(params, 0, -1);
        for (int i = 1; i < params.length; i++) {
            checkRow(params, i, d);
        }
        return d;
    }

    private static int checkRow(double[][] params, int i, int d) {
        if (params[i] == null) {
            throw new IllegalArgumentException("parameter array " + i + " is null");
        }
        if (d >= 0 && params[i].length != d) {
            throw new IllegalArgumentException("parameter array " + i + " has length " + params[i].length
                    + " but array 0 has " + d);
        }
        return params[i].length;
    }
}
