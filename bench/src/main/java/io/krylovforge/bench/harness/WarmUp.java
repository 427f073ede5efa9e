package io.krylovforge.bench.harness;

import java.util.Arrays;

/**
 * When a case has warmed up enough: at least a minimum time, then on until the solves stop
 * getting faster (the median of the last {@value #WINDOW} warm-up solves within 10 % of the
 * median of the {@value #WINDOW} before them) or a maximum time has passed. A fixed time alone
 * left the first case of a run timed while the JIT was still compiling the solver.
 */
final class WarmUp {
    /** Warm-up solves per window compared. */
    static final int WINDOW = 10;
    /** A window this much slower than the one before still counts as getting faster. */
    static final double SETTLED = 1.10;

    private final long start;
    private final long minNanos;
    private final long maxNanos;
    private final long[] recent = new long[2 * WINDOW];
    private long count;

    /**
     * @param start      System.nanoTime() when the warm-up began
     * @param minSeconds least warm-up time
     * @param maxSeconds most warm-up time
     */
    WarmUp(long start, double minSeconds, double maxSeconds) {
        this.start = start;
        this.minNanos = (long) (minSeconds * 1e9);
        this.maxNanos = (long) (maxSeconds * 1e9);
    }

    /** Records the time of one warm-up solve. */
    void record(long nanos) {
        recent[(int) (count++ % recent.length)] = nanos;
    }

    /** Whether to keep warming at time {@code now} (System.nanoTime()). */
    boolean goOn(long now) {
        long elapsed = now - start;
        if (elapsed < minNanos) {
            return true;
        }
        return elapsed < maxNanos && !settled();
    }

    /** Whether the last window of solves is no longer clearly faster than the one before. */
    boolean settled() {
        if (count < recent.length) {
            return false;
        }
        long[] older = new long[WINDOW];
        long[] newer = new long[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            older[i] = recent[(int) ((count + i) % recent.length)];
            newer[i] = recent[(int) ((count + WINDOW + i) % recent.length)];
        }
        return median(older) <= SETTLED * median(newer);
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return 0.5 * (s[(s.length - 1) / 2] + s[s.length / 2]);
    }
}
