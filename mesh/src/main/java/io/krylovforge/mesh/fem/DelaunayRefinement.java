package io.krylovforge.mesh.fem;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Quality triangulation of a {@link PlanarDomain} by Ruppert's Delaunay refinement.
 *
 * <p><b>Method.</b> Incremental Delaunay triangulation (Bowyer–Watson cavity insertion inside a
 * large super-triangle, walking point location). Input segments are recovered and kept
 * <em>conforming</em>: a subsegment that is missing from the triangulation or whose diametral
 * circle holds a vertex ("encroached") is split at its midpoint, until every subsegment is an
 * unencroached Delaunay edge (checking the two opposite apexes suffices in a Delaunay
 * triangulation). Then every triangle inside the domain with circumradius-to-shortest-edge ratio
 * above B = 1/(2 sin θ_min), or with an edge longer than h, gets its circumcentre inserted —
 * unless that circumcentre encroaches subsegments, which are then split instead. Triangles in
 * holes and outside the outer loop are discarded at the end (every triangle lies wholly on one
 * side of every segment, so its centroid decides).
 *
 * <p><b>Guarantees.</b> For inputs whose angles between adjacent segments are ≥ 60° (ours are 90°
 * and 270°), Ruppert proves termination with B ≥ √2, i.e. θ_min ≤ 20.7°; in practice θ_min up to
 * about 30° terminates, and we default to 25°. Every input segment is a union of mesh edges.
 * Refinement stops with an exception past {@code maxVertices} (small input angles).
 *
 * <p><b>Why our own code.</b> The agreed dependency list has no mesh generator; Shewchuk's Triangle
 * is C (licence forbids commercial use) and the Java ports (e.g. Poly2Tri, JTS's conforming
 * Delaunay builder) either lack quality refinement or would add a dependency for one class's
 * worth of work. Predicates are plain floating point, adequate for the well-scaled rectilinear
 * domains used here.
 *
 * <p>References: J. Ruppert, A Delaunay refinement algorithm for quality 2-dimensional mesh
 * generation, J. Algorithms 18 (1995) 548–585; J. R. Shewchuk, Delaunay refinement algorithms for
 * triangular mesh generation, Comput. Geom. 22 (2002) 21–74; A. Bowyer (1981), D. F. Watson (1981).
 *
 * <p>Size (over 500 lines): one algorithm (Bowyer–Watson insertion, segment recovery, Ruppert's
 * encroachment and quality loop) sharing one mutable triangulation; split, the pieces would pass
 * that state around.
 */
public final class DelaunayRefinement {
    private final double maxEdge;
    private final double minAngleDegrees;
    private final int maxVertices;

    /**
     * The refinement's settings: longest edge, quality goal and vertex limit, validated when built.
     *
     * @param maxEdge         longest allowed edge h (&gt; 0, finite)
     * @param minAngleDegrees quality goal θ_min, in (0, 34]
     * @param maxVertices     safety limit on the number of vertices (≥ 3)
     */
    public record Options(double maxEdge, double minAngleDegrees, int maxVertices) {
        /**
         * Validates the settings.
         *
         * @param maxEdge         longest allowed edge h (&gt; 0, finite)
         * @param minAngleDegrees quality goal θ_min, in (0, 34]
         * @param maxVertices     safety limit on the number of vertices (≥ 3)
         * @throws IllegalArgumentException for a value out of its range
         */
        public Options {
            if (!(maxEdge > 0) || !Double.isFinite(maxEdge)) {
                throw new IllegalArgumentException("maximum edge length must be positive and finite, got " + maxEdge);
            }
            if (!(minAngleDegrees > 0 && minAngleDegrees <= 34)) {
                throw new IllegalArgumentException("minimum angle must be in (0, 34] degrees, got " + minAngleDegrees);
            }
            if (maxVertices < 3) {
                throw new IllegalArgumentException("maxVertices must be >= 3, got " + maxVertices);
            }
        }

        /**
         * The defaults for edge length h: θ_min = 25°, at most 4·10⁶ vertices.
         *
         * @param maxEdge longest allowed edge h (&gt; 0, finite)
         * @return the settings
         */
        public static Options forEdge(double maxEdge) {
            return new Options(maxEdge, 25.0, 4_000_000);
        }

        /**
         * @param maxEdge longest allowed edge h (&gt; 0, finite)
         * @return a copy with this edge length
         */
        public Options withMaxEdge(double maxEdge) {
            return new Options(maxEdge, minAngleDegrees, maxVertices);
        }

        /**
         * @param minAngleDegrees quality goal θ_min, in (0, 34]
         * @return a copy with this quality goal
         */
        public Options withMinAngleDegrees(double minAngleDegrees) {
            return new Options(maxEdge, minAngleDegrees, maxVertices);
        }

        /**
         * @param maxVertices safety limit on the number of vertices (≥ 3)
         * @return a copy with this vertex limit
         */
        public Options withMaxVertices(int maxVertices) {
            return new Options(maxEdge, minAngleDegrees, maxVertices);
        }
    }

    /**
     * A refinement with the given settings.
     *
     * @param options edge length, quality goal and vertex limit
     */
    public DelaunayRefinement(Options options) {
        this.maxEdge = options.maxEdge();
        this.minAngleDegrees = options.minAngleDegrees();
        this.maxVertices = options.maxVertices();
    }

    /**
     * Edge length h, θ_min = 25°, at most 4·10⁶ vertices ({@link Options#forEdge}).
     *
     * @param maxEdge longest allowed edge h (&gt; 0, finite)
     */
    public DelaunayRefinement(double maxEdge) {
        this(Options.forEdge(maxEdge));
    }

    /** Meshes {@code domain}. */
    public TriangleMesh mesh(PlanarDomain domain) {
        return new Work(domain).run();
    }

    /** Thrown when refinement exceeds the vertex limit. */
    public static final class RefinementLimitException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        RefinementLimitException(String message) {
            super(message);
        }
    }

    /** Growable int FIFO. */
    private static final class IntQueue {
        int[] a = new int[64];
        int head;
        int tail;

        void push(int v) {
            if (tail == a.length) {
                if (head > a.length / 2) {
                    System.arraycopy(a, head, a, 0, tail - head);
                    tail -= head;
                    head = 0;
                } else {
                    a = Arrays.copyOf(a, 2 * a.length);
                }
            }
            a[tail++] = v;
        }

        boolean isEmpty() {
            return head == tail;
        }

        int poll() {
            return a[head++];
        }

        void clear() {
            head = 0;
            tail = 0;
        }
    }

    private final class Work {
        final PlanarDomain domain;
        double[] px = new double[256];
        double[] py = new double[256];
        int np;
        int[] tv = new int[768];
        int nt;
        int[] mark = new int[256];
        int stamp;
        final Map<Long, Integer> edges = new HashMap<>();
        int[] sa = new int[64];
        int[] sb = new int[64];
        int[] stag = new int[64];
        int ns;
        final Map<Long, Integer> segIndex = new HashMap<>();
        final IntQueue segQueue = new IntQueue();
        final IntQueue triQueue = new IntQueue();
        final IntQueue cavity = new IntQueue();
        final IntQueue stack = new IntQueue();
        int[] boundary = new int[64];
        int lastTri;
        int walkSeed;

        Work(PlanarDomain domain) {
            this.domain = domain;
        }

        TriangleMesh run() {
            double[] bb = domain.bounds();
            double cx = 0.5 * (bb[0] + bb[2]);
            double cy = 0.5 * (bb[1] + bb[3]);
            double d = Math.max(bb[2] - bb[0], bb[3] - bb[1]);
            addPoint(cx - 50 * d, cy - 30 * d);
            addPoint(cx + 50 * d, cy - 30 * d);
            addPoint(cx, cy + 50 * d);
            newTriangle(0, 1, 2);
            for (PlanarDomain.Loop loop : domain.loops()) {
                int first = np;
                for (int i = 0; i < loop.size(); i++) {
                    insert(loop.x()[i], loop.y()[i]);
                }
                for (int i = 0; i < loop.size(); i++) {
                    addSegment(first + i, first + (i + 1) % loop.size(), loop.tags()[i]);
                }
            }
            triQueue.clear();
            for (int s = 0; s < ns; s++) {
                segQueue.push(s);
            }
            splitEncroachedSegments();
            triQueue.clear();
            for (int t = 0; t < nt; t++) {
                if (tv[3 * t] >= 0) {
                    triQueue.push(t);
                }
            }
            refine();
            return extract();
        }

        // ---------------------------------------------------------------- primitives

        int addPoint(double x, double y) {
            if (np == px.length) {
                px = Arrays.copyOf(px, 2 * np);
                py = Arrays.copyOf(py, 2 * np);
            }
            if (np >= maxVertices + 3) {
                throw new RefinementLimitException("Delaunay refinement exceeded " + maxVertices
                        + " vertices (edge length " + maxEdge + ", minimum angle " + minAngleDegrees
                        + "°); the domain may have angles below 60° or h is too small");
            }
            px[np] = x;
            py[np] = y;
            return np++;
        }

        int newTriangle(int a, int b, int c) {
            if (3 * nt + 3 > tv.length) {
                tv = Arrays.copyOf(tv, 2 * tv.length);
            }
            if (nt == mark.length) {
                mark = Arrays.copyOf(mark, 2 * nt);
            }
            int t = nt++;
            tv[3 * t] = a;
            tv[3 * t + 1] = b;
            tv[3 * t + 2] = c;
            mark[t] = 0;
            edges.put(key(a, b), t);
            edges.put(key(b, c), t);
            edges.put(key(c, a), t);
            triQueue.push(t);
            lastTri = t;
            return t;
        }

        void addSegment(int a, int b, int tag) {
            if (ns == sa.length) {
                sa = Arrays.copyOf(sa, 2 * ns);
                sb = Arrays.copyOf(sb, 2 * ns);
                stag = Arrays.copyOf(stag, 2 * ns);
            }
            sa[ns] = a;
            sb[ns] = b;
            stag[ns] = tag;
            segIndex.put(undirected(a, b), ns);
            ns++;
        }

        long key(int a, int b) {
            return ((long) a << 32) | (b & 0xffffffffL);
        }

        long undirected(int a, int b) {
            return a < b ? key(a, b) : key(b, a);
        }

        double orient(int a, int b, double x, double y) {
            return (px[b] - px[a]) * (y - py[a]) - (py[b] - py[a]) * (x - px[a]);
        }

        /** Whether (x, y) lies strictly inside the circumcircle of counter-clockwise triangle t. */
        boolean inCircle(int t, double x, double y) {
            int a = tv[3 * t];
            int b = tv[3 * t + 1];
            int c = tv[3 * t + 2];
            double adx = px[a] - x;
            double ady = py[a] - y;
            double bdx = px[b] - x;
            double bdy = py[b] - y;
            double cdx = px[c] - x;
            double cdy = py[c] - y;
            double det = (adx * adx + ady * ady) * (bdx * cdy - cdx * bdy)
                    + (bdx * bdx + bdy * bdy) * (cdx * ady - adx * cdy)
                    + (cdx * cdx + cdy * cdy) * (adx * bdy - bdx * ady);
            return det > 0.0;
        }

        int locate(double x, double y) {
            int t = lastTri;
            if (tv[3 * t] < 0) {
                t = nt - 1;
                while (tv[3 * t] < 0) {
                    t--;
                }
            }
            int cap = 4 * nt + 16;
            for (int iter = 0; iter < cap; iter++) {
                int k0 = (walkSeed++) % 3; // rotate the first edge tried so walks cannot cycle
                int next = -1;
                for (int j = 0; j < 3; j++) {
                    int k = (k0 + j) % 3;
                    int u = tv[3 * t + k];
                    int v = tv[3 * t + (k + 1) % 3];
                    if (orient(u, v, x, y) < 0) {
                        Integer n = edges.get(key(v, u));
                        if (n == null) {
                            throw new IllegalStateException("internal: point (" + x + ", " + y + ") outside the super-triangle");
                        }
                        next = n;
                        break;
                    }
                }
                if (next < 0) {
                    return t;
                }
                t = next;
            }
            for (t = 0; t < nt; t++) { // fallback, should not be needed
                if (tv[3 * t] >= 0 && orient(tv[3 * t], tv[3 * t + 1], x, y) >= 0
                        && orient(tv[3 * t + 1], tv[3 * t + 2], x, y) >= 0
                        && orient(tv[3 * t + 2], tv[3 * t], x, y) >= 0) {
                    return t;
                }
            }
            throw new IllegalStateException("internal: cannot locate (" + x + ", " + y + ")");
        }

        /** Bowyer–Watson insertion; returns the new vertex. */
        int insert(double x, double y) {
            int t0 = locate(x, y);
            int p = addPoint(x, y);
            stamp++;
            cavity.clear();
            stack.clear();
            mark[t0] = stamp;
            stack.push(t0);
            while (!stack.isEmpty()) {
                int t = stack.poll();
                cavity.push(t);
                for (int k = 0; k < 3; k++) {
                    int u = tv[3 * t + k];
                    int v = tv[3 * t + (k + 1) % 3];
                    Integer n = edges.get(key(v, u));
                    if (n != null && mark[n] != stamp
                            && (orient(u, v, x, y) <= 0.0 || inCircle(n, x, y))) {
                        // Delaunay cavity; a neighbour across an edge that does not face p is
                        // taken too, so every new triangle is positively oriented.
                        mark[n] = stamp;
                        stack.push(n);
                    }
                }
            }
            int nb = 0;
            for (int c = cavity.head; c < cavity.tail; c++) {
                int t = cavity.a[c];
                for (int k = 0; k < 3; k++) {
                    int u = tv[3 * t + k];
                    int v = tv[3 * t + (k + 1) % 3];
                    Integer n = edges.get(key(v, u));
                    if (n == null || mark[n] != stamp) {
                        if (nb + 2 > boundary.length) {
                            boundary = Arrays.copyOf(boundary, 2 * boundary.length);
                        }
                        boundary[nb++] = u;
                        boundary[nb++] = v;
                    }
                    Integer s = segIndex.get(undirected(u, v));
                    if (s != null) {
                        segQueue.push(s); // its neighbourhood changes: re-check it
                    }
                }
            }
            for (int c = cavity.head; c < cavity.tail; c++) {
                int t = cavity.a[c];
                for (int k = 0; k < 3; k++) {
                    edges.remove(key(tv[3 * t + k], tv[3 * t + (k + 1) % 3]));
                }
                tv[3 * t] = -1;
            }
            for (int e = 0; e < nb; e += 2) {
                newTriangle(boundary[e], boundary[e + 1], p);
            }
            return p;
        }

        // ---------------------------------------------------------------- segments

        boolean encroaches(int a, int b, double x, double y) {
            return (x - px[a]) * (x - px[b]) + (y - py[a]) * (y - py[b]) < 0.0;
        }

        boolean needsSplit(int s) {
            int a = sa[s];
            int b = sb[s];
            Integer t1 = edges.get(key(a, b));
            Integer t2 = edges.get(key(b, a));
            if (t1 == null && t2 == null) {
                return true; // not (yet) a Delaunay edge
            }
            for (Integer t : new Integer[] {t1, t2}) {
                if (t != null) {
                    for (int k = 0; k < 3; k++) {
                        int c = tv[3 * t + k];
                        if (c != a && c != b && encroaches(a, b, px[c], py[c])) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        void splitSegment(int s) {
            int a = sa[s];
            int b = sb[s];
            double mx = 0.5 * (px[a] + px[b]);
            double my = 0.5 * (py[a] + py[b]);
            segIndex.remove(undirected(a, b));
            int m = np; // the index insert() will give the midpoint
            sb[s] = m;
            segIndex.put(undirected(a, m), s);
            addSegment(m, b, stag[s]);
            int s2 = ns - 1;
            int got = insert(mx, my);
            if (got != m) {
                throw new IllegalStateException("internal: midpoint index " + got + " != " + m);
            }
            segQueue.push(s);
            segQueue.push(s2);
        }

        void splitEncroachedSegments() {
            while (!segQueue.isEmpty()) {
                int s = segQueue.poll();
                if (needsSplit(s)) {
                    splitSegment(s);
                }
            }
            segQueue.clear();
        }

        // ---------------------------------------------------------------- refinement

        void refine() {
            double b = 1.0 / (2.0 * Math.sin(Math.toRadians(minAngleDegrees)));
            double b2 = b * b;
            double h2 = maxEdge * maxEdge;
            int[] hits = new int[16];
            while (!triQueue.isEmpty()) {
                int t = triQueue.poll();
                if (tv[3 * t] < 0) {
                    continue;
                }
                int a = tv[3 * t];
                int bb = tv[3 * t + 1];
                int c = tv[3 * t + 2];
                if (a < 3 || bb < 3 || c < 3) {
                    continue; // touches the super-triangle: outside the domain
                }
                double ab = dist2(a, bb);
                double bc = dist2(bb, c);
                double ca = dist2(c, a);
                double lmin = Math.min(ab, Math.min(bc, ca));
                double lmax = Math.max(ab, Math.max(bc, ca));
                // circumcentre relative to a
                double bx = px[bb] - px[a];
                double by = py[bb] - py[a];
                double cx = px[c] - px[a];
                double cy = py[c] - py[a];
                double d = 2.0 * (bx * cy - by * cx);
                double ux = (cy * (bx * bx + by * by) - by * (cx * cx + cy * cy)) / d;
                double uy = (bx * (cx * cx + cy * cy) - cx * (bx * bx + by * by)) / d;
                double r2 = ux * ux + uy * uy;
                if (r2 <= b2 * lmin && lmax <= h2) {
                    continue; // good enough
                }
                double gx = (px[a] + px[bb] + px[c]) / 3.0;
                double gy = (py[a] + py[bb] + py[c]) / 3.0;
                if (!domain.contains(gx, gy)) {
                    continue;
                }
                double ccx = px[a] + ux;
                double ccy = py[a] + uy;
                int nh = 0;
                for (int s = 0; s < ns; s++) {
                    if (encroaches(sa[s], sb[s], ccx, ccy)) {
                        if (nh == hits.length) {
                            hits = Arrays.copyOf(hits, 2 * nh);
                        }
                        hits[nh++] = s;
                    }
                }
                if (nh > 0) {
                    for (int i = 0; i < nh; i++) {
                        splitSegment(hits[i]);
                    }
                    splitEncroachedSegments();
                    if (tv[3 * t] >= 0) {
                        triQueue.push(t);
                    }
                } else if (domain.contains(ccx, ccy)) {
                    insert(ccx, ccy);
                    splitEncroachedSegments();
                }
                // else: a circumcentre outside the domain that encroaches nothing can only come
                // from round-off; the triangle is left as it is.
            }
        }

        double dist2(int a, int b) {
            double dx = px[a] - px[b];
            double dy = py[a] - py[b];
            return dx * dx + dy * dy;
        }

        // ---------------------------------------------------------------- output

        TriangleMesh extract() {
            int[] newIndex = new int[np];
            Arrays.fill(newIndex, -1);
            int[] keep = new int[3 * nt];
            int nk = 0;
            for (int t = 0; t < nt; t++) {
                int a = tv[3 * t];
                if (a < 0) {
                    continue;
                }
                int b = tv[3 * t + 1];
                int c = tv[3 * t + 2];
                if (a < 3 || b < 3 || c < 3) {
                    continue;
                }
                double gx = (px[a] + px[b] + px[c]) / 3.0;
                double gy = (py[a] + py[b] + py[c]) / 3.0;
                if (!domain.contains(gx, gy)) {
                    continue;
                }
                keep[nk++] = a;
                keep[nk++] = b;
                keep[nk++] = c;
            }
            int nv = 0;
            for (int i = 0; i < nk; i++) {
                if (newIndex[keep[i]] < 0) {
                    newIndex[keep[i]] = -2; // seen
                }
            }
            for (int v = 0; v < np; v++) {
                if (newIndex[v] == -2) {
                    newIndex[v] = nv++;
                }
            }
            double[] x = new double[nv];
            double[] y = new double[nv];
            for (int v = 0; v < np; v++) {
                if (newIndex[v] >= 0) {
                    x[newIndex[v]] = px[v];
                    y[newIndex[v]] = py[v];
                }
            }
            int[] tri = new int[nk];
            for (int i = 0; i < nk; i++) {
                tri[i] = newIndex[keep[i]];
            }
            int[] be = new int[2 * ns];
            int[] tags = new int[ns];
            for (int s = 0; s < ns; s++) {
                if (newIndex[sa[s]] < 0 || newIndex[sb[s]] < 0
                        || (edges.get(key(sa[s], sb[s])) == null && edges.get(key(sb[s], sa[s])) == null)) {
                    throw new IllegalStateException("internal: boundary segment " + s + " lost");
                }
                be[2 * s] = newIndex[sa[s]];
                be[2 * s + 1] = newIndex[sb[s]];
                tags[s] = stag[s];
            }
            return new TriangleMesh(x, y, tri, be, tags);
        }
    }
}
