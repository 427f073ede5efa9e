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

    /**
     * Timed copies of the measurement paired with each timed repetition of a CG case (the best is
     * taken; about 0.1 s): enough to see past a neighbour's pause of a few milliseconds.
     */
    public static final int PAIRED_REPEATS = 10;

    private StreamBandwidth() {
    }

    /** Best-of-{@code repeats} copy bandwidth in bytes per second over {@code n} doubles. */
    public static double copyBytesPerSecond(int n, int repeats) {
        return new Meter(n).bytesPerSecond(repeats);
    }

    /** Default measurement: 32M doubles (256 MiB per array, far beyond any cache), best of 5. */
    public static double copyBytesPerSecond() {
        return copyBytesPerSecond(DEFAULT_LENGTH, 5);
    }

    /**
     * Copy arrays allocated once and measured again and again: the harness pairs each timed
     * repetition of a CG case with a measurement taken right before it, since the bandwidth of
     * this VM drifted 38-73 GB/s between cases of one quiet run and a figure taken once per case
     * could be far from the one its solve met.
     */
    public static final class Meter {
        private final double[] a;
        private final double[] b;

        /** The default arrays (256 MiB each). */
        public Meter() {
            this(DEFAULT_LENGTH);
        }

        Meter(int n) {
            a = new double[n];
            b = new double[n];
            Arrays.fill(a, 1.0);
        }

        /**
         * Best of {@code repeats} timed copies (after two untimed ones), bytes per second.
         *
         * @param repeats timed copies, at least 1
         * @return the copy bandwidth, counting 16 bytes per element as STREAM does
         */
        public double bytesPerSecond(int repeats) {
            int n = a.length;
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
    }
}
