// KrylovForge neural Poisson step inference kernels (double precision), written once in the
// common dialect of kf_opencl.h / kf_cuda.h (module gpu) for DeviceNeuralPoissonNet; the CUDA form
// is the committed npsolver.ptx (gpu/scripts/build-ptx.sh). Semantics of
// io.krylovforge.learned.poisson.NeuralPoissonNet.forward; every row sum runs in the host's order
// (CSR order, starting from b or 0), so results differ from the host only by the rounding of
// contracted multiply-adds, tanh and the z'z reduction.
// One thread per row (the P1 matrices have about 7 entries per row: the scalar CSR layout).

// out = D^-1 (b - A u) when scale != 0 (the smoother's z), else b - A u (the residual r).
KF_KERNEL kf_np_residual(const int n, KF_GLOBAL const int* ptr, KF_GLOBAL const int* col,
          KF_GLOBAL const double* val, KF_GLOBAL const double* b,
          KF_GLOBAL const double* u, KF_GLOBAL const double* dinv, const int scale,
          KF_GLOBAL double* out) {
    int i = KF_GLOBAL_ID;
    if (i >= n) return;
    double s = b[i];
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s -= val[k] * u[col[k]];
    out[i] = scale ? dinv[i] * s : s;
}

// y = D^-1 A z.
KF_KERNEL kf_np_scaled_spmv(const int n, KF_GLOBAL const int* ptr, KF_GLOBAL const int* col,
          KF_GLOBAL const double* val, KF_GLOBAL const double* dinv,
          KF_GLOBAL const double* z, KF_GLOBAL double* y) {
    int i = KF_GLOBAL_ID;
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * z[col[k]];
    y[i] = s * dinv[i];
}

// y = M x for M in CSR with `rows` rows (the restriction P^T r).
KF_KERNEL kf_np_spmv(const int rows, KF_GLOBAL const int* ptr, KF_GLOBAL const int* col,
          KF_GLOBAL const double* val, KF_GLOBAL const double* x, KF_GLOBAL double* y) {
    int i = KF_GLOBAL_ID;
    if (i >= rows) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * x[col[k]];
    y[i] = s;
}

// u += P e (the coarse correction, P in CSR).
KF_KERNEL kf_np_prolong_add(const int n, KF_GLOBAL const int* ptr, KF_GLOBAL const int* col,
          KF_GLOBAL const double* val, KF_GLOBAL const double* e, KF_GLOBAL double* u) {
    int i = KF_GLOBAL_ID;
    if (i >= n) return;
    double s = 0.0;
    int end = ptr[i + 1];
    for (int k = ptr[i]; k < end; k++) s += val[k] * e[col[k]];
    u[i] += s;
}

// The learned smoother, per node: x = (z, y)/s, d = a.x + w2 . tanh(W1 x), u += s d.
// Weights of the stage at w[off]: a1, a2, W1 as [k][2], w2 [hidden].
KF_KERNEL kf_np_smooth(const int n, const int hidden, KF_GLOBAL const double* w, const int off,
                           const double s, KF_GLOBAL const double* z, KF_GLOBAL const double* y,
          KF_GLOBAL double* u) {
    int i = KF_GLOBAL_ID;
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

KF_KERNEL kf_np_zero(const int n, KF_GLOBAL double* u) {
    int i = KF_GLOBAL_ID;
    if (i < n) u[i] = 0.0;
}
