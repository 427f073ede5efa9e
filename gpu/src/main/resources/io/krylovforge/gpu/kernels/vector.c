// KrylovForge vector, reduction, SpMV and stencil kernels (double precision), written once in the
// common dialect of kf_opencl.h / kf_cuda.h: OpenClRuntime compiles them at run time, and
// gpu/scripts/build-ptx.sh turns them into the committed vector.ptx for CudaRuntime.
// Reductions: a fixed grid (at most 1024 groups of WG threads) strides over the vector, each
// group reduces in shared/local memory with a fixed tree and writes one partial; the host adds
// the partials in order, so results depend only on (n, WG), never on scheduling.

KF_KERNEL kf_axpy(const int n, const double a, KF_GLOBAL const double* KF_RESTRICT x, KF_GLOBAL double* y) {
    int i = KF_GLOBAL_ID;
    if (i < n) y[i] += a * x[i];                        // y <- y + a x
}

KF_KERNEL kf_axpby(const int n, const double a, KF_GLOBAL const double* KF_RESTRICT x, const double b,
                   KF_GLOBAL double* y) {
    int i = KF_GLOBAL_ID;
    if (i < n) y[i] = a * x[i] + b * y[i];              // y <- a x + b y
}

KF_KERNEL kf_scale(const int n, const double a, KF_GLOBAL double* x) {
    int i = KF_GLOBAL_ID;
    if (i < n) x[i] *= a;                               // x <- a x
}

KF_KERNEL kf_fill(const int n, const double v, KF_GLOBAL double* x) {
    int i = KF_GLOBAL_ID;
    if (i < n) x[i] = v;
}

KF_KERNEL kf_pointwise(const int n, KF_GLOBAL const double* KF_RESTRICT d, KF_GLOBAL const double* KF_RESTRICT x,
                       KF_GLOBAL double* z) {
    int i = KF_GLOBAL_ID;
    if (i < n) z[i] = d[i] * x[i];                      // z <- diag(d) x (Jacobi: d = 1/diag(A))
}

// Tree reduction of scratch[0..WG) into scratch[0]; every thread of the group must call it.
KF_FN void kf_group_sum(KF_SHARED_PTR double* scratch) {
    int lid = KF_LOCAL_ID;
    for (int s = WG / 2; s > 0; s >>= 1) {
        KF_BARRIER();
        if (lid < s) scratch[lid] += scratch[lid + s];
    }
    KF_BARRIER();
}

KF_KERNEL kf_dot(const int n, KF_GLOBAL const double* KF_RESTRICT x, KF_GLOBAL const double* KF_RESTRICT y,
                 KF_GLOBAL double* partial) {
    KF_SHARED(double, scratch, WG);
    int lid = KF_LOCAL_ID;
    int stride = KF_GLOBAL_SIZE;
    double s = 0.0;
    for (int i = KF_GLOBAL_ID; i < n; i += stride) s += x[i] * y[i];
    scratch[lid] = s;
    kf_group_sum(scratch);
    if (lid == 0) partial[KF_GROUP_ID] = scratch[0];
}

// Fused CG step: x <- x + alpha p, r <- r - alpha q, partial sums of r'r.
KF_KERNEL kf_cg_update(const int n, const double alpha, KF_GLOBAL const double* KF_RESTRICT p,
                       KF_GLOBAL const double* KF_RESTRICT q, KF_GLOBAL double* x, KF_GLOBAL double* r,
                       KF_GLOBAL double* partial) {
    KF_SHARED(double, scratch, WG);
    int lid = KF_LOCAL_ID;
    int stride = KF_GLOBAL_SIZE;
    double s = 0.0;
    for (int i = KF_GLOBAL_ID; i < n; i += stride) {
        x[i] += alpha * p[i];
        double ri = r[i] - alpha * q[i];
        r[i] = ri;
        s += ri * ri;
    }
    scratch[lid] = s;
    kf_group_sum(scratch);
    if (lid == 0) partial[KF_GROUP_ID] = scratch[0];
}

// CSR SpMV, one row per thread: good for short rows (stencils, FEM with few neighbours).
KF_KERNEL kf_spmv_scalar(const int rows, KF_GLOBAL const int* KF_RESTRICT rowPtr,
                         KF_GLOBAL const int* KF_RESTRICT col, KF_GLOBAL const double* KF_RESTRICT val,
                         KF_GLOBAL const double* KF_RESTRICT x, KF_GLOBAL double* y) {
    int i = KF_GLOBAL_ID;
    if (i >= rows) return;
    double sum = 0.0;
    int end = rowPtr[i + 1];
    for (int k = rowPtr[i]; k < end; k++) sum += val[k] * x[col[k]];
    y[i] = sum;                                         // y = A x
}

// CSR SpMV, vw consecutive threads per row (vw a power of two dividing WG): coalesced reads of
// long rows, then a tree reduction in shared/local memory (every thread reaches every barrier).
KF_KERNEL kf_spmv_vector(const int rows, KF_GLOBAL const int* KF_RESTRICT rowPtr,
                         KF_GLOBAL const int* KF_RESTRICT col, KF_GLOBAL const double* KF_RESTRICT val,
                         KF_GLOBAL const double* KF_RESTRICT x, KF_GLOBAL double* y, const int vw) {
    KF_SHARED(double, scratch, WG);
    int lid = KF_LOCAL_ID;
    int lane = lid & (vw - 1);
    int row = KF_GLOBAL_ID / vw;
    double sum = 0.0;
    if (row < rows) {
        int end = rowPtr[row + 1];
        for (int k = rowPtr[row] + lane; k < end; k += vw) sum += val[k] * x[col[k]];
    }
    scratch[lid] = sum;
    for (int s = vw / 2; s > 0; s >>= 1) {
        KF_BARRIER();
        if (lane < s) scratch[lid] += scratch[lid + s];
    }
    if (lane == 0 && row < rows) y[row] = scratch[lid];   // y = A x
}

// Matrix-free 2D 5-point Laplacian on an nx*ny grid, Dirichlet boundaries eliminated:
// y = 4 x(i,j) - x(i-1,j) - x(i+1,j) - x(i,j-1) - x(i,j+1), row index j*nx + i.
KF_KERNEL kf_laplacian2d(const int nx, const int ny, KF_GLOBAL const double* KF_RESTRICT x, KF_GLOBAL double* y) {
    int idx = KF_GLOBAL_ID;
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
