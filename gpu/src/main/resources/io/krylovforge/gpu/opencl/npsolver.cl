// KrylovForge neural Poisson step inference kernels (double precision; compiled at run time by
// OpenClNeuralPoissonNet). Semantics of io.krylovforge.learned.poisson.NeuralPoissonNet.forward;
// every row sum runs in the host's order (CSR order, starting from b or 0), so results differ from
// the host only by the rounding of contracted multiply-adds, tanh and the z'z reduction.
// One work-item per row (the P1 matrices have about 7 entries per row: the scalar CSR layout).
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// out = D^-1 (b - A u) when scale != 0 (the smoother's z), else b - A u (the residual r).
__kernel void kf_np_residual(const int n, __global const int* ptr, __global const int* col,
                             __global const double* val, __global const double* b,
                             __global const double* u, __global const double* dinv, const int scale,
                             __global double* out) {
    int i = get_global_id(0);
    if (i >= n) return;
    double s = b[i];
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s -= val[k] * u[col[k]];
    out[i] = scale ? dinv[i] * s : s;
}

// y = D^-1 A z.
__kernel void kf_np_scaled_spmv(const int n, __global const int* ptr, __global const int* col,
                                __global const double* val, __global const double* dinv,
                                __global const double* z, __global double* y) {
    int i = get_global_id(0);
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * z[col[k]];
    y[i] = s * dinv[i];
}

// y = M x for M in CSR with `rows` rows (the restriction P^T r).
__kernel void kf_np_spmv(const int rows, __global const int* ptr, __global const int* col,
                         __global const double* val, __global const double* x, __global double* y) {
    int i = get_global_id(0);
    if (i >= rows) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * x[col[k]];
    y[i] = s;
}

// u += P e (the coarse correction, P in CSR).
__kernel void kf_np_prolong_add(const int n, __global const int* ptr, __global const int* col,
                                __global const double* val, __global const double* e, __global double* u) {
    int i = get_global_id(0);
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * e[col[k]];
    u[i] += s;
}

// The learned smoother, per node: x = (z, y)/s, d = a.x + w2 . tanh(W1 x), u += s d.
// Weights of the stage at w[off]: a1, a2, W1 as [k][2], w2 [hidden].
__kernel void kf_np_smooth(const int n, const int hidden, __global const double* w, const int off,
                           const double s, __global const double* z, __global const double* y,
                           __global double* u) {
    int i = get_global_id(0);
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

__kernel void kf_np_zero(const int n, __global double* u) {
    int i = get_global_id(0);
    if (i < n) u[i] = 0.0;
}
