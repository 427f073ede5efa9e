package io.krylovforge.learned;

import io.krylovforge.core.linalg.Parallel;
import java.util.Arrays;

/**
 * The primitive kernels of {@link ConvNet}, forward and reverse mode, over plain double[] arrays.
 * This is the backend surface: a GPU implementation provides the same few functions.
 *
 * <p>Layout: a tensor with c channels on an nx×ny×nz grid is one array, channel-major, cell
 * (x, y, z) of channel ch at {@code ch·n + (z·ny + y)·nx + x}, n = nx·ny·nz. A 2D grid is
 * nz = 1 with kernel depth kd = 1. Convolution weights are [co][ci][kd][3][3] (cross-correlation,
 * as Keras/TensorFlow), biases [co]. Backward kernels accumulate (+=) into their outputs.
 *
 * <p>Requirements: arrays sized as described (checked once by the caller, not here).
 *
 * <p>Size (over 500 lines): on purpose one file, since it is the whole backend surface a GPU port
 * mirrors function by function; each kernel is its own short method.
 */
public final class LayerKernels {
    private LayerKernels() {
    }

    /**
     * Work (multiply-adds) above which {@link #convForward} splits its rows over
     * {@link Parallel#pool()}; below it, forking costs more than it saves.
     */
    static final long PARALLEL_WORK = 1L << 21;

    /**
     * out[co] = bias[co] + Σ_ci w[co][ci] ⋆ in[ci] ("same" zero padding); weights start at
     * w[wOff], biases at bias[bOff].
     *
     * <p>Each output element is summed in the fixed order bias, then ci, dz, dy, dx (skipping taps
     * that fall outside the grid), whatever the thread count: results are bit-identical serial and
     * parallel, and identical to the plain tap-by-tap loop. The work runs output line by output
     * line (one (y, z) line of nx cells): the co output lines are accumulated in an L1-resident
     * scratch, and each input line (with its x-shifted copies) is read once per (ci, dz, dy) and
     * applied to all co outputs, two output channels per pass, in an innermost loop over contiguous
     * x that HotSpot vectorises (about 4× the throughput of one whole-grid sweep per tap, measured
     * in bench/results/learned-dcdm.md). Lines are split over the fork-join pool of
     * {@link Parallel} when the work exceeds {@link #PARALLEL_WORK}; every line is written by one
     * task only. Allocates O(co·nx) scratch per call and task, none per line.
     */
    public static void convForward(double[] in, int ci, double[] w, int wOff, double[] bias, int bOff,
            double[] out, int co, int nx, int ny, int nz, int kd) {
        int rows = ny * nz;
        long work = (long) co * ci * kd * 9 * nx * rows;
        int threads = Parallel.threads();
        if (work < PARALLEL_WORK || threads <= 1 || rows < 2) {
            convRows(in, ci, w, wOff, bias, bOff, out, co, nx, ny, nz, kd, 0, rows);
            return;
        }
        int chunks = Math.min(rows, 4 * threads);
        Parallel.forChunks(chunks, (from, to) -> {
            for (int c = from; c < to; c++) {
                int r0 = (int) ((long) rows * c / chunks);
                int r1 = (int) ((long) rows * (c + 1) / chunks);
                convRows(in, ci, w, wOff, bias, bOff, out, co, nx, ny, nz, kd, r0, r1);
            }
        });
    }

    /**
     * {@link #convForward} on the output rows [rowFrom, rowTo) (row = z·ny + y); with a null bias it
     * accumulates (out += conv, the sum starting from the old out value) instead.
     */
    private static void convRows(double[] in, int ci, double[] w, int wOff, double[] bias, int bOff,
            double[] out, int co, int nx, int ny, int nz, int kd, int rowFrom, int rowTo) {
        int n = nx * ny * nz;
        int kk = kd * 9;
        int half = kd / 2;
        // HotSpot's SuperWord (JDK 17) vectorises a short loop whose arrays are all indexed [x], but
        // neither one array read at several offsets nor an output at an unknown offset (it cannot
        // rule out aliasing), and not a body too large to unroll. So the output line of each
        // channel is accumulated in acc[o][x], and each input line is copied three times, shifted
        // by dx = -1, 0, +1 with zero fill, into left/mid/right.
        double[][] acc = new double[co][nx];
        double[] left = new double[nx];
        double[] mid = new double[nx];
        double[] right = new double[nx];
        for (int row = rowFrom; row < rowTo; row++) {
            int z = row / ny;
            int y = row - z * ny;
            int base = row * nx;
            for (int o = 0; o < co; o++) {
                if (bias != null) {
                    Arrays.fill(acc[o], bias[bOff + o]);
                } else {
                    System.arraycopy(out, o * n + base, acc[o], 0, nx); // accumulate: out += conv
                }
            }
            for (int i = 0; i < ci; i++) {
                int ib = i * n;
                for (int dz = -half; dz <= half; dz++) {
                    int zz = z + dz;
                    if (zz < 0 || zz >= nz) {
                        continue; // zero padding: the whole kernel plane falls outside
                    }
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= ny) {
                            continue;
                        }
                        int s = ib + (zz * ny + yy) * nx;
                        System.arraycopy(in, s, mid, 0, nx);
                        left[0] = 0.0;
                        System.arraycopy(in, s, left, 1, nx - 1);
                        System.arraycopy(in, s + 1, right, 0, nx - 1);
                        right[nx - 1] = 0.0;
                        int tap = ((dz + half) * 3 + dy + 1) * 3; // (dz, dy, dx = -1) in a 3x3(x3) kernel
                        int o = 0;
                        for (; o + 1 < co; o += 2) {
                            int wb = wOff + (o * ci + i) * kk + tap;
                            int wc = wb + ci * kk;
                            tapRow2(left, mid, right, w[wb], w[wb + 1], w[wb + 2], acc[o],
                                    w[wc], w[wc + 1], w[wc + 2], acc[o + 1], nx);
                        }
                        for (; o < co; o++) {
                            int wb = wOff + (o * ci + i) * kk + tap;
                            tapRow(left, mid, right, w[wb], w[wb + 1], w[wb + 2], acc[o], nx);
                        }
                    }
                }
            }
            for (int o = 0; o < co; o++) {
                System.arraycopy(acc[o], 0, out, o * n + base, nx);
            }
        }
    }

    /** {@link #tapRow} for two output channels sharing the input lines (half the input loads). */
    private static void tapRow2(double[] left, double[] mid, double[] right, double a0, double a1, double a2,
            double[] acc, double b0, double b1, double b2, double[] acc2, int nx) {
        for (int x = 0; x < nx; x++) {
            double l = left[x];
            double m = mid[x];
            double r = right[x];
            acc[x] = acc[x] + a0 * l + a1 * m + a2 * r;
            acc2[x] = acc2[x] + b0 * l + b1 * m + b2 * r;
        }
    }

    /**
     * acc += a0·left + a1·mid + a2·right, added left to right (dx = -1, 0, +1), so the rounding is
     * that of one tap at a time; a tap outside the grid reads an exact zero and changes nothing.
     */
    private static void tapRow(double[] left, double[] mid, double[] right, double a0, double a1, double a2,
            double[] acc, int nx) {
        for (int x = 0; x < nx; x++) {
            acc[x] = acc[x] + a0 * left[x] + a1 * mid[x] + a2 * right[x];
        }
    }

    /**
     * Row blocks of the weight-gradient reduction in {@link #convBackward}: a fixed count (not the
     * thread count), so the partial sums and the order they are combined in, and hence the bits of
     * the gradient, do not depend on how many threads run.
     */
    static final int GRADIENT_BLOCKS = 16;

    /**
     * Reverse mode of {@link #convForward}: gIn += Wᵀ ⋆ gOut (skipped when gIn is null); the weight
     * and bias gradients are added into {@code gParams} at the offsets the parameters have in w
     * (gW at wOff, gBias at bOff).
     *
     * <p>The input gradient is the forward convolution of gOut with the flipped, transposed kernel
     * (gIn[i](x) += Σ_o Σ_d w[o][i][-d] gOut[o](x + d), zero outside the grid), so it runs through the
     * row-blocked, vectorised forward kernel, accumulating into gIn; each gIn row is written by one
     * task. The weight gradient gW[o][i][d] = Σ_x gOut[o](x) in[i](x + d) is summed per row over
     * x-shifted copies of the input line, two output channels per pass with six independent
     * accumulators (an FP dot product does not vectorise in HotSpot, but the independent chains keep
     * the multiply-add units busy); rows are cut into {@link #GRADIENT_BLOCKS} fixed blocks, each
     * block sums into its own partial array, and the partials are added into gParams in block
     * order. The result is deterministic and independent of the thread count; it differs from the
     * plain whole-grid loop this replaced only in summation order (rounding, about 1e-15 relative;
     * checked in {@code LayerKernelsTest}). Allocates the flipped kernel and O(blocks·co·ci·kd·9)
     * partials per call.
     */
    public static void convBackward(double[] in, int ci, double[] w, int wOff, double[] gOut, int co,
            double[] gIn, double[] gParams, int bOff, int nx, int ny, int nz, int kd) {
        int kk = kd * 9;
        int rows = ny * nz;
        long work = (long) co * ci * kk * nx * rows;
        boolean parallel = work >= PARALLEL_WORK && Parallel.threads() > 1 && rows >= 2;
        if (gIn != null) {
            // wT[i][o][t] = w[o][i][kk-1-t]: transposed channels, kernel flipped in all axes.
            double[] wT = new double[ci * co * kk];
            for (int o = 0; o < co; o++) {
                for (int i = 0; i < ci; i++) {
                    int src = wOff + (o * ci + i) * kk;
                    int dst = (i * co + o) * kk;
                    for (int t = 0; t < kk; t++) {
                        wT[dst + t] = w[src + kk - 1 - t];
                    }
                }
            }
            if (!parallel) {
                convRows(gOut, co, wT, 0, null, 0, gIn, ci, nx, ny, nz, kd, 0, rows);
            } else {
                int chunks = Math.min(rows, 4 * Parallel.threads());
                Parallel.forChunks(chunks, (from, to) -> {
                    for (int c = from; c < to; c++) {
                        int r0 = (int) ((long) rows * c / chunks);
                        int r1 = (int) ((long) rows * (c + 1) / chunks);
                        convRows(gOut, co, wT, 0, null, 0, gIn, ci, nx, ny, nz, kd, r0, r1);
                    }
                });
            }
        }
        int blocks = Math.min(rows, GRADIENT_BLOCKS);
        int np = co * ci * kk + co; // weights, then biases
        double[][] partial = new double[blocks][np];
        if (!parallel) {
            for (int c = 0; c < blocks; c++) {
                weightGradientRows(in, ci, gOut, co, partial[c], nx, ny, nz, kd,
                        (int) ((long) rows * c / blocks), (int) ((long) rows * (c + 1) / blocks));
            }
        } else {
            Parallel.forChunks(blocks, (from, to) -> {
                for (int c = from; c < to; c++) {
                    weightGradientRows(in, ci, gOut, co, partial[c], nx, ny, nz, kd,
                            (int) ((long) rows * c / blocks), (int) ((long) rows * (c + 1) / blocks));
                }
            });
        }
        int nw = co * ci * kk;
        for (int c = 0; c < blocks; c++) { // fixed order: deterministic
            double[] pc = partial[c];
            for (int j = 0; j < nw; j++) {
                gParams[wOff + j] += pc[j];
            }
            for (int o = 0; o < co; o++) {
                gParams[bOff + o] += pc[nw + o];
            }
        }
    }

    /**
     * Weight and bias gradients of the output rows [rowFrom, rowTo) added into
     * {@code pw} (weights [co][ci][kk], then co biases).
     */
    private static void weightGradientRows(double[] in, int ci, double[] gOut, int co, double[] pw,
            int nx, int ny, int nz, int kd, int rowFrom, int rowTo) {
        int n = nx * ny * nz;
        int kk = kd * 9;
        int half = kd / 2;
        int nw = co * ci * kk;
        double[] left = new double[nx];
        double[] mid = new double[nx];
        double[] right = new double[nx];
        for (int row = rowFrom; row < rowTo; row++) {
            int z = row / ny;
            int y = row - z * ny;
            int base = row * nx;
            for (int o = 0; o < co; o++) {
                int ob = o * n + base;
                double s = 0.0;
                for (int x = 0; x < nx; x++) {
                    s += gOut[ob + x];
                }
                pw[nw + o] += s;
            }
            for (int i = 0; i < ci; i++) {
                int ib = i * n;
                for (int dz = -half; dz <= half; dz++) {
                    int zz = z + dz;
                    if (zz < 0 || zz >= nz) {
                        continue;
                    }
                    for (int dy = -1; dy <= 1; dy++) {
                        int yy = y + dy;
                        if (yy < 0 || yy >= ny) {
                            continue;
                        }
                        // left[x] = in(x-1), mid[x] = in(x), right[x] = in(x+1), zero outside.
                        int s = ib + (zz * ny + yy) * nx;
                        System.arraycopy(in, s, mid, 0, nx);
                        left[0] = 0.0;
                        System.arraycopy(in, s, left, 1, nx - 1);
                        System.arraycopy(in, s + 1, right, 0, nx - 1);
                        right[nx - 1] = 0.0;
                        int tap = ((dz + half) * 3 + dy + 1) * 3;
                        int o = 0;
                        for (; o + 1 < co; o += 2) {
                            int ga = o * n + base;
                            int gb = ga + n;
                            double a0 = 0.0;
                            double a1 = 0.0;
                            double a2 = 0.0;
                            double b0 = 0.0;
                            double b1 = 0.0;
                            double b2 = 0.0;
                            for (int x = 0; x < nx; x++) {
                                double l = left[x];
                                double m = mid[x];
                                double r = right[x];
                                double g = gOut[ga + x];
                                double h = gOut[gb + x];
                                a0 += g * l;
                                a1 += g * m;
                                a2 += g * r;
                                b0 += h * l;
                                b1 += h * m;
                                b2 += h * r;
                            }
                            int wa = (o * ci + i) * kk + tap;
                            int wb = wa + ci * kk;
                            pw[wa] += a0;
                            pw[wa + 1] += a1;
                            pw[wa + 2] += a2;
                            pw[wb] += b0;
                            pw[wb + 1] += b1;
                            pw[wb + 2] += b2;
                        }
                        for (; o < co; o++) {
                            int ga = o * n + base;
                            double a0 = 0.0;
                            double a1 = 0.0;
                            double a2 = 0.0;
                            for (int x = 0; x < nx; x++) {
                                double g = gOut[ga + x];
                                a0 += g * left[x];
                                a1 += g * mid[x];
                                a2 += g * right[x];
                            }
                            int wa = (o * ci + i) * kk + tap;
                            pw[wa] += a0;
                            pw[wa + 1] += a1;
                            pw[wa + 2] += a2;
                        }
                    }
                }
            }
        }
    }

    /** out[o] = bias[o] + Σ_i w[o][i] in[i] per cell (1×1 convolution); w from wOff, bias from bOff. */
    public static void denseForward(double[] in, int ci, double[] w, int wOff, double[] bias, int bOff,
            double[] out, int co, int n) {
        for (int o = 0; o < co; o++) {
            int ob = o * n;
            double bo = bias[bOff + o];
            for (int p = 0; p < n; p++) {
                out[ob + p] = bo;
            }
            for (int i = 0; i < ci; i++) {
                double wv = w[wOff + o * ci + i];
                int ib = i * n;
                for (int p = 0; p < n; p++) {
                    out[ob + p] += wv * in[ib + p];
                }
            }
        }
    }

    /** Reverse mode of {@link #denseForward}; gIn may be null; parameter gradients as in convBackward. */
    public static void denseBackward(double[] in, int ci, double[] w, int wOff, double[] gOut, int co,
            double[] gIn, double[] gParams, int bOff, int n) {
        for (int o = 0; o < co; o++) {
            int ob = o * n;
            double s = 0.0;
            for (int p = 0; p < n; p++) {
                s += gOut[ob + p];
            }
            gParams[bOff + o] += s;
            for (int i = 0; i < ci; i++) {
                int ib = i * n;
                double wv = w[wOff + o * ci + i];
                double gw = 0.0;
                for (int p = 0; p < n; p++) {
                    gw += gOut[ob + p] * in[ib + p];
                }
                gParams[wOff + o * ci + i] += gw;
                if (gIn != null) {
                    for (int p = 0; p < n; p++) {
                        gIn[ib + p] += wv * gOut[ob + p];
                    }
                }
            }
        }
    }

    /** a ← max(a, 0) on the first len entries. */
    public static void relu(double[] a, int len) {
        for (int p = 0; p < len; p++) {
            if (!(a[p] > 0.0)) {
                a[p] = 0.0;
            }
        }
    }

    /** g ← g · [act &gt; 0] (reverse ReLU from its output). */
    public static void reluBackward(double[] act, double[] g, int len) {
        for (int p = 0; p < len; p++) {
            if (!(act[p] > 0.0)) {
                g[p] = 0.0;
            }
        }
    }

    /** out = a + b. */
    public static void add(double[] a, double[] b, double[] out, int len) {
        for (int p = 0; p < len; p++) {
            out[p] = a[p] + b[p];
        }
    }

    /** g += h. */
    public static void accumulate(double[] h, double[] g, int len) {
        for (int p = 0; p < len; p++) {
            g[p] += h[p];
        }
    }

    /**
     * 2× average pool of c channels from (nx, ny, nz) to (⌈nx/2⌉, ⌈ny/2⌉, nz or ⌈nz/2⌉):
     * pz = 2 pools in z too (3D), pz = 1 keeps nz (2D). A partial window at an odd edge averages
     * only the cells it covers (Keras "same").
     */
    public static void avgPoolForward(double[] in, double[] out, int c, int nx, int ny, int nz, int pz) {
        int mx = (nx + 1) / 2;
        int my = (ny + 1) / 2;
        int mz = (nz + pz - 1) / pz;
        int n = nx * ny * nz;
        int m = mx * my * mz;
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < mz; z++) {
                int za = z * pz;
                int zb = Math.min(nz, za + pz);
                for (int y = 0; y < my; y++) {
                    int ya = 2 * y;
                    int yb = Math.min(ny, ya + 2);
                    for (int x = 0; x < mx; x++) {
                        int xa = 2 * x;
                        int xb = Math.min(nx, xa + 2);
                        double s = 0.0;
                        for (int zz = za; zz < zb; zz++) {
                            for (int yy = ya; yy < yb; yy++) {
                                int row = ch * n + (zz * ny + yy) * nx;
                                for (int xx = xa; xx < xb; xx++) {
                                    s += in[row + xx];
                                }
                            }
                        }
                        out[ch * m + (z * my + y) * mx + x] = s / ((zb - za) * (yb - ya) * (xb - xa));
                    }
                }
            }
        }
    }

    /** Reverse mode of {@link #avgPoolForward}: gIn += spread of gOut / window size. */
    public static void avgPoolBackward(double[] gOut, double[] gIn, int c, int nx, int ny, int nz, int pz) {
        int mx = (nx + 1) / 2;
        int my = (ny + 1) / 2;
        int mz = (nz + pz - 1) / pz;
        int n = nx * ny * nz;
        int m = mx * my * mz;
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < mz; z++) {
                int za = z * pz;
                int zb = Math.min(nz, za + pz);
                for (int y = 0; y < my; y++) {
                    int ya = 2 * y;
                    int yb = Math.min(ny, ya + 2);
                    for (int x = 0; x < mx; x++) {
                        int xa = 2 * x;
                        int xb = Math.min(nx, xa + 2);
                        double g = gOut[ch * m + (z * my + y) * mx + x] / ((zb - za) * (yb - ya) * (xb - xa));
                        for (int zz = za; zz < zb; zz++) {
                            for (int yy = ya; yy < yb; yy++) {
                                int row = ch * n + (zz * ny + yy) * nx;
                                for (int xx = xa; xx < xb; xx++) {
                                    gIn[row + xx] += g;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * 2× nearest upsample of c channels from the coarse grid (⌈nx/2⌉, ⌈ny/2⌉, ⌈nz/pz⌉) to the fine
     * grid (nx, ny, nz): out(x, y, z) = in(x/2, y/2, z/pz), cropped to the fine size.
     */
    public static void upsampleForward(double[] in, double[] out, int c, int nx, int ny, int nz, int pz) {
        int mx = (nx + 1) / 2;
        int my = (ny + 1) / 2;
        int mz = (nz + pz - 1) / pz;
        int n = nx * ny * nz;
        int m = mx * my * mz;
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    int row = ch * n + (z * ny + y) * nx;
                    int crow = ch * m + ((z / pz) * my + y / 2) * mx;
                    for (int x = 0; x < nx; x++) {
                        out[row + x] = in[crow + x / 2];
                    }
                }
            }
        }
    }

    /** Reverse mode of {@link #upsampleForward}: gIn += sum of gOut over each 2× block. */
    public static void upsampleBackward(double[] gOut, double[] gIn, int c, int nx, int ny, int nz, int pz) {
        int mx = (nx + 1) / 2;
        int my = (ny + 1) / 2;
        int mz = (nz + pz - 1) / pz;
        int n = nx * ny * nz;
        int m = mx * my * mz;
        for (int ch = 0; ch < c; ch++) {
            for (int z = 0; z < nz; z++) {
                for (int y = 0; y < ny; y++) {
                    int row = ch * n + (z * ny + y) * nx;
                    int crow = ch * m + ((z / pz) * my + y / 2) * mx;
                    for (int x = 0; x < nx; x++) {
                        gIn[crow + x / 2] += gOut[row + x];
                    }
                }
            }
        }
    }
}
