// KrylovForge neural Poisson step inference kernels (double precision) for CudaNeuralPoissonNet;
// committed as npsolver.ptx (regenerate with gpu/scripts/build-ptx.sh). Semantics of
// io.krylovforge.learned.poisson.NeuralPoissonNet.forward;
// every row sum runs in the host's order (CSR order, starting from b or 0), so results differ from
// the host only by the rounding of contracted multiply-adds, tanh and the z'z reduction.
// One thread per row (the P1 matrices have about 7 entries per row: the scalar CSR layout).

// out = D^-1 (b - A u) when scale != 0 (the smoother's z), else b - A u (the residual r).
extern "C" __global__ void kf_np_residual(int n, const int* ptr, const int* col,
                             const double* val, const double* b,
                             const double* u, const double* dinv, int scale,
                             double* out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s = b[i];
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s -= val[k] * u[col[k]];
    out[i] = scale ? dinv[i] * s : s;
}

// y = D^-1 A z.
extern "C" __global__ void kf_np_scaled_spmv(int n, const int* ptr, const int* col,
                                const double* val, const double* dinv,
                                const double* z, double* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * z[col[k]];
    y[i] = s * dinv[i];
}

// y = M x for M in CSR with `rows` rows (the restriction P^T r).
extern "C" __global__ void kf_np_spmv(int rows, const int* ptr, const int* col,
                         const double* val, const double* x, double* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= rows) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * x[col[k]];
    y[i] = s;
}

// u += P e (the coarse correction, P in CSR).
extern "C" __global__ void kf_np_prolong_add(int n, const int* ptr, const int* col,
                                const double* val, const double* e, double* u) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * e[col[k]];
    u[i] += s;
}

// The learned smoother, per node: x = (z, y)/s, d = a.x + w2 . tanh(W1 x), u += s d.
// Weights of the stage at w[off]: a1, a2, W1 as [k][2], w2 [hidden].
extern "C" __global__ void kf_np_smooth(int n, int hidden, const double* w, int off,
                           double s, const double* z, const double* y,
                           double* u) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    double inv = 1.0 / s;
    double x1 = z[i] * inv;
    double x2 = y[i] * inv;
    double d = w[off] * x1 + w[off + 1] * x2;
    int w1 = off + 2;
    int w2 = w1 + 2 * hidden;
    for (int k = 0; k < hidden; k++) {
        double hk = tanh(w[w1 + 2 * k] * x1 + w[w1 + 2 * k + 1] * x2);
        d += w[w2 + k] * hk;
    }
    u[i] += s * d;
}

extern "C" __global__ void kf_np_zero(int n, double* u) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) u[i] = 0.0;
}
