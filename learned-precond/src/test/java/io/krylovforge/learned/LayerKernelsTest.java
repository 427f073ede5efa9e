package io.krylovforge.learned;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forward kernels against hand-computed values and a naive reference convolution. */
class LayerKernelsTest {

    /** Naive "same" cross-correlation, one channel in and out, for reference. */
    private static double[] naive(double[] in, double[] w, double bias, int nx, int ny, int nz, int kd) {
        double[] out = new double[nx * ny * nz];
        int h = kd / 2;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double s = bias;
                    for (int dz = -h; dz <= h; dz++) {
                        for (int dy = -1; dy <= 1; dy++) {
                            for (int dx = -1; dx <= 1; dx++) {
                                int xx = x + dx;
                                int yy = y + dy;
                                int zz = z + dz;
                                if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
                                    s += w[((dz + h) * 3 + dy + 1) * 3 + dx + 1] * in[(zz * ny + yy) * nx + xx];
                                }
                            }
                        }
                    }
                    out[(z * ny + y) * nx + x] = s;
                }
            }
        }
        return out;
    }

    @Test
    void convolutionMatchesNaiveReference2dAnd3d() {
        Random r = new Random(4);
        int[][] shapes = {{5, 4, 1, 1}, {1, 1, 1, 1}, {3, 4, 5, 3}, {2, 1, 1, 3}};
        for (int[] s : shapes) {
            int n = s[0] * s[1] * s[2];
            int kk = 9 * s[3];
            double[] in = new double[n];
            double[] w = new double[kk + 2]; // offset 2 exercises wOff
            for (int i = 0; i < n; i++) {
                in[i] = r.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextGaussian();
            }
            double[] bias = {0.0, 0.7};
            double[] out = new double[n];
            LayerKernels.convForward(in, 1, w, 2, bias, 1, out, 1, s[0], s[1], s[2], s[3]);
            assertArrayEquals(naive(in, java.util.Arrays.copyOfRange(w, 2, w.length), 0.7, s[0], s[1], s[2], s[3]),
                    out, 1e-12);
        }
    }

    /**
     * The plain multi-channel loop in the order the kernel documents (bias, then ci, dz, dy, dx,
     * taps outside the grid skipped): convForward must reproduce it bit for bit.
     */
    private static double[] tapByTap(double[] in, int ci, double[] w, double[] bias, int co, int nx, int ny, int nz,
            int kd) {
        int n = nx * ny * nz;
        int h = kd / 2;
        double[] out = new double[co * n];
        for (int o = 0; o < co; o++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    for (int x = 0; x < nx; x++) {
                        double s = bias[o];
                        for (int i = 0; i < ci; i++) {
                            for (int dz = -h; dz <= h; dz++) {
                                for (int dy = -1; dy <= 1; dy++) {
                                    for (int dx = -1; dx <= 1; dx++) {
                                        int xx = x + dx;
                                        int yy = y + dy;
                                        int zz = z + dz;
                                        if (xx >= 0 && xx < nx && yy >= 0 && yy < ny && zz >= 0 && zz < nz) {
                                            s += w[((o * ci + i) * kd + dz + h) * 9 + (dy + 1) * 3 + dx + 1]
                                                    * in[i * n + (zz * ny + yy) * nx + xx];
                                        }
                                    }
                                }
                            }
                        }
                        out[o * n + (z * ny + y) * nx + x] = s;
                    }
                }
            }
        }
        return out;
    }

    @Test
    void multiChannelConvolutionIsBitIdenticalToTapByTapSerialAndParallel() {
        Random r = new Random(8);
        // {nx, ny, nz, kd, ci, co}: odd sizes, a 1-wide and a 2-wide grid, an odd channel count,
        // and two grids whose work exceeds PARALLEL_WORK (split over the fork-join pool)
        int[][] shapes = {{5, 4, 1, 1, 3, 5}, {1, 3, 1, 1, 2, 2}, {2, 2, 2, 3, 3, 3}, {7, 5, 6, 3, 4, 3},
            {9, 8, 7, 3, 16, 16}, {37, 33, 1, 1, 16, 16}};
        for (int[] s : shapes) {
            int n = s[0] * s[1] * s[2];
            int kk = 9 * s[3];
            double[] in = new double[s[4] * n];
            double[] w = new double[s[5] * s[4] * kk];
            double[] bias = new double[s[5]];
            for (int i = 0; i < in.length; i++) {
                in[i] = r.nextGaussian();
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextGaussian();
            }
            for (int i = 0; i < bias.length; i++) {
                bias[i] = r.nextGaussian();
            }
            double[] out = new double[s[5] * n];
            LayerKernels.convForward(in, s[4], w, 0, bias, 0, out, s[5], s[0], s[1], s[2], s[3]);
            assertArrayEquals(tapByTap(in, s[4], w, bias, s[5], s[0], s[1], s[2], s[3]), out, 0.0,
                    java.util.Arrays.toString(s));
        }
        long work = 16L * 16 * 27 * 9 * 8 * 7;
        org.junit.jupiter.api.Assertions.assertTrue(work >= LayerKernels.PARALLEL_WORK);
    }

    /** The plain whole-grid loop convBackward had before the row-blocked kernel (reference). */
    private static void plainBackward(double[] in, int ci, double[] w, double[] gOut, int co, double[] gIn,
            double[] gParams, int bOff, int nx, int ny, int nz, int kd) {
        int n = nx * ny * nz;
        int kk = kd * 9;
        int half = kd / 2;
        for (int o = 0; o < co; o++) {
            double s = 0.0;
            for (int p = 0; p < n; p++) {
                s += gOut[o * n + p];
            }
            gParams[bOff + o] += s;
            for (int i = 0; i < ci; i++) {
                int wb = (o * ci + i) * kk;
                for (int dz = -half; dz <= half; dz++) {
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int widx = wb + ((dz + half) * 3 + dy + 1) * 3 + dx + 1;
                            double gw = 0.0;
                            for (int z = Math.max(0, -dz); z < Math.min(nz, nz - dz); z++) {
                                for (int y = Math.max(0, -dy); y < Math.min(ny, ny - dy); y++) {
                                    for (int x = Math.max(0, -dx); x < Math.min(nx, nx - dx); x++) {
                                        double g = gOut[o * n + (z * ny + y) * nx + x];
                                        int src = i * n + ((z + dz) * ny + y + dy) * nx + x + dx;
                                        gw += g * in[src];
                                        gIn[src] += w[widx] * g;
                                    }
                                }
                            }
                            gParams[widx] += gw;
                        }
                    }
                }
            }
        }
    }

    @Test
    void backwardMatchesPlainLoopToRoundingAndAccumulates() {
        Random r = new Random(12);
        // {nx, ny, nz, kd, ci, co}: as the forward test, incl. grids split over the pool
        int[][] shapes = {{5, 4, 1, 1, 3, 5}, {1, 3, 1, 1, 2, 2}, {2, 2, 2, 3, 3, 3}, {7, 5, 6, 3, 4, 3},
            {9, 8, 7, 3, 16, 16}, {37, 33, 1, 1, 16, 16}, {1, 1, 1, 3, 1, 1}};
        for (int[] s : shapes) {
            int n = s[0] * s[1] * s[2];
            int kk = 9 * s[3];
            int ci = s[4];
            int co = s[5];
            double[] in = gaussian(r, ci * n);
            double[] w = gaussian(r, co * ci * kk + co); // weights, then biases (bOff)
            double[] gOut = gaussian(r, co * n);
            double[] gIn0 = gaussian(r, ci * n); // nonzero start: the kernel must add, not overwrite
            double[] gP0 = gaussian(r, w.length);
            double[] gIn = gIn0.clone();
            double[] gP = gP0.clone();
            LayerKernels.convBackward(in, ci, w, 0, gOut, co, gIn, gP, co * ci * kk, s[0], s[1], s[2], s[3]);
            double[] rIn = gIn0.clone();
            double[] rP = gP0.clone();
            plainBackward(in, ci, w, gOut, co, rIn, rP, co * ci * kk, s[0], s[1], s[2], s[3]);
            assertArrayEquals(rIn, gIn, 1e-12 * (1 + maxAbs(rIn)), java.util.Arrays.toString(s));
            assertArrayEquals(rP, gP, 1e-12 * (1 + maxAbs(rP)), java.util.Arrays.toString(s));
            // without gIn: same parameter gradient, bit for bit (the reduction order is fixed)
            double[] gP2 = gP0.clone();
            LayerKernels.convBackward(in, ci, w, 0, gOut, co, null, gP2, co * ci * kk, s[0], s[1], s[2], s[3]);
            assertArrayEquals(gP, gP2, 0.0);
        }
    }

    private static double[] gaussian(Random r, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }

    private static double maxAbs(double[] a) {
        double m = 0.0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void shiftKernelShowsOrientationAndZeroPadding() {
        double[] in = {1, 2, 3, 4};
        double[] w = new double[9];
        w[1 * 3 + 2] = 1.0; // dx = +1: out(x) = in(x + 1)
        double[] out = new double[4];
        LayerKernels.convForward(in, 1, w, 0, new double[1], 0, out, 1, 4, 1, 1, 1);
        assertArrayEquals(new double[] {2, 3, 4, 0}, out);
    }

    @Test
    void poolAndUpsampleOnOddGrid() {
        // 3x3 grid -> 2x2: windows of 4, 2, 2, 1 cells
        double[] in = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] pooled = new double[4];
        LayerKernels.avgPoolForward(in, pooled, 1, 3, 3, 1, 1);
        assertArrayEquals(new double[] {3.0, 4.5, 7.5, 9.0}, pooled, 1e-15);
        double[] up = new double[9];
        LayerKernels.upsampleForward(pooled, up, 1, 3, 3, 1, 1);
        assertArrayEquals(new double[] {3, 3, 4.5, 3, 3, 4.5, 7.5, 7.5, 9}, up, 1e-15);
        // 3D: 2x2x2 -> 1 cell, the mean
        double[] cube = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] one = new double[1];
        LayerKernels.avgPoolForward(cube, one, 1, 2, 2, 2, 2);
        assertEquals(4.5, one[0], 1e-15);
    }

    @Test
    void architectureValidatesLayerLists() {
        Architecture a = Architecture.cpuDefault(new Grid(32, 32, 1));
        assertEquals(12, a.layers().size()); // 1 + 2 + pool + 4 + up + 2 + dense
        assertEquals(9, a.layers().stream().filter(l -> l.kind() == Layer.Kind.CONV).count());
        Architecture paper64 = Architecture.dcdm(new Grid(64, 64, 64), DcdmShape.paper()); // the paper's N = 64 net
        assertEquals(18, paper64.layers().size()); // 1 + 4 + pool + 6 + up + 4 + dense
        assertEquals(15, paper64.layers().stream().filter(l -> l.kind() == Layer.Kind.CONV).count());
        assertThrows(IllegalArgumentException.class, () -> new Architecture(2, 4, 8, 8, 1,
                List.of(new Layer(Layer.Kind.CONV, 0, -1, 4, false)))); // ends with 4 channels
        assertThrows(IllegalArgumentException.class, () -> new Architecture(2, 4, 8, 8, 1,
                List.of(new Layer(Layer.Kind.UPSAMPLE, 0, -1, 1, false)))); // above the input level
        assertThrows(IllegalArgumentException.class, () -> new Architecture(2, 4, 8, 8, 1,
                List.of(new Layer(Layer.Kind.DENSE, 1, -1, 1, false)))); // reads its own slot
        assertThrows(IllegalArgumentException.class, () -> new Architecture(2, 4, 8, 8, 2,
                List.of(new Layer(Layer.Kind.DENSE, 0, -1, 1, false)))); // 2D with nz = 2
    }
}
