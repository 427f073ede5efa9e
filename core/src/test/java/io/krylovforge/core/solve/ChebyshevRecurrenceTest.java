package io.krylovforge.core.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The shared Chebyshev recurrence, run on a scalar problem λ x = 1 from x = 0, must leave the
 * residual 1 − λ x_k equal to the scaled Chebyshev polynomial T_k((θ − λ)/δ) / T_k(θ/δ).
 */
class ChebyshevRecurrenceTest {

    private static double chebyshevT(int k, double t) {
        double prev = 1.0;
        double cur = t;
        if (k == 0) {
            return prev;
        }
        for (int j = 1; j < k; j++) {
            double next = 2.0 * t * cur - prev;
            prev = cur;
            cur = next;
        }
        return cur;
    }

    @Test
    void residualIsTheScaledChebyshevPolynomial() {
        double lo = 0.3;
        double hi = 4.0;
        ChebyshevRecurrence cheb = new ChebyshevRecurrence(lo, hi);
        double theta = 0.5 * (hi + lo);
        double delta = 0.5 * (hi - lo);
        for (double lambda : new double[] {0.3, 1.0, 2.5, 4.0}) {
            double x = 0.0;
            double d = 0.0;
            double rho = 0.0;
            for (int k = 1; k <= 8; k++) {
                double z = 1.0 - lambda * x; // unpreconditioned residual
                if (k == 1) {
                    rho = cheb.firstRho();
                    d = z / cheb.theta();
                } else {
                    double rhoNew = cheb.nextRho(rho);
                    d = cheb.directionWeight(rhoNew, rho) * d + cheb.correctionWeight(rhoNew) * z;
                    rho = rhoNew;
                }
                x += d;
                double expected = chebyshevT(k, (theta - lambda) / delta) / chebyshevT(k, theta / delta);
                assertEquals(expected, 1.0 - lambda * x, 1e-12, "lambda " + lambda + ", step " + k);
            }
        }
    }

    @Test
    void keepsTheInterval() {
        ChebyshevRecurrence cheb = new ChebyshevRecurrence(0.5, 2.5);
        assertEquals(0.5, cheb.lo());
        assertEquals(2.5, cheb.hi());
        assertEquals(1.5, cheb.theta());
        assertEquals(1.5, 1.0 / cheb.firstRho());
    }
}
