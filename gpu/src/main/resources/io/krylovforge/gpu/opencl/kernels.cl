// KrylovForge OpenCL kernels (double precision; compiled at run time by OpenClBackend).
// Reductions: each work-group strides over the vector with a fixed global size, reduces in
// local memory with a fixed tree, and writes one partial; the host adds the partials in order.
// The result therefore depends only on (n, groups, group size), never on scheduling.
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

// WG is the work-group size, a power of two, set with -DWG=... at build time.

__kernel void kf_axpy(const int n, const double a, __global const double* x, __global double* y) {
    int i = get_global_id(0);
    if (i < n) y[i] += a * x[i];                        // y <- y + a x
}

__kernel void kf_axpby(const int n, const double a, __global const double* x, const double b,
                       __global double* y) {
    int i = get_global_id(0);
    if (i < n) y[i] = a * x[i] + b * y[i];              // y <- a x + b y
}

__kernel void kf_scale(const int n, const double a, __global double* x) {
    int i = get_global_id(0);
    if (i < n) x[i] *= a;                               // x <- a x
}

__kernel void kf_fill(const int n, const double v, __global double* x) {
    int i = get_global_id(0);
    if (i < n) x[i] = v;
}

__kernel void kf_pointwise(const int n, __global const double* d, __global const double* x,
                           __global double* z) {
    int i = get_global_id(0);
    if (i < n) z[i] = d[i] * x[i];                      // z <- diag(d) x (Jacobi: d = 1/diag(A))
}

// Tree reduction of scratch[0..WG) into scratch[0]; all work-items of the group must call it.
inline void kf_group_sum(__local double* scratch) {
    int lid = get_local_id(0);
    for (int s = WG / 2; s > 0; s >>= 1) {
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lid < s) scratch[lid] += scratch[lid + s];
    }
    barrier(CLK_LOCAL_MEM_FENCE);
}

__kernel void kf_dot(const int n, __global const double* x, __global const double* y,
                     __global double* partial) {
    __local double scratch[WG];
    int lid = get_local_id(0);
    int stride = get_global_size(0);
    double s = 0.0;
    for (int i = get_global_id(0); i < n; i += stride) s += x[i] * y[i];
    scratch[lid] = s;
    kf_group_sum(scratch);
    if (lid == 0) partial[get_group_id(0)] = scratch[0];
}

// Fused CG step: x <- x + alpha p, r <- r - alpha q, partial sums of r'r.
__kernel void kf_cg_update(const int n, const double alpha, __global const double* p,
                           __global const double* q, __global double* x, __global double* r,
                           __global double* partial) {
    __local double scratch[WG];
    int lid = get_local_id(0);
    int stride = get_global_size(0);
    double s = 0.0;
    for (int i = get_global_id(0); i < n; i += stride) {
        x[i] += alpha * p[i];
        double ri = r[i] - alpha * q[i];
        r[i] = ri;
        s += ri * ri;
    }
    scratch[lid] = s;
    kf_group_sum(scratch);
    if (lid == 0) partial[get_group_id(0)] = scratch[0];
}

// CSR SpMV, one row per work-item: good for short rows (stencils, FEM with few neighbours).
__kernel void kf_spmv_scalar(const int rows, __global const int* rowPtr, __global const int* col,
                             __global const double* val, __global const double* x,
                             __global double* y) {
    int i = get_global_id(0);
    if (i >= rows) return;
    double sum = 0.0;
    int end = rowPtr[i + 1];
    for (int k = rowPtr[i]; k < end; k++) sum += val[k] * x[col[k]];
    y[i] = sum;                                         // y = A x
}

// CSR SpMV, vw consecutive work-items per row (vw a power of two dividing WG): coalesced
// reads of long rows, then a tree reduction in local memory.
__kernel void kf_spmv_vector(const int rows, __global const int* rowPtr, __global const int* col,
                             __global const double* val, __global const double* x,
                             __global double* y, const int vw) {
    __local double scratch[WG];
    int lid = get_local_id(0);
    int lane = lid & (vw - 1);
    int row = get_global_id(0) / vw;
    double sum = 0.0;
    if (row < rows) {
        int end = rowPtr[row + 1];
        for (int k = rowPtr[row] + lane; k < end; k += vw) sum += val[k] * x[col[k]];
    }
    scratch[lid] = sum;
    for (int s = vw / 2; s > 0; s >>= 1) {
        barrier(CLK_LOCAL_MEM_FENCE);
        if (lane < s) scratch[lid] += scratch[lid + s];
    }
    if (lane == 0 && row < rows) y[row] = scratch[lid];   // y = A x
}

// Matrix-free 2D 5-point Laplacian on an nx*ny grid, Dirichlet boundaries eliminated:
// y = 4 x(i,j) - x(i-1,j) - x(i+1,j) - x(i,j-1) - x(i,j+1), row index j*nx + i.
__kernel void kf_laplacian2d(const int nx, const int ny, __global const double* x,
                             __global double* y) {
    int idx = get_global_id(0);
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
