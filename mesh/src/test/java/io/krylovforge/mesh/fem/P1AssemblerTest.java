package io.krylovforge.mesh.fem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.TestSolve;
import org.junit.jupiter.api.Test;

class P1AssemblerTest {
    // u = sin(2x)cosh(y) + x y², K = 2 + x + y/2
    static double u(double x, double y) {
        return Math.sin(2 * x) * Math.cosh(y) + x * y * y;
    }

    static double ux(double x, double y) {
        return 2 * Math.cos(2 * x) * Math.cosh(y) + y * y;
    }

    static double uy(double x, double y) {
        return Math.sin(2 * x) * Math.sinh(y) + 2 * x * y;
    }

    static double k(double x, double y) {
        return 2 + x + 0.5 * y;
    }

    static double f(double x, double y) {
        double lap = -3 * Math.sin(2 * x) * Math.cosh(y) + 2 * x;
        return -(ux(x, y) + 0.5 * uy(x, y) + k(x, y) * lap);
    }

    static final ScalarField EXACT = (x, y, z) -> u(x, y);

    /** K∇u·n on the slotted rectangle, n the outward normal at a point of the slot walls. */
    static double slotFlux(double x, double y) {
        boolean horizontal = Math.abs(Math.abs(y) - 0.4) < 1e-9 && Math.abs(x) < 0.05;
        double nx = horizontal ? 0 : -Math.signum(x);
        double ny = horizontal ? -Math.signum(y) : 0;
        return k(x, y) * (ux(x, y) * nx + uy(x, y) * ny);
    }

    private interface Setup {
        P1Assembler configure(P1Assembler a);
    }

    private static double observedOrder(String domain, Setup setup) {
        double[] hs = {0.1, 0.05, 0.025, 0.0125};
        double[] heff = new double[hs.length];
        double[] err = new double[hs.length];
        for (int i = 0; i < hs.length; i++) {
            TriangleMesh m = MeshGenerator.domain(domain, hs[i]);
            FemSystem s = setup.configure(new P1Assembler(m).kappa((x, y, z) -> k(x, y))
                    .source((x, y, z) -> f(x, y))).assemble();
            CsrMatrix a = s.a();
            assertTrue(a.isSymmetric(1e-12), "P1 stiffness is symmetric");
            heff[i] = Math.sqrt(m.totalArea() / m.vertexCount());
            err[i] = s.l2Error(TestSolve.cg(a, s.b()), EXACT);
        }
        return TestSolve.slope(heff, err);
    }

    @Test
    void dirichletOnCornerSquareIsSecondOrder() {
        BoundaryCondition d = BoundaryCondition.dirichlet(EXACT);
        double p = observedOrder("corner-square", a -> a.boundary(PlanarDomain.BOTTOM, d)
                .boundary(PlanarDomain.RIGHT, d).boundary(PlanarDomain.TOP, d)
                .boundary(PlanarDomain.LEFT, d).boundary(PlanarDomain.CUT, d));
        assertEquals(2.0, p, 0.2, "observed order " + p);
    }

    @Test
    void mixedConditionsOnSlottedRectangleAreSecondOrder() {
        double alpha = 3.0;
        double p = observedOrder("slotted-rectangle", a -> a
                .boundary(PlanarDomain.LEFT, BoundaryCondition.dirichlet(EXACT))
                .boundary(PlanarDomain.RIGHT, BoundaryCondition.neumann((x, y, z) -> k(x, y) * ux(x, y)))
                .boundary(PlanarDomain.BOTTOM, BoundaryCondition.neumann((x, y, z) -> -k(x, y) * uy(x, y)))
                .boundary(PlanarDomain.TOP, BoundaryCondition.robin(alpha, (x, y, z) -> k(x, y) * uy(x, y) + alpha * u(x, y)))
                .boundary(PlanarDomain.HOLE, BoundaryCondition.neumann((x, y, z) -> slotFlux(x, y))));
        assertEquals(2.0, p, 0.2, "observed order " + p);
    }

    @Test
    void stiffnessRowsSumToZeroAwayFromDirichletAndRobin() {
        TriangleMesh m = MeshGenerator.domain("l-shape", 0.1);
        FemSystem s = new P1Assembler(m).kappa((x, y, z) -> 1 + x * y)
                .boundary(PlanarDomain.LEFT, BoundaryCondition.dirichlet(0.0)).assemble();
        CsrMatrix a = s.a();
        double[] ones = new double[a.rows()];
        java.util.Arrays.fill(ones, 1.0);
        double[] r = a.multiply(ones);
        // rows whose vertex has no Dirichlet neighbour: count neighbours via triangles
        boolean[] touchesDirichlet = new boolean[m.vertexCount()];
        for (int t = 0; t < m.triangleCount(); t++) {
            boolean any = false;
            for (int k = 0; k < 3; k++) {
                any |= s.nodeToUnknown()[m.vertex(t, k)] < 0;
            }
            if (any) {
                for (int k = 0; k < 3; k++) {
                    touchesDirichlet[m.vertex(t, k)] = true;
                }
            }
        }
        int checked = 0;
        for (int i = 0; i < a.rows(); i++) {
            if (!touchesDirichlet[s.unknownToNode()[i]]) {
                assertEquals(0.0, r[i], 1e-12 * a.get(i, i));
                checked++;
            } else {
                assertTrue(r[i] > -1e-12, "rows next to Dirichlet vertices are diagonally dominant here");
            }
        }
        assertTrue(checked > a.rows() / 2);
        assertTrue(a.isSymmetric(1e-14));
    }
}
