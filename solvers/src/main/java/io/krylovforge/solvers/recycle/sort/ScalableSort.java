package io.krylovforge.solvers.recycle.sort;

import java.util.Arrays;
import java.util.Random;

/**
 * Near-greedy ordering for 10⁵–10⁷ systems (the SKR paper's proposal for large datasets, §3.2:
 * dimension reduction, space-filling-curve "fractal division" into groups, greedy sort inside
 * each group, concatenation).
 *
 * <ol>
 *   <li>Random projection (seeded Gaussian) of each d-long parameter array to p = min(d, 8)
 *       coordinates, then PCA of those p coordinates (p×p covariance, Commons-free Jacobi
 *       eigen-solver) to the top two.</li>
 *   <li>2-D Hilbert-curve index (2¹⁶ cells per axis) of the two normalised coordinates; sort by it.
 *       This is a 2-D Hilbert curve on the top-2 projected coordinates, not a d-dimensional one:
 *       systems that differ only in the discarded directions may land in one group, which the
 *       greedy pass inside the group then sorts out.</li>
 *   <li>Cut the curve order into groups of G (default 2000) and run {@link GreedySort}'s chain in
 *       each group, starting each group at the system closest to the end of the previous chain.</li>
 * </ol>
 * Cost: O(N·d·p) for the projection, O(N log N) for the curve sort, O(N·G·d) for the groups;
 * memory O(N·p). With G = 2000 and d = 10³ this is about 2·10⁹·N/10³ flops per 10³ systems,
 * linear in N, where {@link GreedySort} is quadratic. The result depends only on the data, G and
 * the seed.
 */
public final class ScalableSort implements SequenceSorter {
    /** Default group size G. */
    public static final int DEFAULT_GROUP = 2000;
    private static final int PROJECTED = 8;
    private static final int HILBERT_ORDER = 16;

    private final int group;
    private final long seed;

    /** G = 2000, seed 0. */
    public ScalableSort() {
        this(DEFAULT_GROUP, 0L);
    }

    /**
     * @param group systems per greedy group G (≥ 1)
     * @param seed  seed of the random projection
     */
    public ScalableSort(int group, long seed) {
        if (group < 1) {
            throw new IllegalArgumentException("group size must be >= 1, got " + group);
        }
        this.group = group;
        this.seed = seed;
    }

    @Override
    public int[] order(double[][] params) {
        int d = SequenceSorter.checkParams(params);
        int count = params.length;
        if (count <= group) {
            return new GreedySort().order(params);
        }
        double[][] xy = project2(params, d);
        long[] key = new long[count];
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            minX = Math.min(minX, xy[0][i]);
            maxX = Math.max(maxX, xy[0][i]);
            minY = Math.min(minY, xy[1][i]);
            maxY = Math.max(maxY, xy[1][i]);
        }
        int side = 1 << HILBERT_ORDER;
        double sx = maxX > minX ? (side - 1) / (maxX - minX) : 0.0;
        double sy = maxY > minY ? (side - 1) / (maxY - minY) : 0.0;
        for (int i = 0; i < count; i++) {
            int cx = (int) ((xy[0][i] - minX) * sx);
            int cy = (int) ((xy[1][i] - minY) * sy);
            // key = curve position in the high bits, index in the low bits: one primitive sort
            key[i] = (hilbert(side, cx, cy) << 24) | i;
        }
        if (count >= 1 << 24) {
            return orderLarge(params, key, xy);
        }
        Arrays.sort(key);
        int[] curve = new int[count];
        for (int i = 0; i < count; i++) {
            curve[i] = (int) (key[i] & ((1 << 24) - 1));
        }
        return groups(params, curve);
    }

    /** Same as order() for N ≥ 2²⁴ systems, where the index no longer fits beside the key. */
    private int[] orderLarge(double[][] params, long[] key, double[][] xy) {
        int count = params.length;
        Integer[] boxed = new Integer[count];
        long[] h = new long[count];
        for (int i = 0; i < count; i++) {
            boxed[i] = i;
            h[i] = key[i] >>> 24;
        }
        Arrays.sort(boxed, (p, q) -> h[p] != h[q] ? Long.compare(h[p], h[q]) : Integer.compare(p, q));
        int[] curve = new int[count];
        for (int i = 0; i < count; i++) {
            curve[i] = boxed[i];
        }
        return groups(params, curve);
    }

    private int[] groups(double[][] params, int[] curve) {
        int count = curve.length;
        int[] out = new int[count];
        int pos = 0;
        int prev = -1;
        for (int from = 0; from < count; from += group) {
            int to = Math.min(count, from + group);
            int start = 0;
            if (prev >= 0) {
                double best = Double.POSITIVE_INFINITY;
                for (int t = from; t < to; t++) {
                    double dd = SequenceSorter.squaredDistance(params[prev], params[curve[t]]);
                    if (dd < best) {
                        best = dd;
                        start = t - from;
                    }
                }
            }
            int[] chain = GreedySort.chain(params, curve, from, to, start);
            System.arraycopy(chain, 0, out, pos, chain.length);
            pos += chain.length;
            prev = chain[chain.length - 1];
        }
        return out;
    }

    /** Seeded random projection to p coordinates, then PCA to the top two: returns [2][N]. */
    private double[][] project2(double[][] params, int d) {
        int count = params.length;
        int p = Math.max(1, Math.min(d, PROJECTED));
        Random rnd = new Random(seed);
        double[][] r = new double[p][d];
        for (int a = 0; a < p; a++) {
            for (int j = 0; j < d; j++) {
                r[a][j] = rnd.nextGaussian();
            }
        }
        double[][] y = new double[p][count];
        double[] mean = new double[p];
        for (int i = 0; i < count; i++) {
            double[] x = params[i];
            for (int a = 0; a < p; a++) {
                double s = 0.0;
                double[] ra = r[a];
                for (int j = 0; j < d; j++) {
                    s += ra[j] * x[j];
                }
                y[a][i] = s;
                mean[a] += s;
            }
        }
        double[][] cov = new double[p][p];
        for (int a = 0; a < p; a++) {
            mean[a] /= count;
        }
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < p; a++) {
                double ya = y[a][i] - mean[a];
                for (int b = 0; b <= a; b++) {
                    cov[a][b] += ya * (y[b][i] - mean[b]);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                cov[b][a] = cov[a][b];
            }
        }
        double[][] vecs = jacobiEigen(cov, p);
        double[][] out = new double[2][count];
        for (int c = 0; c < 2; c++) {
            if (c >= p) {
                break;
            }
            double[] v = vecs[c];
            for (int i = 0; i < count; i++) {
                double s = 0.0;
                for (int a = 0; a < p; a++) {
                    s += v[a] * (y[a][i] - mean[a]);
                }
                out[c][i] = s;
            }
        }
        return out;
    }

    /** Eigenvectors of a small symmetric matrix by cyclic Jacobi, sorted by decreasing eigenvalue. */
    static double[][] jacobiEigen(double[][] a0, int p) {
        double[][] a = new double[p][];
        double[][] v = new double[p][p];
        for (int i = 0; i < p; i++) {
            a[i] = a0[i].clone();
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0.0;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off == 0.0) {
                break;
            }
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    if (a[i][j] == 0.0) {
                        continue;
                    }
                    double theta = (a[j][j] - a[i][i]) / (2 * a[i][j]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int q = 0; q < p; q++) { // columns i, j of A
                        double aqi = a[q][i];
                        double aqj = a[q][j];
                        a[q][i] = c * aqi - s * aqj;
                        a[q][j] = s * aqi + c * aqj;
                    }
                    for (int q = 0; q < p; q++) { // rows i, j of A
                        double aiq = a[i][q];
                        double ajq = a[j][q];
                        a[i][q] = c * aiq - s * ajq;
                        a[j][q] = s * aiq + c * ajq;
                    }
                    for (int q = 0; q < p; q++) {
                        double vqi = v[q][i];
                        double vqj = v[q][j];
                        v[q][i] = c * vqi - s * vqj;
                        v[q][j] = s * vqi + c * vqj;
                    }
                }
            }
        }
        Integer[] ord = new Integer[p];
        for (int i = 0; i < p; i++) {
            ord[i] = i;
        }
        Arrays.sort(ord, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[][] out = new double[p][p];
        for (int c = 0; c < p; c++) {
            for (int q = 0; q < p; q++) {
                out[c][q] = v[q][ord[c]];
            }
        }
        return out;
    }

    /** Position of cell (x, y) along the Hilbert curve filling a side×side grid (side a power of 2). */
    static long hilbert(int side, int x, int y) {
        long d = 0;
        for (int s = side / 2; s > 0; s /= 2) {
            int rx = (x & s) > 0 ? 1 : 0;
            int ry = (y & s) > 0 ? 1 : 0;
            d += (long) s * s * ((3 * rx) ^ ry);
            if (ry == 0) { // rotate the quadrant
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                int t = x;
                x = y;
                y = t;
            }
        }
        return d;
    }
}
