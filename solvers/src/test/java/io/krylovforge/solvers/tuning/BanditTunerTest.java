package io.krylovforge.solvers.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tuners on synthetic cost surfaces shaped like SOR iteration counts: a sharp valley around the
 * best ω with multiplicative noise. (Tests on real SOR/SSOR solves live in TunedSequenceSolverTest.)
 */
class BanditTunerTest {
    private static final OmegaGrid GRID = OmegaGrid.standard();

    /** Iterations of a fictitious solver: minimum 40 at ω = best, steep on both sides. */
    private static double cost(double omega, double best, SplittableRandom noise) {
        double base = 40.0 + 900.0 * (omega - best) * (omega - best);
        return Math.round(base * (1.0 + 0.05 * (noise.nextDouble() - 0.5)));
    }

    @Test
    void tsallisInfConcentratesOnTheBestArm() {
        TsallisInf tuner = new TsallisInf(GRID, 42);
        SplittableRandom noise = new SplittableRandom(7);
        double best = GRID.omega(12); // 1.6
        int near = 0;
        int rounds = 4000;
        for (int t = 0; t < rounds; t++) {
            double omega = tuner.choose(0.0);
            tuner.observe(cost(omega, best, noise));
            if (t >= rounds - 500 && Math.abs(GRID.nearestArm(omega) - 12) <= 1) {
                near++;
            }
        }
        assertTrue(near >= 0.7 * 500, "plays near the best arm in the last 500: " + near);
        double[] p = tuner.probabilities();
        double sum = 0;
        for (double v : p) {
            sum += v;
            assertTrue(v >= 0);
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void tsallisInfIsDeterministicPerSeedAndResumable() {
        TsallisInf a = new TsallisInf(GRID, 5);
        TsallisInf b = new TsallisInf(GRID, 5);
        SplittableRandom n1 = new SplittableRandom(1);
        SplittableRandom n2 = new SplittableRandom(1);
        for (int t = 0; t < 300; t++) {
            double wa = a.choose(0);
            double wb = b.choose(0);
            assertEquals(wa, wb);
            a.observe(cost(wa, 1.5, n1));
            b.observe(cost(wb, 1.5, n2));
        }
        // Snapshot, restore into a fresh tuner: both continue identically.
        TunerState s = a.state();
        TsallisInf c = new TsallisInf(GRID, 999);
        c.restore(s);
        a.restore(s);
        for (int t = 0; t < 100; t++) {
            double wa = a.choose(0);
            assertEquals(wa, c.choose(0));
            a.observe(50);
            c.observe(50);
        }
        assertThrows(IllegalArgumentException.class, () -> new ChebCb(GRID, 0, 1, 1).restore(s));
        assertThrows(IllegalStateException.class, () -> new TsallisInf(GRID, 1).observe(3));
    }

    /** Contextual cost: the best ω moves with the context c ∈ [0, 1]. */
    private static double bestOmega(double c) {
        return 1.25 + 0.55 * c;
    }

    @Test
    void chebCbPredictsIterationCountsOnHeldOutContexts() {
        ChebCb tuner = new ChebCb(GRID, 0.0, 1.0, 11);
        SplittableRandom ctx = new SplittableRandom(3);
        SplittableRandom noise = new SplittableRandom(4);
        long total = 0;
        long lastThousand = 0;
        int rounds = 3000;
        for (int t = 0; t < rounds; t++) {
            double c = ctx.nextDouble();
            double omega = tuner.choose(c);
            double k = cost(omega, bestOmega(c), noise);
            tuner.observe(k);
            total += k;
            if (t >= rounds - 1000) {
                lastThousand += k;
            }
        }
        // Held-out contexts: the model's prediction for the arm it would exploit is within 20 %.
        SplittableRandom held = new SplittableRandom(99);
        for (int q = 0; q < 20; q++) {
            double c = held.nextDouble();
            int arm = GRID.nearestArm(bestOmega(c));
            double truth = 40.0 + 900.0 * Math.pow(GRID.omega(arm) - bestOmega(c), 2);
            double predicted = tuner.predictCost(arm, c);
            assertEquals(truth, predicted, 0.2 * truth, "context " + c + ", arm " + arm);
        }
        // Late plays track the instance-optimal cost (about 40 plus grid error) closely.
        double lateMean = lastThousand / 1000.0;
        assertTrue(lateMean < 1.15 * 42.0, "late mean cost " + lateMean + ", total " + total);
    }

    @Test
    void contextualTsallisBeatsTheBestFixedArmWhenTheOptimumMoves() {
        TsallisInfCb cb = new TsallisInfCb(GRID, 0.0, 1.0, 5, 8);
        SplittableRandom ctx = new SplittableRandom(5);
        SplittableRandom noise = new SplittableRandom(6);
        double learned = 0;
        double fixed = 0;
        int rounds = 6000;
        for (int t = 0; t < rounds; t++) {
            double c = ctx.nextDouble();
            double omega = cb.choose(c);
            double k = cost(omega, bestOmega(c), noise);
            cb.observe(k);
            if (t >= rounds - 2000) {
                learned += k;
                fixed += 40.0 + 900.0 * Math.pow(1.5 - bestOmega(c), 2); // ω = 1.5: best fixed here
            }
        }
        assertTrue(learned < fixed, "contextual " + learned + " vs best fixed " + fixed);
    }

    @Test
    void gridAndFixedValidate() {
        assertEquals(1.95, GRID.omega(19), 1e-15);
        assertEquals(0, GRID.nearestArm(0.3));
        assertThrows(IllegalArgumentException.class, () -> new OmegaGrid(1.0, 2.0, 5));
        assertThrows(IllegalArgumentException.class, () -> new FixedOmega(2.0));
        assertEquals(1.3, new FixedOmega(1.3).choose(7.0));
    }
}
