package io.krylovforge.mesh.fem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DelaunayRefinementTest {
    static List<PlanarDomain> domains() {
        return List.of(PlanarDomain.unitSquare(), PlanarDomain.cornerSquare(), PlanarDomain.lShape(),
                PlanarDomain.slottedRectangle(),
                PlanarDomain.cornerSquare(new boolean[] {true, false, true, false}, 0.3), hexagonWithDiamondHole());
    }

    /** A regular hexagon (120° corners, slanted edges) with a rotated square hole. */
    static PlanarDomain hexagonWithDiamondHole() {
        double[] x = new double[6];
        double[] y = new double[6];
        for (int i = 0; i < 6; i++) {
            x[i] = Math.cos(Math.PI * i / 3);
            y[i] = Math.sin(Math.PI * i / 3);
        }
        PlanarDomain.Loop hole = new PlanarDomain.Loop(new double[] {0.3, 0.1, -0.1, 0.1},
                new double[] {0.05, 0.25, 0.05, -0.15}, new int[] {7, 7, 7, 7});
        return new PlanarDomain(new PlanarDomain.Loop(x, y, new int[] {0, 1, 2, 3, 4, 5}), List.of(hole));
    }

    @Test
    void qualityAreaAndBoundaryOnTestDomains() {
        for (PlanarDomain d : domains()) {
            for (double h : new double[] {0.2, 0.05}) {
                TriangleMesh m = new DelaunayRefinement(h).mesh(d);
                assertTrue(m.minAngleDegrees() >= 20.0, "min angle " + m.minAngleDegrees());
                assertTrue(m.maxEdgeLength() <= h * (1 + 1e-12), "max edge " + m.maxEdgeLength());
                assertEquals(d.area(), m.totalArea(), 1e-12, "area");
                for (int t = 0; t < m.triangleCount(); t++) {
                    assertTrue(m.area(t) > 0, "triangle " + t + " not counter-clockwise");
                }
                checkBoundary(d, m);
                checkConforming(m);
            }
        }
    }

    /** Every input segment is covered exactly by tagged mesh edges lying on it. */
    private static void checkBoundary(PlanarDomain d, TriangleMesh m) {
        Set<Long> meshEdges = new HashSet<>();
        for (int t = 0; t < m.triangleCount(); t++) {
            for (int k = 0; k < 3; k++) {
                int a = m.vertex(t, k);
                int b = m.vertex(t, (k + 1) % 3);
                meshEdges.add(Math.min(a, b) * 1_000_000_007L + Math.max(a, b));
            }
        }
        for (PlanarDomain.Loop loop : d.loops()) {
            for (int i = 0; i < loop.size(); i++) {
                int j = (i + 1) % loop.size();
                double ax = loop.x()[i];
                double ay = loop.y()[i];
                double bx = loop.x()[j];
                double by = loop.y()[j];
                double len = Math.hypot(bx - ax, by - ay);
                double covered = 0;
                for (int e = 0; e < m.boundaryEdgeCount(); e++) {
                    int p = m.boundaryVertex(e, 0);
                    int q = m.boundaryVertex(e, 1);
                    if (onSegment(m.x(p), m.y(p), ax, ay, bx, by) && onSegment(m.x(q), m.y(q), ax, ay, bx, by)) {
                        assertEquals(loop.tags()[i], m.boundaryTag(e));
                        assertTrue(meshEdges.contains(Math.min(p, q) * 1_000_000_007L + Math.max(p, q)),
                                "boundary edge is a mesh edge");
                        covered += Math.hypot(m.x(q) - m.x(p), m.y(q) - m.y(p));
                    }
                }
                assertEquals(len, covered, 1e-12, "segment " + i + " covered");
            }
        }
    }

    private static boolean onSegment(double x, double y, double ax, double ay, double bx, double by) {
        double cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        double dot = (x - ax) * (bx - ax) + (y - ay) * (by - ay);
        double l2 = (bx - ax) * (bx - ax) + (by - ay) * (by - ay);
        return Math.abs(cross) <= 1e-12 * l2 && dot >= -1e-12 * l2 && dot <= l2 * (1 + 1e-12);
    }

    /** Each interior edge is shared by exactly two triangles, boundary edges by one. */
    private static void checkConforming(TriangleMesh m) {
        Map<Long, Integer> count = new HashMap<>();
        for (int t = 0; t < m.triangleCount(); t++) {
            for (int k = 0; k < 3; k++) {
                int a = m.vertex(t, k);
                int b = m.vertex(t, (k + 1) % 3);
                count.merge(Math.min(a, b) * 1_000_000_007L + Math.max(a, b), 1, Integer::sum);
            }
        }
        int single = 0;
        for (int c : count.values()) {
            assertTrue(c == 1 || c == 2);
            single += c == 1 ? 1 : 0;
        }
        assertEquals(m.boundaryEdgeCount(), single, "edges with one triangle are exactly the boundary edges");
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new DelaunayRefinement(0));
        assertThrows(IllegalArgumentException.class, () -> new DelaunayRefinement(DelaunayRefinement.Options.forEdge(0.1).withMinAngleDegrees(40)));
        assertThrows(DelaunayRefinement.RefinementLimitException.class,
                () -> new DelaunayRefinement(DelaunayRefinement.Options.forEdge(0.001).withMaxVertices(1000)).mesh(PlanarDomain.unitSquare()));
        assertThrows(IllegalArgumentException.class, () -> new PlanarDomain(
                new PlanarDomain.Loop(new double[] {0, 1, 0}, new double[] {0, 0, 1}, new int[] {0, 0, 0}),
                List.of(new PlanarDomain.Loop(new double[] {2, 3, 2}, new double[] {2, 2, 3}, new int[] {0, 0, 0}))));
    }
}
