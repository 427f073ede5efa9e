package io.krylovforge.mesh.fem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A polygonal 2D domain: one outer loop and any number of hole loops, each a closed polygon with
 * an integer tag per edge (the tag selects the boundary condition in {@link P1Assembler}). The
 * loops must be simple and must not touch one another; their orientation does not matter.
 *
 * <p>The factories give the domains of the reference papers, with these tags:
 * <ul>
 *   <li>{@link #rectangle}, {@link #unitSquare}: {@link #BOTTOM}, {@link #RIGHT}, {@link #TOP},
 *       {@link #LEFT};</li>
 *   <li>{@link #cornerSquare}: the unit square with square notches cut from some corners (NPSolver's
 *       "corner-removed square" family); notch edges carry {@link #CUT};</li>
 *   <li>{@link #slottedRectangle}: SKR/MATLAB's thermal block [−.5,.5]×[−.8,.8] minus the slot
 *       [−.05,.05]×[−.4,.4]; slot walls carry {@link #HOLE}. MATLAB's edge 1 is our RIGHT and
 *       edge 6 our LEFT.</li>
 * </ul>
 */
public final class PlanarDomain {
    /** Edge tag: the bottom side. */
    public static final int BOTTOM = 0;
    /** Edge tag: the right side. */
    public static final int RIGHT = 1;
    /** Edge tag: the top side. */
    public static final int TOP = 2;
    /** Edge tag: the left side. */
    public static final int LEFT = 3;
    /** Edge tag: the edges of a removed corner. */
    public static final int CUT = 4;
    /** Edge tag: the walls of a hole or slot. */
    public static final int HOLE = 5;

    /** A closed polygon: vertex i joins vertex i+1 (mod n) with tag tags[i]. */
    public record Loop(double[] x, double[] y, int[] tags) {
        /**
         * Validates the loop.
         *
         * @throws IllegalArgumentException with fewer than 3 vertices, mismatched array lengths, a
         *        non-finite vertex or a zero-length edge
         */
        public Loop {
            if (x.length < 3 || x.length != y.length || x.length != tags.length) {
                throw new IllegalArgumentException("a loop needs >= 3 vertices and one tag per edge; got "
                        + x.length + " x, " + y.length + " y, " + tags.length + " tags");
            }
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("loop vertex " + i + " is not finite");
                }
                int j = (i + 1) % x.length;
                if (x[i] == x[j] && y[i] == y[j]) {
                    throw new IllegalArgumentException("loop has a zero-length edge at vertex " + i);
                }
            }
            x = x.clone();
            y = y.clone();
            tags = tags.clone();
        }

        /** {@return the number of vertices (= number of edges)} */
        public int size() {
            return x.length;
        }

        /** Signed area (positive when counter-clockwise). */
        public double signedArea() {
            double a = 0;
            for (int i = 0; i < x.length; i++) {
                int j = (i + 1) % x.length;
                a += x[i] * y[j] - x[j] * y[i];
            }
            return 0.5 * a;
        }

        /** Even–odd point-in-polygon test. */
        public boolean contains(double px, double py) {
            boolean in = false;
            int n = x.length;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                if ((y[i] > py) != (y[j] > py)
                        && px < (x[j] - x[i]) * (py - y[i]) / (y[j] - y[i]) + x[i]) {
                    in = !in;
                }
            }
            return in;
        }
    }

    private final Loop outer;
    private final List<Loop> holes;

    /**
     * @param outer the outer boundary
     * @param holes boundaries of the holes (may be empty)
     */
    public PlanarDomain(Loop outer, List<Loop> holes) {
        this.outer = outer;
        this.holes = List.copyOf(holes);
        for (Loop h : this.holes) {
            for (int i = 0; i < h.size(); i++) {
                if (!outer.contains(h.x()[i], h.y()[i])) {
                    throw new IllegalArgumentException("hole vertex (" + h.x()[i] + ", " + h.y()[i]
                            + ") lies outside the outer loop");
                }
            }
        }
    }

    /** {@return the outer boundary} */
    public Loop outer() {
        return outer;
    }

    /** {@return the hole boundaries} */
    public List<Loop> holes() {
        return holes;
    }

    /** All loops, outer first. */
    public List<Loop> loops() {
        List<Loop> all = new ArrayList<>();
        all.add(outer);
        all.addAll(holes);
        return Collections.unmodifiableList(all);
    }

    /** Whether (x, y) is strictly inside the outer loop and outside every hole. */
    public boolean contains(double x, double y) {
        if (!outer.contains(x, y)) {
            return false;
        }
        for (Loop h : holes) {
            if (h.contains(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Area of the domain. */
    public double area() {
        double a = Math.abs(outer.signedArea());
        for (Loop h : holes) {
            a -= Math.abs(h.signedArea());
        }
        return a;
    }

    /** Bounding box {xmin, ymin, xmax, ymax} of the outer loop. */
    public double[] bounds() {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < outer.size(); i++) {
            b[0] = Math.min(b[0], outer.x()[i]);
            b[1] = Math.min(b[1], outer.y()[i]);
            b[2] = Math.max(b[2], outer.x()[i]);
            b[3] = Math.max(b[3], outer.y()[i]);
        }
        return b;
    }

    private static Loop box(double x0, double y0, double x1, double y1, int b, int r, int t, int l) {
        return new Loop(new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1}, new int[] {b, r, t, l});
    }

    /** [x0,x1]×[y0,y1], edges tagged BOTTOM, RIGHT, TOP, LEFT. */
    public static PlanarDomain rectangle(double x0, double y0, double x1, double y1) {
        if (!(x1 > x0) || !(y1 > y0)) {
            throw new IllegalArgumentException("empty rectangle [" + x0 + "," + x1 + "]x[" + y0 + "," + y1 + "]");
        }
        return new PlanarDomain(box(x0, y0, x1, y1, BOTTOM, RIGHT, TOP, LEFT), List.of());
    }

    /** {@return the unit square [0, 1]², edges tagged BOTTOM, RIGHT, TOP, LEFT} */
    public static PlanarDomain unitSquare() {
        return rectangle(0, 0, 1, 1);
    }

    /** {@return the L-shaped domain [0,1]² minus [½,1]×[½,1]; re-entrant edges tagged CUT} */
    public static PlanarDomain lShape() {
        return cornerSquare(new boolean[] {false, false, true, false}, 0.5);
    }

    /**
     * The unit square with a c×c square removed at each selected corner (order: (0,0), (1,0),
     * (1,1), (0,1)); NPSolver's corner0 … corner4 families select 0 … 4 corners.
     */
    public static PlanarDomain cornerSquare(boolean[] corners, double c) {
        if (corners.length != 4) {
            throw new IllegalArgumentException("need 4 corner flags, got " + corners.length);
        }
        if (!(c > 0 && c < 0.5) && !(c == 0.5 && count(corners) == 1)) {
            throw new IllegalArgumentException("corner size must be in (0, 0.5), got " + c);
        }
        double[][] cx = {{0, 0}, {1, 0}, {1, 1}, {0, 1}};
        List<double[]> pts = new ArrayList<>();
        List<Integer> tags = new ArrayList<>();
        // Walk counter-clockwise; side k runs from corner k to corner k+1 with tag sideTag[k].
        int[] sideTag = {BOTTOM, RIGHT, TOP, LEFT};
        for (int k = 0; k < 4; k++) {
            double[] p = cx[k];
            double[] prev = cx[(k + 3) % 4];
            double[] next = cx[(k + 1) % 4];
            if (corners[k]) {
                // the notch: from the incoming side, in to the notch corner, out to the outgoing side
                double[] a = {p[0] + c * Math.signum(prev[0] - p[0]), p[1] + c * Math.signum(prev[1] - p[1])};
                double[] b = {p[0] + c * Math.signum(next[0] - p[0]), p[1] + c * Math.signum(next[1] - p[1])};
                double[] m = {a[0] + b[0] - p[0], a[1] + b[1] - p[1]};
                pts.add(a);
                tags.add(CUT);
                pts.add(m);
                tags.add(CUT);
                pts.add(b);
                tags.add(sideTag[k]);
            } else {
                pts.add(p);
                tags.add(sideTag[k]);
            }
        }
        // drop duplicates that arise when c = 0.5 joins two notches (not allowed above) — none here
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        int[] t = new int[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
            t[i] = tags.get(i);
        }
        return new PlanarDomain(new Loop(x, y, t), List.of());
    }

    /** NPSolver's "corner-removed square" with all four corners cut at c = 0.2. */
    public static PlanarDomain cornerSquare() {
        return cornerSquare(new boolean[] {true, true, true, true}, 0.2);
    }

    /** {@return the SKR thermal block: [−.5,.5]×[−.8,.8] minus the slot [−.05,.05]×[−.4,.4]} */
    public static PlanarDomain slottedRectangle() {
        return new PlanarDomain(box(-0.5, -0.8, 0.5, 0.8, BOTTOM, RIGHT, TOP, LEFT),
                List.of(box(-0.05, -0.4, 0.05, 0.4, HOLE, HOLE, HOLE, HOLE)));
    }

    private static int count(boolean[] f) {
        int n = 0;
        for (boolean b : f) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
