package io.krylovforge.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CPU backend's fused steps against the interface defaults built from single vector ops. */
class FusedStepsTest {
    /** A backend with only the defaults: what a device backend gets unless it overrides a step. */
    private static final Backend DEFAULTS = new Backend() {
        @Override
        public String name() {
            return "defaults";
        }

        @Override
        public Vector zeros(int n) {
            return DenseVector.zeros(n);
        }
    };

    private static Vector random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(-1.0, 1.0);
        }
        return DenseVector.wrap(v);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 4096, 9000, 140_000})
    void bicgUpdateEqualsTheDefaultBitForBit(int n) {
        Vector p = random(n, 1);
        Vector s = random(n, 2);
        Vector t = random(n, 3);
        Vector rhat = random(n, 4);
        Vector x0 = random(n, 5);
        Vector r0 = random(n, 6);
        for (boolean sIsR : new boolean[] {false, true}) {
            Vector xa = x0.copy();
            Vector ra = r0.copy();
            double[] rhoA = new double[2];
            double rrA = DEFAULTS.bicgUpdate(0.8, p, -0.4, sIsR ? ra : s, xa, t, ra, rhat, rhoA);
            Vector xb = x0.copy();
            Vector rb = r0.copy();
            double[] rhoB = new double[2];
            double rrB = CpuBackend.INSTANCE.bicgUpdate(0.8, p, -0.4, sIsR ? rb : s, xb, t, rb, rhat, rhoB);
            assertArrayEquals(xa.toArray(), xb.toArray(), 0.0, "x, s is r: " + sIsR);
            assertArrayEquals(ra.toArray(), rb.toArray(), 0.0, "r, s is r: " + sIsR);
            assertEquals(Double.doubleToLongBits(rrA), Double.doubleToLongBits(rrB), "r'r");
            assertEquals(Double.doubleToLongBits(rhoA[0]), Double.doubleToLongBits(rhoB[0]), "rhat'r");
            assertEquals(rb.dot(rb), rrB, 0.0);
        }
    }
}
