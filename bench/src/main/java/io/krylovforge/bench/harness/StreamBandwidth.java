package io.krylovforge.bench.harness;

import io.krylovforge.core.linalg.Parallel;
import java.util.Arrays;

/**
 * STREAM-style copy bandwidth (b[i] = a[i]) measured with the same fork-join pool the kernels
 * use. Counts 16 bytes per element (one read, one write), as STREAM does. An instance keeps its
 * two arrays, so a run can measure again beside each case without allocating (and collecting)
 * them each time.
 */
public final class StreamBandwidth {
    /** Doubles per array for the measurements beside each case: 64 MiB, far beyond any cache. */
    static final int CASE_LENGTH = 1 << 23;
    /** Copies per measurement beside a case (best taken): about 3 ms each at 40–60 GB/s. */
    static final int CASE_REPEATS = 8;

    private final double[] a;
    private final double[] b;

    /** Two arrays of {@code n} doubles, touched once so the first timed copy pays no page faults. */
    StreamBandwidth(int n) {
        a = new double[n];
        b = new double[n];
        Arrays.fill(a, 1.0);
        Arrays.fill(b, 0.0);
    }

    /** Best of {@code repeats} timed copies (after two untimed ones), in bytes per second. */
    double bestOf(int repeats) {
        int n = a.length;
        long best = Long.MAX_VALUE;
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
        b[n - 1] = 0.0; // the next measurement checks its own copy
        return 16.0 * n / (best * 1e-9);
    }

    /** Best-of-{@code repeats} copy bandwidth in bytes per second over {@code n} doubles. */
    public static double copyBytesPerSecond(int n, int repeats) {
        return new StreamBandwidth(n).bestOf(repeats);
    }

    /** Default measurement: 32M doubles (256 MiB per array, far beyond any cache), best of 5. */
    public static double copyBytesPerSecond() {
        return copyBytesPerSecond(1 << 25, 5);
    }
}
