package io.krylovforge.bench.harness;

import java.util.Arrays;

/**
 * Summary of repeated timings: median (the figure reported), min, max and the relative spread
 * (max − min)/median, so a noisy measurement shows as noisy.
 */
public record Statistics(int count, double median, double min, double max) {
    public static Statistics of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        return new Statistics(n, median, s[0], s[n - 1]);
    }

    /** (max − min)/median; 0 for a single sample. */
    public double spread() {
        return median == 0.0 ? 0.0 : (max - min) / median;
    }
}
