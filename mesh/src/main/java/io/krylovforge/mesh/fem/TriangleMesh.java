package io.krylovforge.mesh.fem;

import io.krylovforge.core.linalg.DimensionMismatchException;

/**
 * A 2D triangle mesh: vertex coordinates, counter-clockwise triangles and tagged boundary edges.
 * Immutable; accessors return copies except where noted.
 */
public final class TriangleMesh {
    private final double[] x;
    private final double[] y;
    private final int[] triangles;
    private final int[] boundaryEdges;
    private final int[] boundaryTags;

    /**
     * @param x             vertex x coordinates
     * @param y             vertex y coordinates
     * @param triangles     three vertex indices per triangle, counter-clockwise
     * @param boundaryEdges two vertex indices per boundary edge
     * @param boundaryTags  one tag per boundary edge
     */
    public TriangleMesh(double[] x, double[] y, int[] triangles, int[] boundaryEdges, int[] boundaryTags) {
        if (x.length != y.length || triangles.length % 3 != 0 || boundaryEdges.length != 2 * boundaryTags.length) {
            throw new DimensionMismatchException("inconsistent mesh arrays: " + x.length + " x, " + y.length
                    + " y, " + triangles.length + " triangle indices, " + boundaryEdges.length
                    + " edge indices, " + boundaryTags.length + " tags");
        }
        for (int v : triangles) {
            if (v < 0 || v >= x.length) {
                throw new IllegalArgumentException("triangle vertex " + v + " out of range [0," + x.length + ")");
            }
        }
        for (int v : boundaryEdges) {
            if (v < 0 || v >= x.length) {
                throw new IllegalArgumentException("boundary vertex " + v + " out of range [0," + x.length + ")");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.triangles = triangles.clone();
        this.boundaryEdges = boundaryEdges.clone();
        this.boundaryTags = boundaryTags.clone();
    }

    /** {@return the number of vertices} */
    public int vertexCount() {
        return x.length;
    }

    /** {@return the number of triangles} */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /** {@return the number of boundary edges} */
    public int boundaryEdgeCount() {
        return boundaryTags.length;
    }

    /** x coordinate of vertex v. */
    public double x(int v) {
        return x[v];
    }

    /** y coordinate of vertex v. */
    public double y(int v) {
        return y[v];
    }

    /** Vertex k (0..2) of triangle t. */
    public int vertex(int t, int k) {
        return triangles[3 * t + k];
    }

    /** Endpoint k (0..1) of boundary edge e. */
    public int boundaryVertex(int e, int k) {
        return boundaryEdges[2 * e + k];
    }

    /** The tag of boundary edge e (the {@link PlanarDomain} edge it lies on). */
    public int boundaryTag(int e) {
        return boundaryTags[e];
    }

    /** {@return a copy of the vertex triples, triangle t at [3t, 3t + 3)} */
    public int[] triangles() {
        return triangles.clone();
    }

    /** (x, y, 0) per vertex. */
    public double[] coordinates() {
        double[] c = new double[3 * x.length];
        for (int v = 0; v < x.length; v++) {
            c[3 * v] = x[v];
            c[3 * v + 1] = y[v];
        }
        return c;
    }

    /** Signed area of triangle t (positive for counter-clockwise). */
    public double area(int t) {
        int a = triangles[3 * t];
        int b = triangles[3 * t + 1];
        int c = triangles[3 * t + 2];
        return 0.5 * ((x[b] - x[a]) * (y[c] - y[a]) - (x[c] - x[a]) * (y[b] - y[a]));
    }

    /** {@return the total area} */
    public double totalArea() {
        double s = 0;
        for (int t = 0; t < triangleCount(); t++) {
            s += area(t);
        }
        return s;
    }

    /** {@return the smallest interior angle over all triangles, in degrees} */
    public double minAngleDegrees() {
        double min = 180.0;
        for (int t = 0; t < triangleCount(); t++) {
            for (int k = 0; k < 3; k++) {
                int a = triangles[3 * t + k];
                int b = triangles[3 * t + (k + 1) % 3];
                int c = triangles[3 * t + (k + 2) % 3];
                double ux = x[b] - x[a];
                double uy = y[b] - y[a];
                double vx = x[c] - x[a];
                double vy = y[c] - y[a];
                double ang = Math.atan2(Math.abs(ux * vy - uy * vx), ux * vx + uy * vy);
                min = Math.min(min, Math.toDegrees(ang));
            }
        }
        return min;
    }

    /** Longest edge length. */
    public double maxEdgeLength() {
        double max = 0;
        for (int t = 0; t < triangleCount(); t++) {
            for (int k = 0; k < 3; k++) {
                int a = triangles[3 * t + k];
                int b = triangles[3 * t + (k + 1) % 3];
                max = Math.max(max, Math.hypot(x[b] - x[a], y[b] - y[a]));
            }
        }
        return max;
    }
}
