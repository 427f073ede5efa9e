package io.krylovforge.mesh.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.TestSolve;
import org.junit.jupiter.api.Test;

class GridAssemblerTest {
    private static final double PI = Math.PI;

    // Manufactured: u = sin(πx)cos(πy) + x²y, K = 1 + x/2 + y².
    static double u(double x, double y) {
        return Math.sin(PI * x) * Math.cos(PI * y) + x * x * y;
    }

    static double ux(double x, double y) {
        return PI * Math.cos(PI * x) * Math.cos(PI * y) + 2 * x * y;
    }

    static double uy(double x, double y) {
        return -PI * Math.sin(PI * x) * Math.sin(PI * y) + x * x;
    }

    static double k(double x, double y) {
        return 1 + 0.5 * x + y * y;
    }

    static double f(double x, double y) {
        double lap = -2 * PI * PI * Math.sin(PI * x) * Math.cos(PI * y) + 2 * y;
        return -(0.5 * ux(x, y) + 2 * y * uy(x, y) + k(x, y) * lap);
    }

    private static double errorAt(int n, boolean mixed) {
        StructuredGrid g = StructuredGrid.unitSquareWithCells(n);
        GridAssembler asm = new GridAssembler(g).kappa((x, y, z) -> k(x, y))
                .source((x, y, z) -> f(x, y))
                .boundary(Side.XMIN, BoundaryCondition.dirichlet((x, y, z) -> u(x, y)))
                .boundary(Side.XMAX, BoundaryCondition.dirichlet((x, y, z) -> u(x, y)))
                .boundary(Side.YMIN, BoundaryCondition.dirichlet((x, y, z) -> u(x, y)))
                .boundary(Side.YMAX, BoundaryCondition.dirichlet((x, y, z) -> u(x, y)));
        if (mixed) {
            // outward normals: XMIN −x, XMAX +x, YMAX +y
            asm.boundary(Side.XMIN, BoundaryCondition.neumann((x, y, z) -> -k(x, y) * ux(x, y)))
                    .boundary(Side.XMAX, BoundaryCondition.robin(2.0, (x, y, z) -> k(x, y) * ux(x, y) + 2.0 * u(x, y)))
                    .boundary(Side.YMAX, BoundaryCondition.neumann((x, y, z) -> k(x, y) * uy(x, y)));
        }
        GridSystem s = asm.assemble();
        assertTrue(s.a().isSymmetric(1e-13), "harmonic-mean operator must be symmetric");
        double[] sol = TestSolve.cg(s.a(), s.b());
        return s.l2Error(sol, (x, y, z) -> u(x, y));
    }

    @Test
    void dirichletVariableCoefficientIsSecondOrder() {
        int[] ns = {8, 16, 32, 64};
        double[] h = new double[ns.length];
        double[] e = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            h[i] = 1.0 / ns[i];
            e[i] = errorAt(ns[i], false);
        }
        double p = TestSolve.slope(h, e);
        assertEquals(2.0, p, 0.2, "observed order " + p);
    }

    @Test
    void mixedNeumannRobinIsSecondOrder() {
        int[] ns = {8, 16, 32, 64};
        double[] h = new double[ns.length];
        double[] e = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            h[i] = 1.0 / ns[i];
            e[i] = errorAt(ns[i], true);
        }
        double p = TestSolve.slope(h, e);
        assertEquals(2.0, p, 0.2, "observed order " + p);
    }

    @Test
    void sevenPoint3dIsSecondOrder() {
        int[] ns = {4, 8, 16};
        double[] h = new double[ns.length];
        double[] e = new double[ns.length];
        ScalarField exact = (x, y, z) -> Math.sin(PI * x) * Math.sin(PI * y) * Math.sin(PI * z) + x * y * z;
        for (int i = 0; i < ns.length; i++) {
            StructuredGrid g = StructuredGrid.unitCubeWithCells(ns[i]);
            GridSystem s = new GridAssembler(g)
                    .source((x, y, z) -> 3 * PI * PI * Math.sin(PI * x) * Math.sin(PI * y) * Math.sin(PI * z))
                    .boundary(Side.XMIN, BoundaryCondition.dirichlet(exact))
                    .boundary(Side.XMAX, BoundaryCondition.dirichlet(exact))
                    .boundary(Side.YMIN, BoundaryCondition.dirichlet(exact))
                    .boundary(Side.YMAX, BoundaryCondition.dirichlet(exact))
                    .boundary(Side.ZMIN, BoundaryCondition.neumann((x, y, z) -> -PI * Math.sin(PI * x) * Math.sin(PI * y) - x * y))
                    .boundary(Side.ZMAX, BoundaryCondition.dirichlet(exact))
                    .assemble();
            int mid = s.nodeToUnknown()[g.node(ns[i] / 2, ns[i] / 2, ns[i] / 2)];
            assertEquals(7, s.a().rowLength(mid), "interior row of the 7-point stencil");
            assertTrue(s.a().isSymmetric(1e-14));
            h[i] = 1.0 / ns[i];
            e[i] = s.l2Error(TestSolve.cg(s.a(), s.b()), exact);
        }
        double p = TestSolve.slope(h, e);
        assertEquals(2.0, p, 0.2, "observed order " + p);
    }

    @Test
    void ninePointWithMehrstellenIsAtLeastSecondOrder() {
        int[] ns = {8, 16, 32};
        double[] h = new double[ns.length];
        double[] e = new double[ns.length];
        ScalarField exact = (x, y, z) -> Math.sin(PI * x) * Math.sinh(y) + Math.cos(2 * PI * y) * x;
        ScalarField f = (x, y, z) -> PI * PI * Math.sin(PI * x) * Math.sinh(y) - Math.sin(PI * x) * Math.sinh(y)
                + 4 * PI * PI * Math.cos(2 * PI * y) * x;
        for (int i = 0; i < ns.length; i++) {
            GridSystem s = NinePointLaplacian.assemble(StructuredGrid.unitSquareWithCells(ns[i]), f, exact);
            assertTrue(s.a().isSymmetric(0.0));
            h[i] = 1.0 / ns[i];
            e[i] = s.l2Error(TestSolve.cg(s.a(), s.b()), exact);
        }
        double p = TestSolve.slope(h, e);
        assertTrue(p > 3.5, "Mehrstellen should be fourth order, got " + p);
    }

    @Test
    void interiorRowSumsVanishForPureDiffusion() {
        StructuredGrid g = StructuredGrid.unitSquareWithCells(12);
        double[] kappa = new double[g.nodeCount()];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        for (int p = 0; p < kappa.length; p++) {
            kappa[p] = Math.exp(rnd.nextDouble(-2, 2));
        }
        GridSystem s = new GridAssembler(g).kappa(kappa).assemble();
        CsrMatrix a = s.a();
        int checked = 0;
        for (int row = 0; row < a.rows(); row++) {
            if (a.rowLength(row) == 5) { // no eliminated Dirichlet neighbour
                double sum = 0;
                double scale = 0;
                for (int col = Math.max(0, row - 20); col < Math.min(a.rows(), row + 20); col++) {
                    sum += a.get(row, col);
                    scale = Math.max(scale, Math.abs(a.get(row, col)));
                }
                assertEquals(0.0, sum, 1e-13 * scale, "row " + row);
                checked++;
            }
        }
        assertEquals(9 * 9, checked);
        assertTrue(a.isSymmetric(1e-14));
        // SPD: positive diagonal, weakly diagonally dominant, symmetric ⇒ CG converges.
        double[] sol = TestSolve.cg(a, java.util.Arrays.copyOf(new double[] {1}, a.rows()));
        assertTrue(sol[0] > 0, "inverse of an M-matrix is positive");
    }

    @Test
    void skrVariantMatchesThePaperStencil() {
        StructuredGrid g = StructuredGrid.unitSquareWithCells(5);
        double[] kappa = new double[g.nodeCount()];
        for (int p = 0; p < kappa.length; p++) {
            kappa[p] = 1 + p;
        }
        GridSystem s = new GridAssembler(g).kappa(kappa).scheme(CoefficientScheme.SKR_NONSYMMETRIC)
                .source(ScalarField.constant(1.0)).assemble();
        CsrMatrix a = s.a();
        assertFalse(a.isSymmetric(1e-3));
        int row = s.nodeToUnknown()[g.node(2, 2, 0)];
        int east = s.nodeToUnknown()[g.node(3, 2, 0)];
        assertEquals(4 * kappa[g.node(2, 2, 0)], a.get(row, row), 1e-12);
        assertEquals(-kappa[g.node(3, 2, 0)], a.get(row, east), 1e-12);
        assertEquals(g.hx() * g.hx(), s.b()[row], 1e-15);
    }

    @Test
    void convectionIsNonsymmetricAndSecondOrderCentral() {
        int[] ns = {8, 16, 32};
        double[] h = new double[ns.length];
        double[] e = new double[ns.length];
        double bx = 3.0;
        double by = -2.0;
        // u = sin(πx) sin(πy): −Δu + β·∇u
        ScalarField exact = (x, y, z) -> Math.sin(PI * x) * Math.sin(PI * y);
        ScalarField f = (x, y, z) -> 2 * PI * PI * Math.sin(PI * x) * Math.sin(PI * y)
                + bx * PI * Math.cos(PI * x) * Math.sin(PI * y) + by * PI * Math.sin(PI * x) * Math.cos(PI * y);
        for (int i = 0; i < ns.length; i++) {
            GridSystem s = new GridAssembler(StructuredGrid.unitSquareWithCells(ns[i]))
                    .convection(new double[] {bx, by}, ConvectionScheme.CENTRAL).source(f).assemble();
            assertFalse(s.a().isSymmetric(1e-6));
            h[i] = 1.0 / ns[i];
            e[i] = s.l2Error(TestSolve.dense(s.a(), s.b()), exact);
        }
        assertEquals(2.0, TestSolve.slope(h, e), 0.2);
    }

    @Test
    void aSharedPatternGivesTheSameSystemAndRefusesAnotherGrid() {
        StructuredGrid g = StructuredGrid.unitSquareWithCells(9);
        double[] k = new double[g.nodeCount()];
        for (int p = 0; p < k.length; p++) {
            k[p] = 1.0 + 0.37 * Math.sin(p); // varying K: a wrong slot would change the values
        }
        GridSystem fresh = new GridAssembler(g).kappa(k).reaction(-0.5).convection(new double[] {3, -2},
                ConvectionScheme.UPWIND).source(ScalarField.constant(1.0)).assemble();
        CsrMatrix shared = new GridAssembler(g).assemble().a();
        GridSystem reused = new GridAssembler(g).pattern(shared).kappa(k).reaction(-0.5)
                .convection(new double[] {3, -2}, ConvectionScheme.UPWIND).source(ScalarField.constant(1.0)).assemble();
        assertTrue(reused.a().samePattern(shared));
        assertTrue(java.util.Arrays.equals(fresh.a().rowPtr(), reused.a().rowPtr()));
        assertTrue(java.util.Arrays.equals(fresh.a().colIdx(), reused.a().colIdx()));
        assertTrue(java.util.Arrays.equals(fresh.a().values(), reused.a().values()));
        assertTrue(java.util.Arrays.equals(fresh.b(), reused.b()));
        // columns strictly increasing per row, as CsrMatrix requires
        CsrMatrix a = reused.a();
        for (int i = 0; i < a.rows(); i++) {
            for (int q = a.rowPtr()[i] + 1; q < a.rowPtr()[i + 1]; q++) {
                assertTrue(a.colIdx()[q - 1] < a.colIdx()[q], "row " + i);
            }
        }
        StructuredGrid other = StructuredGrid.unitSquareWithCells(8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GridAssembler(other).pattern(shared).assemble());
        assertTrue(e.getMessage().contains("unknowns"), e.getMessage());
        // same size, other Dirichlet sides: a Neumann side adds unknowns, so the rows do not fit
        assertThrows(IllegalArgumentException.class, () -> new GridAssembler(g).pattern(shared)
                .boundary(Side.XMIN, BoundaryCondition.neumann(0.0)).assemble());
    }

    @Test
    void rejectsBadInput() {
        StructuredGrid g = StructuredGrid.unitSquareWithCells(4);
        assertThrows(IllegalArgumentException.class, () -> new GridAssembler(g).kappa(new double[3]));
        double[] neg = new double[g.nodeCount()];
        assertThrows(IllegalArgumentException.class, () -> new GridAssembler(g).kappa(neg));
        assertThrows(IllegalArgumentException.class, () -> new GridAssembler(g).boundary(Side.ZMIN, BoundaryCondition.dirichlet(0)));
        assertThrows(IllegalArgumentException.class, () -> StructuredGrid.unitSquareWithCells(1));
    }
}
