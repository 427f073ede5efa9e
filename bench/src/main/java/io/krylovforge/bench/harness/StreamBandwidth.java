package io.krylovforge.bench.harness;

import io.krylovforge.core.linalg.Parallel;
import java.util.Arrays;

/**
 * STREAM-style copy bandwidth (b[i] = a[i]) measured with the same fork-join pool the kernels
 * use. Counts 16 bytes per element (one read, one write), as STREAM does.
 */
public final class StreamBandwidth {
    /** Doubles per array of the default measurement: 256 MiB. */
    static final int DEFAULT_LENGTH = 1 << 25;

    /** Timed copies of the measurement beside each CG case (the best is taken). */
    static final int CASE_REPEATS = 30;

    private StreamBandwidth() {
    }

    /** Best-of-{@code repeats} copy bandwidth in bytes per second over {@code n} doubles. */
    public static double copyBytesPerSecond(int n, int repeats) {
        double[] a = new double[n];
        double[] b = new double[n];
        Arrays.fill(a, 1.0);
        double best = Double.MAX_VALUE;
        for (int r = 0; r < repeats + 2; r++) {
            long t0 = System.nanoTime();
            Parallel.forRange(n, (from, to) -> System.arraycopy(a, from, b, from, to - from));
            long t = System.nanoTime() - t0;
            if (r >= 2) {
                best = Math.min(best, t);
            }
        }
        if (b[n - 1] != 1.0) {
            throw new IllegalStateException("internal: copy did not happen");
        }
        return 16.0 * n / (best * 1e-9);
    }

    /** Default measurement: 32M doubles (256 MiB per array, far beyond any cache), best of 5. */
    public static double copyBytesPerSecond() {
        return copyBytesPerSecond(DEFAULT_LENGTH, 5);
    }

    /**
     * The measurement right before a CG case with a floor: the default arrays (smaller ones, e.g.
     * 64 MiB, read 5-25 % faster here, partly from the large L3), best of 30 copies of about
     * 10 ms, so that a neighbour's pauses are caught. Against steady load on one core of a 2-core
     * machine it still reads that of the free core (28-41 GB/s here, against 54-66 GB/s quiet),
     * and the floor then lies below what the case reaches. About 0.5 s with the allocation.
     *
     * @return the copy bandwidth in bytes per second
     */
    public static double caseBytesPerSecond() {
        return copyBytesPerSecond(DEFAULT_LENGTH, CASE_REPEATS);
    }
}
