// KrylovForge CUDA kernels (double precision). Compiled to PTX on the build machine by
// gpu/scripts/build-ptx.sh (nvcc -ptx -arch=compute_75) and loaded with cuModuleLoadData;
// keep kernels.cu and kernels.ptx in step.
// Reductions: a fixed grid (at most 1024 blocks of KF_BLOCK threads) strides over the vector,
// each block reduces in shared memory with a fixed tree and writes one partial; the host adds
// the partials in order, so results depend only on n, never on scheduling.

#define KF_BLOCK 256

__device__ __forceinline__ void kf_block_sum(double* scratch) {
    int t = threadIdx.x;
    for (int s = KF_BLOCK / 2; s > 0; s >>= 1) {
        __syncthreads();
        if (t < s) scratch[t] += scratch[t + s];
    }
    __syncthreads();
}

extern "C" __global__ void kf_axpy(int n, double a, const double* __restrict__ x, double* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] += a * x[i];                          // y <- y + a x
}

extern "C" __global__ void kf_axpby(int n, double a, const double* __restrict__ x, double b, double* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + b * y[i];                // y <- a x + b y
}

extern "C" __global__ void kf_scale(int n, double a, double* x) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] *= a;                                 // x <- a x
}

extern "C" __global__ void kf_fill(int n, double v, double* x) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = v;
}

extern "C" __global__ void kf_pointwise(int n, const double* __restrict__ d, const double* __restrict__ x,
                                        double* z) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) z[i] = d[i] * x[i];                        // z <- diag(d) x (Jacobi: d = 1/diag(A))
}

extern "C" __global__ void kf_dot(int n, const double* __restrict__ x, const double* __restrict__ y,
                                  double* partial) {
    __shared__ double scratch[KF_BLOCK];
    int stride = gridDim.x * blockDim.x;
    double s = 0.0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) s += x[i] * y[i];
    scratch[threadIdx.x] = s;
    kf_block_sum(scratch);
    if (threadIdx.x == 0) partial[blockIdx.x] = scratch[0];
}

// Fused CG step: x <- x + alpha p, r <- r - alpha q, partial sums of r'r.
extern "C" __global__ void kf_cg_update(int n, double alpha, const double* __restrict__ p,
                                        const double* __restrict__ q, double* x, double* r,
                                        double* partial) {
    __shared__ double scratch[KF_BLOCK];
    int stride = gridDim.x * blockDim.x;
    double s = 0.0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        x[i] += alpha * p[i];
        double ri = r[i] - alpha * q[i];
        r[i] = ri;
        s += ri * ri;
    }
    scratch[threadIdx.x] = s;
    kf_block_sum(scratch);
    if (threadIdx.x == 0) partial[blockIdx.x] = scratch[0];
}

// CSR SpMV, one row per thread (short rows).
extern "C" __global__ void kf_spmv_scalar(int rows, const int* __restrict__ rowPtr,
                                          const int* __restrict__ col, const double* __restrict__ val,
                                          const double* __restrict__ x, double* y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= rows) return;
    double sum = 0.0;
    int end = rowPtr[i + 1];
    for (int k = rowPtr[i]; k < end; k++) sum += val[k] * x[col[k]];
    y[i] = sum;                                           // y = A x
}

// CSR SpMV, vw lanes of a warp per row (vw a power of two, 2..32): coalesced reads of long rows,
// then a shuffle reduction within the vw lanes.
extern "C" __global__ void kf_spmv_vector(int rows, const int* __restrict__ rowPtr,
                                          const int* __restrict__ col, const double* __restrict__ val,
                                          const double* __restrict__ x, double* y, int vw) {
    int g = blockIdx.x * blockDim.x + threadIdx.x;
    int lane = threadIdx.x & (vw - 1);
    int row = g / vw;
    double sum = 0.0;
    if (row < rows) {
        int end = rowPtr[row + 1];
        for (int k = rowPtr[row] + lane; k < end; k += vw) sum += val[k] * x[col[k]];
    }
    for (int s = vw / 2; s > 0; s >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, s, vw);
    if (lane == 0 && row < rows) y[row] = sum;            // y = A x
}

// Matrix-free 2D 5-point Laplacian, Dirichlet boundaries eliminated, row j*nx + i.
extern "C" __global__ void kf_laplacian2d(int nx, int ny, const double* __restrict__ x, double* y) {
    int idx = blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= nx * ny) return;
    int j = idx / nx;
    int i = idx - j * nx;
    double s = 4.0 * x[idx];
    if (j > 0) s -= x[idx - nx];
    if (i > 0) s -= x[idx - 1];
    if (i < nx - 1) s -= x[idx + 1];
    if (j < ny - 1) s -= x[idx + nx];
    y[idx] = s;
}
