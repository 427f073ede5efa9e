package io.krylovforge.mesh.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.mesh.TestSolve;
import io.krylovforge.mesh.grid.CoefficientScheme;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import org.junit.jupiter.api.Test;

class FamiliesTest {
    @Test
    void everyRegisteredFamilySamplesDeterministically() {
        for (String name : Families.names()) {
            PdeFamily fam = Families.create(name, 12);
            assertEquals(name, fam.name());
            PdeInstance p = fam.sample(5);
            PdeInstance q = fam.sample(5);
            PdeInstance r = fam.sample(6);
            assertEquals(fam.size(), p.size(), name);
            assertEquals(5, p.seed());
            assertArrayEquals(p.b(), q.b(), name);
            assertArrayEquals(p.parameters(), q.parameters(), name);
            assertNotEquals(0.0, p.parameterDistance(r), name);
            assertEquals(fam.symmetric(), p.a().isSymmetric(1e-12), name);
            if (fam.fixedMatrix()) {
                assertSame(p.a(), r.a(), name);
            }
        }
        assertThrows(Families.UnknownFamilyException.class, () -> Families.create("navier-stokes", 16));
        assertThrows(IllegalArgumentException.class, () -> Families.create("darcy", 2));
    }

    @Test
    void darcyIsSpdWithTheSkrSizesAndKField() {
        PdeFamily darcy = Families.create("darcy", 22);
        PdeInstance p = darcy.sample(1);
        assertEquals(400, p.size());
        assertArrayEquals(new int[] {22, 22}, p.parameterShape());
        for (double k : p.parameters()) {
            assertTrue(k > 0, "K = exp(GRF) is positive");
        }
        double[] x = TestSolve.cg(p.a(), p.b());
        for (double v : x) {
            assertTrue(v > 0, "pressure with f = 1 and zero Dirichlet data is positive");
        }
        assertEquals(2500, new DarcyFamily(52, CoefficientScheme.HARMONIC_MEAN).size());
    }

    @Test
    void darcySkrVariantHasNeighbourCoefficientsOffDiagonal() {
        PdeInstance p = Families.create("darcy-skr", 10).sample(3);
        GridSystem g = (GridSystem) p.discretisation();
        double[] k = p.parameters();
        int node = g.grid().node(4, 5, 0);
        int row = g.nodeToUnknown()[node];
        int north = g.nodeToUnknown()[g.grid().node(4, 6, 0)];
        assertEquals(4 * k[node], p.a().get(row, row), 1e-12);
        assertEquals(-k[g.grid().node(4, 6, 0)], p.a().get(row, north), 1e-12);
        assertFalse(p.a().isSymmetric(1e-6));
    }

    @Test
    void helmholtzShiftsTheDarcyDiagonalByHSquaredKSquared() {
        int s = 14;
        PdeInstance d = new DarcyFamily(s, CoefficientScheme.HARMONIC_MEAN).sample(9);
        PdeInstance h = new HelmholtzFamily(s, CoefficientScheme.HARMONIC_MEAN, 1.0).sample(9);
        double k = h.parameters()[h.parameters().length - 1];
        double hh = 1.0 / (s - 1);
        assertTrue(k > 0 && k < 1);
        for (int i = 0; i < d.size(); i++) {
            assertEquals(d.a().get(i, i) - hh * hh * k * k, h.a().get(i, i), 1e-14);
        }
    }

    @Test
    void helmholtzWithLargeWavenumberIsIndefinite() {
        PdeFamily fam = new HelmholtzFamily(18, CoefficientScheme.HARMONIC_MEAN, 40.0);
        PdeInstance p = null;
        for (long seed = 0; seed < 20; seed++) {
            p = fam.sample(seed);
            if (p.parameters()[p.parameters().length - 1] > 20) {
                break;
            }
        }
        CsrMatrix a = p.a();
        // Rayleigh quotient of the smoothest mode sin(πx)sin(πy) is negative.
        GridSystem g = (GridSystem) p.discretisation();
        double[] c = g.coordinates();
        double[] v = new double[a.rows()];
        for (int i = 0; i < v.length; i++) {
            int node = g.unknownToNode()[i];
            v[i] = Math.sin(Math.PI * c[3 * node]) * Math.sin(Math.PI * c[3 * node + 1]);
        }
        double[] av = a.multiply(v);
        double q = 0;
        for (int i = 0; i < v.length; i++) {
            q += v[i] * av[i];
        }
        assertTrue(q < 0, "vᵀAv = " + q);
        // a diagonal entry stays positive, so A is indefinite; CG reports it honestly
        assertTrue(a.get(0, 0) > 0);
        SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(p.b()), DenseVector.zeros(a.rows()),
                SolverOptions.defaults().withRtol(1e-10).withMaxIterations(2000));
        assertTrue(r.reason() == StopReason.DIVERGED_INDEFINITE_MATRIX || r.converged(), r.summary());
    }

    @Test
    void poissonKeepsTheMatrixAndVariesTheRhs() {
        PdeFamily fam = Families.create("poisson", 17);
        PdeInstance p = fam.sample(1);
        PdeInstance q = fam.sample(2);
        assertSame(p.a(), q.a());
        assertArrayEquals(new int[] {5, 6}, p.parameterShape());
        for (double c : p.parameters()) {
            assertTrue(c >= -1 && c < 1);
        }
        double[] u = TestSolve.cg(p.a(), p.b());
        // the discrete solution interpolates the edge data continuously: a node next to the
        // bottom edge is close to the bottom data there
        GridSystem g = (GridSystem) p.discretisation();
        double[] full = g.expand(u);
        double[] c = p.parameters();
        ChebyshevSeries bottom = new ChebyshevSeries(java.util.Arrays.copyOfRange(c, 6, 12), 0, 1);
        int mid = g.grid().node(8, 0, 0);
        assertEquals(bottom.value(0.5), full[mid], 1e-14);
        assertEquals(full[mid], full[g.grid().node(8, 1, 0)], 0.5);
    }

    @Test
    void chebyshevSeriesMatchesTheTrigonometricDefinition() {
        double[] c = {0.3, -0.2, 0.5, 0.1, -0.7, 0.4};
        ChebyshevSeries s = new ChebyshevSeries(c, 0, 1);
        for (double x = 0; x <= 1.0; x += 0.125) {
            double t = 2 * x - 1;
            double expected = 0;
            for (int k = 0; k < c.length; k++) {
                expected += c[k] * Math.cos(k * Math.acos(t));
            }
            assertEquals(expected, s.value(x), 1e-13);
        }
    }

    @Test
    void heatCrankNicolsonMatricesAndMarching() {
        HeatSequence seq = new HeatSequence(HeatSequence.Options.learningToRelax(10).withSteps(400));
        assertEquals(81, seq.size());
        int step = 100;
        double kappa = seq.kappaAt(step);
        assertEquals(HeatSequence.kappa(0.1005), kappa, 1e-15);
        CsrMatrix a = seq.matrix(step);
        double c = 0.5 * kappa * 1e-3 * 100; // ½κΔt/h², h = 1/10
        assertEquals(1 + 4 * c, a.get(40, 40), 1e-14);
        assertEquals(-c, a.get(40, 41), 1e-14);
        assertTrue(a.isSymmetric(0.0));
        // κ = max(0.1 sin, −10 sin): in the second half period it is 10 |sin 2πt|
        assertEquals(10 * Math.sin(2 * Math.PI * 0.25), HeatSequence.kappa(0.75), 1e-12);
        // march 400 steps: the state stays bounded and positive (CN is unconditionally stable)
        double[] u = seq.initialState();
        for (int t = 0; t < 400; t++) {
            u = TestSolve.cg(seq.matrix(t), seq.rhs(t, u));
        }
        double max = 0;
        for (double v : u) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.01 && max < 2, "max |u| = " + max);
        PdeInstance p = new HeatFamily(10).sample(4);
        assertEquals(HeatSequence.kappa(p.parameters()[1] + 0.5e-3), p.parameters()[0], 1e-15);
    }

    @Test
    void convectionDiffusionRowSumsVanishAndSolves() {
        PdeInstance p = Families.create("convdiff", 12).sample(11);
        CsrMatrix a = p.a();
        assertFalse(a.isSymmetric(1e-8));
        double beta = Math.hypot(p.parameters()[0], p.parameters()[1]);
        assertTrue(beta >= 1 && beta <= 100);
        int full = 0;
        for (int i = 0; i < a.rows(); i++) {
            if (a.rowLength(i) == 5) {
                double sum = 0;
                for (int j = 0; j < a.rows(); j++) {
                    sum += a.get(i, j);
                }
                assertEquals(0.0, sum, 1e-13);
                full++;
            }
        }
        assertEquals(64, full);
        TestSolve.dense(a, p.b());
    }

    @Test
    void thermalBlockKeepsTheMatrixAndReproducesConstantTemperature() {
        ThermalFamily fam = new ThermalFamily(0.1);
        assertTrue(fam.mesh().minAngleDegrees() >= 20);
        PdeInstance p = fam.sample(1);
        PdeInstance q = fam.sample(2);
        assertSame(p.a(), q.a());
        assertEquals(3, p.parameters().length);
        assertTrue(p.parameters()[0] >= 0 && p.parameters()[0] <= 100 && p.parameters()[1] <= 0);
        // no flux, no source: the temperature is the left-edge value everywhere
        io.krylovforge.mesh.fem.FemSystem s = fam.assemble(37.0, 0.0, 0.0);
        double[] t = s.expand(TestSolve.cg(s.a(), s.b()));
        for (double v : t) {
            assertEquals(37.0, v, 1e-8);
        }
        // with outflow on the right the block cools below the left temperature
        s = fam.assemble(50.0, -20.0, 0.0);
        t = s.expand(TestSolve.cg(s.a(), s.b()));
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (double v : t) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        assertEquals(50.0, max, 1e-8, "maximum principle: the maximum is on the Dirichlet edge");
        assertTrue(min < 50.0 - 5.0, "a 1-wide block with flux 20 out drops by about 20: min = " + min);
    }

    @Test
    void poissonFemVariantIsSpdWithAFixedMatrix() {
        PdeFamily fam = Families.create("poisson-fem", 8);
        PdeInstance p = fam.sample(3);
        assertTrue(p.a().isSymmetric(1e-12));
        TestSolve.cg(p.a(), p.b());
        assertSame(p.a(), fam.sample(4).a());
    }

    @Test
    void heatOptionsAreValidatedWhereTheyAreGiven() {
        HeatSequence.Options o = HeatSequence.Options.learningToRelax(12).withSteps(30).withDt(2e-3);
        assertEquals(12, o.cellsPerSide());
        assertEquals(30, new HeatSequence(o).steps());
        assertEquals(2e-3, new HeatSequence(o).dt(), 0.0);
        assertEquals(11 * 11, new HeatSequence(o).size());
        assertThrows(IllegalArgumentException.class, () -> o.withSteps(0));
        assertThrows(IllegalArgumentException.class, () -> o.withCellsPerSide(1));
        assertThrows(IllegalArgumentException.class, () -> o.withDt(-1e-3));
    }
}
