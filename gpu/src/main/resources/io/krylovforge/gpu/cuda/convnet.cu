// KrylovForge DCDM network inference kernels (double precision), the CUDA twin of
// opencl/convnet.cl. Compiled to PTX on the build machine by gpu/scripts/build-ptx.sh
// (nvcc -ptx -arch=compute_75) and loaded by CudaConvNet; keep convnet.cu and convnet.ptx in step.
// Semantics of io.krylovforge.learned.LayerKernels forward: channel-major tensors, channel ch and
// cell p = (z*ny + y)*nx + x at ch*n + p; convolutions are cross-correlations (Keras); their
// weights arrive in ConvNetSchedule's device layout (see kf_conv), dense weights as [co][ci].
// Every kernel fuses the layer's optional residual add (has_add != 0: out = layer(in) + add,
// after the ReLU) into its store. Per output the sums run
// in the CPU's order (bias, then ci, dz, dy, dx): results differ only by rounding of FMAs.
// Launch: blocks of KF_BLOCK threads in x over cells, grid y over channel blocks / channels.

#define KF_COB 16   // output channels per thread of kf_conv; must match ConvNetSchedule.CONV_BLOCK

// 3x3 (kd = 1) or 3x3x3 (kd = 3) "same" zero-padded convolution with bias and optional ReLU.
// Thread (p, blockIdx.y) makes channels blockIdx.y*KF_COB.. of cell p. Weights in the device
// layout of ConvNetSchedule: [ci][kd*9][cop] (output channel fastest, cop = co rounded up to
// KF_COB, zero padded; every offset even), biases [cop]. So the KF_COB weights of one input
// channel and tap are contiguous and 16-byte aligned: KF_COB/2 double2 loads through the
// read-only cache (a broadcast within the warp), each input value loaded once for KF_COB outputs.
extern "C" __global__ void kf_conv(int nx, int ny, int nz, int kd, int ci, int co, int cop,
                                   const double* __restrict__ in, const double* __restrict__ w,
                                   int wOff, int bOff, const double* add, int has_add, int relu, double* out) {
    int p = blockIdx.x * blockDim.x + threadIdx.x;
    int n = nx * ny * nz;
    if (p >= n) return;
    int o0 = blockIdx.y * KF_COB;
    int x = p % nx;
    int t = p / nx;
    int y = t % ny;
    int z = t / ny;
    int hk = kd / 2;
    int kk = kd * 9;
    double acc[KF_COB];
#pragma unroll
    for (int j = 0; j < KF_COB; j++) acc[j] = __ldg(&w[bOff + o0 + j]);
    for (int i = 0; i < ci; i++) {
        const double* src = in + (long long) i * n;
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
                    double v = __ldg(&src[row + xx]);
                    const double2* wv = reinterpret_cast<const double2*>(w + wi + (tap + dx + 1) * cop);
#pragma unroll
                    for (int j = 0; j < KF_COB / 2; j++) {
                        double2 ww = __ldg(&wv[j]);
                        acc[2 * j] += ww.x * v;             // out += w * shifted in
                        acc[2 * j + 1] += ww.y * v;
                    }
                }
            }
        }
    }
    int nob = min(KF_COB, co - o0);
#pragma unroll
    for (int j = 0; j < KF_COB; j++) {
        if (j < nob) {
            double a = acc[j];
            if (relu) a = a > 0.0 ? a : 0.0;    // NaN -> 0, as LayerKernels.relu
            long long q = (long long) (o0 + j) * n + p;
            if (has_add) a = a + add[q];
            out[q] = a;
        }
    }
}

// 2x average pool from the fine grid (nx, ny, nz) to (ceil(nx/2), ceil(ny/2), ceil(nz/pz));
// a partial window at an odd edge averages only the cells it covers. Grid y: channels.
extern "C" __global__ void kf_avgpool(int nx, int ny, int nz, int pz, const double* __restrict__ in,
                                      const double* add, int has_add, double* out) {
    int mx = (nx + 1) / 2;
    int my = (ny + 1) / 2;
    int mz = (nz + pz - 1) / pz;
    int m = mx * my * mz;
    int q = blockIdx.x * blockDim.x + threadIdx.x;
    if (q >= m) return;
    int ch = blockIdx.y;
    int n = nx * ny * nz;
    int x = q % mx;
    int t = q / mx;
    int y = t % my;
    int z = t / my;
    int za = z * pz, zb = min(nz, za + pz);
    int ya = 2 * y, yb = min(ny, ya + 2);
    int xa = 2 * x, xb = min(nx, xa + 2);
    const double* src = in + (long long) ch * n;
    double s = 0.0;
    for (int zz = za; zz < zb; zz++)
        for (int yy = ya; yy < yb; yy++)
            for (int xx = xa; xx < xb; xx++) s += src[(zz * ny + yy) * nx + xx];
    double a = s / ((zb - za) * (yb - ya) * (xb - xa));
    long long o = (long long) ch * m + q;
    if (has_add) a = a + add[o];
    out[o] = a;
}

// 2x nearest upsample from (ceil(nx/2), ceil(ny/2), ceil(nz/pz)) to the fine grid (nx, ny, nz),
// cropped at odd sizes. Grid y: channels.
extern "C" __global__ void kf_upsample(int nx, int ny, int nz, int pz, const double* __restrict__ in,
                                       const double* add, int has_add, double* out) {
    int n = nx * ny * nz;
    int p = blockIdx.x * blockDim.x + threadIdx.x;
    if (p >= n) return;
    int ch = blockIdx.y;
    int mx = (nx + 1) / 2;
    int my = (ny + 1) / 2;
    int mz = (nz + pz - 1) / pz;
    int m = mx * my * mz;
    int x = p % nx;
    int t = p / nx;
    int y = t % ny;
    int z = t / ny;
    double a = in[(long long) ch * m + ((z / pz) * my + y / 2) * mx + x / 2];
    long long o = (long long) ch * n + p;
    if (has_add) a = a + add[o];
    out[o] = a;
}

// 1x1 (per-cell dense) linear map with bias. Grid y: output channels.
extern "C" __global__ void kf_dense(int n, int ci, const double* __restrict__ in, const double* __restrict__ w,
                                    int wOff, int bOff, const double* add, int has_add, double* out) {
    int p = blockIdx.x * blockDim.x + threadIdx.x;
    if (p >= n) return;
    int o = blockIdx.y;
    double a = w[bOff + o];
    for (int i = 0; i < ci; i++) a += w[wOff + o * ci + i] * in[(long long) i * n + p];
    long long q = (long long) o * n + p;
    if (has_add) a = a + add[q];
    out[q] = a;
}
