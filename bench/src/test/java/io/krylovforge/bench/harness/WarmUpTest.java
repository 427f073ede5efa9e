package io.krylovforge.bench.harness;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up rule on made-up solve times (no clock is read). */
class WarmUpTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void warmsForTheMinimumThenUntilSolvesStopGettingFaster() {
        WarmUp w = new WarmUp(0, 0.5, 5.0);
        assertTrue(w.goOn(SECOND / 4), "before the minimum time");
        for (int i = 0; i < WarmUp.WINDOW; i++) {
            w.record(3_000_000); // interpreted / C1 code: 3 ms per solve
        }
        for (int i = 0; i < WarmUp.WINDOW; i++) {
            w.record(1_000_000); // compiled: 1 ms
        }
        assertFalse(w.settled());
        assertTrue(w.goOn(SECOND), "the last window is 3x faster than the one before");
        for (int i = 0; i < WarmUp.WINDOW; i++) {
            w.record(1_050_000); // noise around 1 ms
        }
        assertTrue(w.settled());
        assertFalse(w.goOn(SECOND));
    }

    @Test
    void stopsAtTheMaximumTimeEvenIfStillGettingFaster() {
        WarmUp w = new WarmUp(0, 0.5, 5.0);
        long t = 8_000_000;
        for (int i = 0; i < 4 * WarmUp.WINDOW; i++) {
            w.record(t);
            t = t * 9 / 10;
        }
        assertTrue(w.goOn(2 * SECOND));
        assertFalse(w.goOn(6 * SECOND));
    }

    @Test
    void tooFewSolvesAreNeverSettled() {
        WarmUp w = new WarmUp(0, 0.0, 5.0);
        for (int i = 0; i < 2 * WarmUp.WINDOW - 1; i++) {
            w.record(1_000_000);
        }
        assertTrue(w.goOn(SECOND));
    }
}
