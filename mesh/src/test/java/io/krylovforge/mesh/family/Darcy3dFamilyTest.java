package io.krylovforge.mesh.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.mesh.TestSolve;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Darcy3dFamilyTest {
    @Test
    void samplesAreSpdDeterministicAndShapedAsTheCellGrid() {
        PdeFamily fam = Families.create("darcy3d", 10);
        assertEquals("darcy3d", fam.name());
        assertEquals(1000, fam.size());
        PdeInstance p = fam.sample(3L);
        PdeInstance q = fam.sample(3L);
        PdeInstance r = fam.sample(4L);
        assertArrayEquals(new int[] {10, 10, 10}, p.parameterShape());
        assertArrayEquals(p.parameters(), q.parameters(), "same seed, same K");
        assertArrayEquals(p.a().values(), q.a().values(), "same seed, same A");
        assertArrayEquals(p.b(), q.b());
        assertFalse(Arrays.equals(p.parameters(), r.parameters()), "other seed, other K");
        assertTrue(p.a().samePattern(r.a()), "one pattern for the family");
        assertTrue(p.a().isSymmetric(0.0));
        assertTrue(Cholesky.analyze(p.a()).factor(p.a()).ok(), "SPD");
        double lo = Double.MAX_VALUE;
        double hi = 0.0;
        for (double k : p.parameters()) {
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        assertTrue(lo > 0 && hi / lo > 1.5 && hi / lo < 1e4, "K = exp(GRF) positive and varying: " + lo + ".." + hi);
        double[] u = TestSolve.cg(p.a(), p.b());
        for (double v : u) {
            assertTrue(v > 0, "pressure with f = 1 and zero Dirichlet data is positive");
        }
        assertEquals(1000, p.discretisation().coordinates().length / 3);
        assertArrayEquals(u, p.discretisation().expand(u), "every cell is an unknown");
    }

    @Test
    void constantCoefficientScalesTheSolution() {
        // K ≡ c: A = c·A₁, so u = u₁/c; checks the assembly's coefficient handling end to end
        io.krylovforge.mesh.grid.FiniteVolume3d fv = new io.krylovforge.mesh.grid.FiniteVolume3d(6);
        double[] one = new double[fv.size()];
        Arrays.fill(one, 1.0);
        double[] four = new double[fv.size()];
        Arrays.fill(four, 4.0);
        CsrMatrix a1 = fv.assemble(one, io.krylovforge.mesh.ScalarField.constant(1.0)).a();
        var s4 = fv.assemble(four, io.krylovforge.mesh.ScalarField.constant(1.0));
        double[] u1 = TestSolve.cg(a1, fv.assemble(one, io.krylovforge.mesh.ScalarField.constant(1.0)).b());
        double[] u4 = TestSolve.cg(s4.a(), s4.b());
        for (int i = 0; i < u1.length; i++) {
            assertEquals(u1[i] / 4.0, u4[i], 1e-9 * Math.abs(u1[i]));
        }
    }

    @Test
    void fieldHasTheKarhunenLoeveVariance() {
        int s = 6;
        GaussianRandomField3d grf = GaussianRandomField3d.fno(s);
        assertEquals(0.0, grf.modeStdDev(0, 0, 0));
        assertEquals(grf.modeStdDev(1, 2, 3), grf.modeStdDev(3, 1, 2), 1e-15, "isotropic spectrum");
        assertTrue(grf.modeStdDev(1, 0, 0) > grf.modeStdDev(2, 0, 0), "decaying spectrum");
        // Var u(cell c) = Σ_k σ_k² φ_k(c)² with the orthonormal DCT basis φ; check at one cell
        double[] basis = new double[s * s];
        for (int p = 0; p < s; p++) {
            for (int k = 0; k < s; k++) {
                basis[p * s + k] = (k == 0 ? Math.sqrt(1.0 / s) : Math.sqrt(2.0 / s))
                        * Math.cos(Math.PI * (2 * p + 1) * k / (2.0 * s));
            }
        }
        int ci = 1;
        int cj = 2;
        int ck = 4;
        double expected = 0.0;
        for (int k3 = 0; k3 < s; k3++) {
            for (int k2 = 0; k2 < s; k2++) {
                for (int k1 = 0; k1 < s; k1++) {
                    double phi = basis[ci * s + k1] * basis[cj * s + k2] * basis[ck * s + k3];
                    double sd = grf.modeStdDev(k1, k2, k3);
                    expected += sd * sd * phi * phi;
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(99L);
        int draws = 4000;
        double sum = 0.0;
        double sum2 = 0.0;
        for (int d = 0; d < draws; d++) {
            double v = grf.sample(rnd)[(ck * s + cj) * s + ci];
            sum += v;
            sum2 += v * v;
        }
        double mean = sum / draws;
        double var = sum2 / draws - mean * mean;
        assertEquals(expected, var, 0.1 * expected, "sample variance vs Σ σ² φ²");
        assertEquals(0.0, mean, 4 * Math.sqrt(expected / draws), "zero mean");
        assertArrayEquals(grf.sample(new SplittableRandom(5L)), grf.sample(new SplittableRandom(5L)), "seeded");
        assertThrows(IllegalArgumentException.class, () -> new GaussianRandomField3d(GaussianRandomField.Options.fno(8).withAlpha(1.5)));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Families.create("darcy3d", 5000));
        assertTrue(big.getMessage().startsWith("darcy3d with 5000 cells per side needs about"), big.getMessage());
    }
}
