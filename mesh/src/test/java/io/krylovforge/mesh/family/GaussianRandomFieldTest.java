package io.krylovforge.mesh.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianRandomFieldTest {
    @Test
    void modeVariancesMatchTheSpectrumWithinSamplingError() {
        int s = 16;
        int m = 600;
        GaussianRandomField grf = GaussianRandomField.fno(s);
        double[] c = grf.basis();
        double[][] sum = new double[s][s];
        double[][] sq = new double[s][s];
        SplittableRandom rnd = new SplittableRandom(42);
        for (int rep = 0; rep < m; rep++) {
            double[] u = grf.sample(rnd);
            double fieldMean = 0;
            for (double v : u) {
                fieldMean += v;
            }
            assertEquals(0.0, fieldMean / u.length, 1e-12, "mean mode is off, so every sample has zero mean");
            // forward DCT: L = Cᵀ U C (C orthonormal)
            for (int k2 = 0; k2 < s; k2++) {
                for (int k1 = 0; k1 < s; k1++) {
                    double l = 0;
                    for (int j = 0; j < s; j++) {
                        for (int i = 0; i < s; i++) {
                            l += c[j * s + k2] * u[j * s + i] * c[i * s + k1];
                        }
                    }
                    sum[k2][k1] += l;
                    sq[k2][k1] += l * l;
                }
            }
        }
        double ratioSum = 0;
        int modes = 0;
        for (int k2 = 0; k2 < s; k2++) {
            for (int k1 = 0; k1 < s; k1++) {
                double sd = grf.modeStdDev(k1, k2);
                if (sd == 0) {
                    assertEquals(0.0, sq[k2][k1], 1e-20);
                    continue;
                }
                double mean = sum[k2][k1] / m;
                double var = sq[k2][k1] / m;
                // mean ~ N(0, sd²/m): 5 standard errors; variance: relative sd √(2/m) ≈ 0.058
                assertEquals(0.0, mean, 5 * sd / Math.sqrt(m), "mean of mode " + k1 + "," + k2);
                assertEquals(1.0, var / (sd * sd), 5 * Math.sqrt(2.0 / m), "variance of mode " + k1 + "," + k2);
                ratioSum += var / (sd * sd);
                modes++;
            }
        }
        // averaged over 255 modes the ratio is within a few 0.058/√255 ≈ 0.0036
        assertEquals(1.0, ratioSum / modes, 0.02);
    }

    @Test
    void spectrumFollowsTheFormula() {
        GaussianRandomField grf = new GaussianRandomField(new GaussianRandomField.Options(8, 2.5, 7.0));
        double expected = 8 * Math.pow(7, 1.5) * Math.pow(Math.PI * Math.PI * 5 + 49, -1.25);
        assertEquals(expected, grf.modeStdDev(1, 2), 1e-14);
        assertEquals(grf.modeStdDev(1, 2), grf.modeStdDev(2, 1), 0.0);
        assertEquals(0.0, grf.modeStdDev(0, 0));
    }

    @Test
    void seededAndRejectsBadInput() {
        GaussianRandomField grf = GaussianRandomField.fno(10);
        assertArrayEquals(grf.sample(new SplittableRandom(7)), grf.sample(new SplittableRandom(7)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianRandomField(GaussianRandomField.Options.fno(1)));
        assertThrows(IllegalArgumentException.class, () -> new GaussianRandomField(GaussianRandomField.Options.fno(8).withAlpha(-1)));
    }

    @Test
    void aResolutionBeyondTheHeapIsRefusedWithTheBytesNeeded() {
        // issue #20: s = 30000 used to exhaust the heap inside the constructor
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GaussianRandomField.fno(30000));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("needs 41198.7 MiB")
                && e.getMessage().contains("Java heap is at most"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GaussianRandomField.fno(50000));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("s <= 46340"), e.getMessage());
    }

    /**
     * The blocked products sum each element's terms in the same order as term-by-term row
     * updates (the sampler before the blocking), so fields are bit for bit the same and datasets
     * made before keep their checksums; sizes with a remainder after the blocks of four included.
     */
    @Test
    void fieldIsBitForBitTheTermByTermProduct() {
        for (int s : new int[] {2, 3, 5, 7, 8, 33, 66}) {
            GaussianRandomField grf = GaussianRandomField.fno(s);
            double[] c = grf.basis();
            for (long seed = 1; seed <= 3; seed++) {
                SplittableRandom random = new SplittableRandom(seed);
                double[] l = new double[s * s];
                for (int k2 = 0; k2 < s; k2++) {
                    for (int k1 = 0; k1 < s; k1++) {
                        l[k2 * s + k1] = grf.modeStdDev(k1, k2) * random.nextGaussian();
                    }
                }
                double[] t = new double[s * s];
                for (int j = 0; j < s; j++) {
                    for (int k2 = 0; k2 < s; k2++) {
                        double cj = c[j * s + k2];
                        if (cj != 0.0) {
                            for (int k1 = 0; k1 < s; k1++) {
                                t[j * s + k1] += cj * l[k2 * s + k1];
                            }
                        }
                    }
                }
                double[] u = new double[s * s];
                for (int j = 0; j < s; j++) {
                    for (int k1 = 0; k1 < s; k1++) {
                        for (int i = 0; i < s; i++) {
                            u[j * s + i] += t[j * s + k1] * c[i * s + k1];
                        }
                    }
                }
                double[] got = grf.sample(new SplittableRandom(seed));
                for (int p = 0; p < u.length; p++) {
                    assertEquals(Double.doubleToRawLongBits(u[p]), Double.doubleToRawLongBits(got[p]),
                            "s = " + s + ", seed " + seed + ", point " + p);
                }
            }
        }
    }
}
