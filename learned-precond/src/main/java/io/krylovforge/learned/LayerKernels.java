package io.krylovforge.learned;

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
 */
public final class LayerKernels {
    private LayerKernels() {
    }

    /**
     * out[co] = bias[co] + Σ_ci w[co][ci] ⋆ in[ci] ("same" zero padding); weights start at
     * w[wOff], biases at bias[bOff].
     */
    public static void convForward(double[] in, int ci, double[] w, int wOff, double[] bias, int bOff,
            double[] out, int co, int nx, int ny, int nz, int kd) {
        int n = nx * ny * nz;
        int kk = kd * 9;
        int half = kd / 2;
        for (int o = 0; o < co; o++) {
            double bo = bias[bOff + o];
            int ob = o * n;
            for (int p = 0; p < n; p++) {
                out[ob + p] = bo;
            }
            for (int i = 0; i < ci; i++) {
                int ib = i * n;
                int wb = wOff + (o * ci + i) * kk;
                for (int dz = -half; dz <= half; dz++) {
                    int z0 = Math.max(0, -dz);
                    int z1 = Math.min(nz, nz - dz);
                    for (int dy = -1; dy <= 1; dy++) {
                        int y0 = Math.max(0, -dy);
                        int y1 = Math.min(ny, ny - dy);
                        for (int dx = -1; dx <= 1; dx++) {
                            double wv = w[wb + ((dz + half) * 3 + dy + 1) * 3 + dx + 1];
                            int x0 = Math.max(0, -dx);
                            int x1 = Math.min(nx, nx - dx);
                            int shift = (dz * ny + dy) * nx + dx;
                            for (int z = z0; z < z1; z++) {
                                for (int y = y0; y < y1; y++) {
                                    int row = ob + (z * ny + y) * nx;
                                    int src = ib + (z * ny + y) * nx + shift;
                                    for (int x = x0; x < x1; x++) {
                                        out[row + x] += wv * in[src + x]; // out += w * shifted in
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Reverse mode of {@link #convForward}: gIn += Wᵀ ⋆ gOut (skipped when gIn is null); the weight
     * and bias gradients are added into {@code gParams} at the offsets the parameters have in w
     * (gW at wOff, gBias at bOff).
     */
    public static void convBackward(double[] in, int ci, double[] w, int wOff, double[] gOut, int co,
            double[] gIn, double[] gParams, int bOff, int nx, int ny, int nz, int kd) {
        int n = nx * ny * nz;
        int kk = kd * 9;
        int half = kd / 2;
        for (int o = 0; o < co; o++) {
            int ob = o * n;
            double s = 0.0;
            for (int p = 0; p < n; p++) {
                s += gOut[ob + p];
            }
            gParams[bOff + o] += s;
            for (int i = 0; i < ci; i++) {
                int ib = i * n;
                int wb = wOff + (o * ci + i) * kk;
                for (int dz = -half; dz <= half; dz++) {
                    int z0 = Math.max(0, -dz);
                    int z1 = Math.min(nz, nz - dz);
                    for (int dy = -1; dy <= 1; dy++) {
                        int y0 = Math.max(0, -dy);
                        int y1 = Math.min(ny, ny - dy);
                        for (int dx = -1; dx <= 1; dx++) {
                            int widx = wb + ((dz + half) * 3 + dy + 1) * 3 + dx + 1;
                            double wv = w[widx];
                            int x0 = Math.max(0, -dx);
                            int x1 = Math.min(nx, nx - dx);
                            int shift = (dz * ny + dy) * nx + dx;
                            double gw = 0.0;
                            for (int z = z0; z < z1; z++) {
                                for (int y = y0; y < y1; y++) {
                                    int row = ob + (z * ny + y) * nx;
                                    int src = ib + (z * ny + y) * nx + shift;
                                    if (gIn != null) {
                                        for (int x = x0; x < x1; x++) {
                                            double g = gOut[row + x];
                                            gw += g * in[src + x];        // dL/dw
                                            gIn[src + x] += wv * g;       // dL/din
                                        }
                                    } else {
                                        for (int x = x0; x < x1; x++) {
                                            gw += gOut[row + x] * in[src + x];
                                        }
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
