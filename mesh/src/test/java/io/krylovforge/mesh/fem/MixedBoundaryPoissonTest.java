package io.krylovforge.mesh.fem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.TestSolve;
import org.junit.jupiter.api.Test;

class MixedBoundaryPoissonTest {
    // u = sin(2x + 1) cosh(y) + x y², −Δu = 3 sin(2x + 1) cosh(y) − 2x
    static final ScalarField U = (x, y, z) -> Math.sin(2 * x + 1) * Math.cosh(y) + x * y * y;
    static final ScalarField UX = (x, y, z) -> 2 * Math.cos(2 * x + 1) * Math.cosh(y) + y * y;
    static final ScalarField UY = (x, y, z) -> Math.sin(2 * x + 1) * Math.sinh(y) + 2 * x * y;
    static final ScalarField F = (x, y, z) -> 3 * Math.sin(2 * x + 1) * Math.cosh(y) - 2 * x;

    @Test
    void cornerRemovedSquareHasExpectedShape() {
        CornerRemovedSquare d = CornerRemovedSquare.of(new double[] {0.2, 0, 0.3, 0}, new double[] {0.1, 0, 0.25, 0});
        assertEquals(2, d.cuts());
        assertEquals(4 + 2 * 2, d.segmentCount());
        assertEquals(1 - 0.2 * 0.1 - 0.3 * 0.25, d.domain().area(), 1e-14);
        assertTrue(d.domain().outer().signedArea() > 0, "counter-clockwise");
        for (int s = 0; s < d.segmentCount(); s++) {
            double[] n = d.outwardNormal(s);
            PlanarDomain.Loop l = d.domain().outer();
            int t = (s + 1) % l.size();
            double mx = 0.5 * (l.x()[s] + l.x()[t]);
            double my = 0.5 * (l.y()[s] + l.y()[t]);
            assertTrue(!d.domain().contains(mx + 1e-6 * n[0], my + 1e-6 * n[1])
                    && d.domain().contains(mx - 1e-6 * n[0], my - 1e-6 * n[1]), "normal of segment " + s + " points out");
        }
        CornerRemovedSquare r = CornerRemovedSquare.random(4, 7L);
        assertEquals(4, r.cuts());
        assertEquals(12, r.segmentCount());
        assertEquals(r.domain().area(), CornerRemovedSquare.random(4, 7L).domain().area(), 0.0, "seeded");
        assertNotEquals(r.domain().area(), CornerRemovedSquare.random(4, 8L).domain().area());
        assertThrows(IllegalArgumentException.class, () -> CornerRemovedSquare.random(5, 1L));
    }

    @Test
    void manufacturedSolutionConvergesAtSecondOrder() {
        CornerRemovedSquare d = CornerRemovedSquare.of(new double[] {0.3, 0.15, 0, 0.2}, new double[] {0.2, 0.3, 0, 0.25});
        boolean[] dir = new boolean[d.segmentCount()];
        for (int s = 0; s < dir.length; s++) {
            dir[s] = s % 3 == 0; // mixed: Dirichlet on every third segment, Neumann elsewhere
        }
        MixedBoundaryPoisson p = MixedBoundaryPoisson.manufactured(d, dir, U, UX, UY, F);
        double[] hs = {0.1, 0.05, 0.025};
        double[] heff = new double[hs.length];
        double[] err = new double[hs.length];
        for (int i = 0; i < hs.length; i++) {
            TriangleMesh m = d.mesh(hs[i]);
            FemSystem s = p.assemble(m);
            CsrMatrix a = s.a();
            assertTrue(a.isSymmetric(1e-12));
            heff[i] = Math.sqrt(m.totalArea() / m.vertexCount());
            err[i] = s.l2Error(TestSolve.cg(a, s.b()), U);
        }
        double order = TestSolve.slope(heff, err);
        assertEquals(2.0, order, 0.25, "observed L2 order " + order);
        assertTrue(err[2] < 2e-4, "finest L2 error " + err[2]);
    }

    @Test
    void randomProblemIsSeededAndDefinite() {
        CornerRemovedSquare d = CornerRemovedSquare.random(3L);
        MixedBoundaryPoisson p = MixedBoundaryPoisson.random(d, 11L);
        assertTrue(p.dirichletSegments() >= 1);
        TriangleMesh m = d.mesh(0.08);
        FemSystem s1 = p.assemble(m);
        FemSystem s2 = MixedBoundaryPoisson.random(d, 11L).assemble(m);
        assertEquals(s1.b().length, s2.b().length);
        for (int i = 0; i < s1.b().length; i++) {
            assertEquals(s1.b()[i], s2.b()[i], 0.0);
        }
        double maxF = 0;
        for (int i = 0; i <= 20; i++) {
            for (int j = 0; j <= 20; j++) {
                maxF = Math.max(maxF, Math.abs(p.source().value(i / 20.0, j / 20.0, 0)));
            }
        }
        assertTrue(maxF <= 1.0 + 1e-12 && maxF > 0.5, "normalised source, max " + maxF);
        double[] u = TestSolve.cg(s1.a(), s1.b()); // CG converging asserts definiteness in practice
        assertEquals(s1.size(), u.length);
        BoundaryCondition[] allNeumann = new BoundaryCondition[d.segmentCount()];
        java.util.Arrays.fill(allNeumann, BoundaryCondition.neumann(0.0));
        assertThrows(IllegalArgumentException.class, () -> new MixedBoundaryPoisson(d, allNeumann, p.source()));
    }
}
