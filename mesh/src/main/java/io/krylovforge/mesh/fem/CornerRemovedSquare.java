package io.krylovforge.mesh.fem;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random member of NPSolver's "corner-removed square" family: the unit square with 0–4
 * rectangular cut-outs at its corners, each of random width and height. Every edge of the boundary
 * polygon is its own <em>segment</em>, tagged 0 … {@link #segmentCount()}−1 in counter-clockwise
 * order, so a boundary condition can be chosen per segment (see {@link MixedBoundaryPoisson}).
 *
 * <p>Cut sizes are drawn uniformly from [{@link #MIN_CUT}, {@link #MAX_CUT}]; since 2·MAX_CUT &lt; 1
 * neighbouring cut-outs never touch, so the polygon is always simple.
 *
 * <p>Reference: Zeng et al., NPSolver: Neural Poisson Solver with Iterative Physics Supervision
 * (KDD 2026), §3.3 and its {@code corner0 … corner4} mesh families.
 */
public final class CornerRemovedSquare {
    /** Smallest side of a cut-out. */
    public static final double MIN_CUT = 0.1;
    /** Largest side of a cut-out. */
    public static final double MAX_CUT = 0.35;

    private final PlanarDomain domain;
    private final int cuts;

    private CornerRemovedSquare(PlanarDomain domain, int cuts) {
        this.domain = domain;
        this.cuts = cuts;
    }

    /** A random member: the number of cut corners uniform in 0..4, which corners and sizes seeded. */
    public static CornerRemovedSquare random(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return random(rnd.nextInt(5), rnd);
    }

    /** A random member with exactly {@code corners} (0..4) cut corners. */
    public static CornerRemovedSquare random(int corners, long seed) {
        return random(corners, new SplittableRandom(seed));
    }

    private static CornerRemovedSquare random(int corners, SplittableRandom rnd) {
        if (corners < 0 || corners > 4) {
            throw new IllegalArgumentException("number of cut corners must be in 0..4, got " + corners);
        }
        // choose which corners: a seeded partial Fisher–Yates shuffle of 0..3
        int[] order = {0, 1, 2, 3};
        for (int i = 0; i < corners; i++) {
            int j = i + rnd.nextInt(4 - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double[] w = new double[4];
        double[] h = new double[4];
        for (int i = 0; i < corners; i++) {
            w[order[i]] = MIN_CUT + (MAX_CUT - MIN_CUT) * rnd.nextDouble();
            h[order[i]] = MIN_CUT + (MAX_CUT - MIN_CUT) * rnd.nextDouble();
        }
        return of(w, h);
    }

    /**
     * The unit square with a w[k]×h[k] rectangle removed at corner k (order (0,0), (1,0), (1,1),
     * (0,1)); w[k] = h[k] = 0 keeps the corner.
     */
    public static CornerRemovedSquare of(double[] w, double[] h) {
        if (w.length != 4 || h.length != 4) {
            throw new IllegalArgumentException("need 4 widths and 4 heights, got " + w.length + " and " + h.length);
        }
        double[][] cx = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        List<double[]> pts = new ArrayList<>();
        int cuts = 0;
        for (int k = 0; k < 4; k++) {
            boolean cut = w[k] != 0 || h[k] != 0;
            if (cut && !(w[k] > 0 && w[k] < 0.5 && h[k] > 0 && h[k] < 0.5)) {
                throw new IllegalArgumentException("cut-out " + k + " must be in (0, 0.5)², got " + w[k] + " × " + h[k]);
            }
            double[] p = cx[k];
            if (!cut) {
                pts.add(p);
                continue;
            }
            cuts++;
            double[] prev = cx[(k + 3) % 4];
            double[] next = cx[(k + 1) % 4];
            // walk counter-clockwise: leave the incoming side at a, go round the inner corner m, rejoin at b
            double[] a = {p[0] + w[k] * Math.signum(prev[0] - p[0]), p[1] + h[k] * Math.signum(prev[1] - p[1])};
            double[] b = {p[0] + w[k] * Math.signum(next[0] - p[0]), p[1] + h[k] * Math.signum(next[1] - p[1])};
            pts.add(a);
            pts.add(new double[] {a[0] + b[0] - p[0], a[1] + b[1] - p[1]});
            pts.add(b);
        }
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        int[] tags = new int[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            tags[i] = i;
        }
        return new CornerRemovedSquare(new PlanarDomain(new PlanarDomain.Loop(x, y, tags), List.of()), cuts);
    }

    /** {@return the polygonal domain; edge i of its outer loop carries tag i} */
    public PlanarDomain domain() {
        return domain;
    }

    /** {@return the number of boundary segments (= polygon edges = tags)} */
    public int segmentCount() {
        return domain.outer().size();
    }

    /** {@return the number of cut corners} */
    public int cuts() {
        return cuts;
    }

    /** Outward unit normal {nx, ny} of segment {@code s} (the loop is counter-clockwise). */
    public double[] outwardNormal(int s) {
        PlanarDomain.Loop l = domain.outer();
        int t = (s + 1) % l.size();
        double dx = l.x()[t] - l.x()[s];
        double dy = l.y()[t] - l.y()[s];
        double len = Math.hypot(dx, dy);
        return new double[] {dy / len, -dx / len};
    }

    /** A quality mesh (θ_min = 25°) with edges no longer than {@code h}. */
    public TriangleMesh mesh(double h) {
        return new DelaunayRefinement(h).mesh(domain);
    }
}
