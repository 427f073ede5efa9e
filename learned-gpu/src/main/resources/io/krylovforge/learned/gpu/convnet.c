// KrylovForge DCDM network inference kernels (double precision), written once in the common
// dialect of kf_opencl.h / kf_cuda.h (module gpu): DeviceConvNet's OpenCL runtime compiles them at
// run time; gpu/scripts/build-ptx.sh turns them into the committed convnet.ptx for CUDA.
// Semantics of io.krylovforge.learned.LayerKernels forward: channel-major tensors, channel ch and
// cell p = (z*ny + y)*nx + x at ch*n + p; convolutions are cross-correlations, as in Keras. Every
// kernel fuses the layer's optional residual add (has_add != 0: out = layer(in) + add, after the
// ReLU) into its store. Per output the sums run in the CPU's order (bias, then ci, dz, dy, dx), so
// results differ from the CPU only by rounding of contracted multiply-adds.
// Convolution weights arrive in ConvNetSchedule's device layout (see kf_conv), dense as [co][ci].
// Launch: threads over cells in x, KF_ROW over channel blocks (conv) or channels (the others).

// Output channels per thread of kf_conv; must equal ConvNetSchedule.CONV_BLOCK (DCDM's width).
#define COB 16

// 3x3 (kd = 1) or 3x3x3 (kd = 3) "same" zero-padded convolution with bias and optional ReLU.
// Global size: (cells rounded up, cop / COB); work-item (p, b) makes channels b*COB.. of cell p.
// Weights in the device layout of ConvNetSchedule: [ci][kd*9][cop] (output channel fastest,
// cop = co rounded up to COB, zero padded; every offset even), biases [cop]. So the COB weights
// of one input channel and tap are contiguous and 16-byte aligned: COB/2 double2 loads, each
// input value loaded once and used for COB outputs, no per-channel guard in the loop.
KF_KERNEL kf_conv(const int nx, const int ny, const int nz, const int kd, const int ci, const int co,
                  const int cop, KF_GLOBAL const double* KF_RESTRICT in, KF_GLOBAL const double* KF_RESTRICT w,
                  const int wOff, const int bOff, KF_GLOBAL const double* add, const int has_add,
                  const int relu, KF_GLOBAL double* out) {
    int p = KF_GLOBAL_ID;
    int n = nx * ny * nz;
    if (p >= n) return;
    int o0 = KF_ROW * COB;
    int x = p % nx;
    int t = p / nx;
    int y = t % ny;
    int z = t / ny;
    int hk = kd / 2;
    int kk = kd * 9;
    double acc[COB];
    KF_UNROLL
    for (int j = 0; j < COB; j++) acc[j] = KF_LOAD(w[bOff + o0 + j]);
    for (int i = 0; i < ci; i++) {
        KF_GLOBAL const double* src = in + (KF_LONG) i * n;
        int wi = wOff + i * kk * cop + o0;
        for (int dz = -hk; dz <= hk; dz++) {
            int zz = z + dz;
            if (zz < 0 || zz >= nz) continue;
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= ny) continue;
                int row = (zz * ny + yy) * nx;
                int tap = ((dz + hk) * 3 + dy + 1) * 3;
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if (xx < 0 || xx >= nx) continue;
                    double v = KF_LOAD(src[row + xx]);
                  KF_GLOBAL const double2* wv = (KF_GLOBAL const double2*) (w + wi + (tap + dx + 1) * cop);
                    KF_UNROLL
                    for (int j = 0; j < COB / 2; j++) {
                        double2 ww = KF_LOAD(wv[j]);
                        acc[2 * j] += ww.x * v;         // out += w * shifted in
                        acc[2 * j + 1] += ww.y * v;
                    }
                }
            }
        }
    }
    int nob = min(COB, co - o0);
    for (int j = 0; j < nob; j++) {
        double a = acc[j];
        if (relu) a = a > 0.0 ? a : 0.0;        // NaN -> 0, as LayerKernels.relu
        KF_LONG q = (KF_LONG) (o0 + j) * n + p;
        if (has_add) a = a + add[q];
        out[q] = a;
    }
}

// 2x average pool from the fine grid (nx, ny, nz) to (ceil(nx/2), ceil(ny/2), ceil(nz/pz));
// a partial window at an odd edge averages only the cells it covers.
// Global size: (coarse cells rounded up, channels).
KF_KERNEL kf_avgpool(const int nx, const int ny, const int nz, const int pz,
                  KF_GLOBAL const double* KF_RESTRICT in, KF_GLOBAL const double* add, const int has_add,
                  KF_GLOBAL double* out) {
    int mx = (nx + 1) / 2;
    int my = (ny + 1) / 2;
    int mz = (nz + pz - 1) / pz;
    int m = mx * my * mz;
    int q = KF_GLOBAL_ID;
    if (q >= m) return;
    int ch = KF_ROW;
    int n = nx * ny * nz;
    int x = q % mx;
    int t = q / mx;
    int y = t % my;
    int z = t / my;
    int za = z * pz, zb = min(nz, za + pz);
    int ya = 2 * y, yb = min(ny, ya + 2);
    int xa = 2 * x, xb = min(nx, xa + 2);
    KF_GLOBAL const double* src = in + (KF_LONG) ch * n;
    double s = 0.0;
    for (int zz = za; zz < zb; zz++)
        for (int yy = ya; yy < yb; yy++)
            for (int xx = xa; xx < xb; xx++) s += src[(zz * ny + yy) * nx + xx];
    double a = s / ((zb - za) * (yb - ya) * (xb - xa));
    KF_LONG o = (KF_LONG) ch * m + q;
    if (has_add) a = a + add[o];
    out[o] = a;
}

// 2x nearest upsample from (ceil(nx/2), ceil(ny/2), ceil(nz/pz)) to the fine grid (nx, ny, nz),
// cropped at odd sizes. Global size: (fine cells rounded up, channels).
KF_KERNEL kf_upsample(const int nx, const int ny, const int nz, const int pz,
                  KF_GLOBAL const double* KF_RESTRICT in, KF_GLOBAL const double* add, const int has_add,
                  KF_GLOBAL double* out) {
    int n = nx * ny * nz;
    int p = KF_GLOBAL_ID;
    if (p >= n) return;
    int ch = KF_ROW;
    int mx = (nx + 1) / 2;
    int my = (ny + 1) / 2;
    int mz = (nz + pz - 1) / pz;
    int m = mx * my * mz;
    int x = p % nx;
    int t = p / nx;
    int y = t % ny;
    int z = t / ny;
    double a = in[(KF_LONG) ch * m + ((z / pz) * my + y / 2) * mx + x / 2];
    KF_LONG o = (KF_LONG) ch * n + p;
    if (has_add) a = a + add[o];
    out[o] = a;
}

// 1x1 (per-cell dense) linear map with bias. Global size: (cells rounded up, co).
KF_KERNEL kf_dense(const int n, const int ci, KF_GLOBAL const double* KF_RESTRICT in,
                  KF_GLOBAL const double* KF_RESTRICT w, const int wOff, const int bOff,
                  KF_GLOBAL const double* add, const int has_add, KF_GLOBAL double* out) {
    int p = KF_GLOBAL_ID;
    if (p >= n) return;
    int o = KF_ROW;
    double a = w[bOff + o];
    for (int i = 0; i < ci; i++) a += w[wOff + o * ci + i] * in[(KF_LONG) i * n + p];
    KF_LONG q = (KF_LONG) o * n + p;
    if (has_add) a = a + add[q];
    out[q] = a;
}
