package io.krylovforge.gpu.cuda;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.DiagonalSource;
import io.krylovforge.gpu.SpmvKernel;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * A {@link CsrMatrix} copied to a CUDA device, applied with the scalar (thread per row) or vector
 * (2–32 lanes of a warp per row, shuffle reduction) SpMV kernel; see {@link SpmvKernel}.
 */
public final class CudaCsrMatrix implements DiagonalSource {
    private final CudaBackend backend;
    private final int rows;
    private final int cols;
    private final long nnz;
    private final SpmvKernel kernel;
    private final int vectorWidth;
    private final Pointer rowPtr;
    private final Pointer colIdx;
    private final Pointer values;
    /** Host copy of the diagonal, for Jacobi set-up (8 bytes per row). */
    private final double[] diagonal;

    CudaCsrMatrix(CudaBackend backend, CsrMatrix a, SpmvKernel choice) {
        this.backend = backend;
        this.rows = a.rows();
        this.cols = a.cols();
        this.nnz = a.nnz();
        this.diagonal = a.diagonal();
        double mean = rows == 0 ? 0.0 : nnz / (double) rows;
        this.kernel = choice.resolve(mean);
        this.vectorWidth = SpmvKernel.vectorWidth(mean);
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        CUdeviceptr p = backend.allocate((long) ptr.length * Sizeof.INT);
        CUdeviceptr c = backend.allocate((long) col.length * Sizeof.INT);
        CUdeviceptr v = backend.allocate((long) val.length * Sizeof.DOUBLE);
        backend.freeWhenUnreachable(this, p, c, v);
        synchronized (backend.lock()) {
            backend.bind();
            CudaBackend.check(JCudaDriver.cuMemcpyHtoD(p, Pointer.to(ptr), (long) ptr.length * Sizeof.INT), "cuMemcpyHtoD");
            if (col.length > 0) {
                CudaBackend.check(JCudaDriver.cuMemcpyHtoD(c, Pointer.to(col), (long) col.length * Sizeof.INT), "cuMemcpyHtoD");
                CudaBackend.check(JCudaDriver.cuMemcpyHtoD(v, Pointer.to(val), (long) val.length * Sizeof.DOUBLE), "cuMemcpyHtoD");
            }
        }
        this.rowPtr = Pointer.to(p);
        this.colIdx = Pointer.to(c);
        this.values = Pointer.to(v);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Stored entries. */
    public long nnz() {
        return nnz;
    }

    @Override
    public double[] diagonal() {
        return diagonal.clone();
    }

    /** The SpMV kernel in use (SCALAR or VECTOR). */
    public SpmvKernel kernel() {
        return kernel;
    }

    @Override
    public void apply(Vector x, Vector y) {
        checkApply(x, y);
        CudaVector xv = backend.vector(x, "x");
        CudaVector yv = backend.vector(y, "y");
        if (rows == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.bind();
            if (kernel == SpmvKernel.VECTOR) {
                backend.setInts(rows, vectorWidth);
                backend.launch(backend.kSpmvVector, (long) rows * vectorWidth, backend.int0Ptr, rowPtr, colIdx,
                        values, xv.arg, yv.arg, backend.int1Ptr); // y = A x
            } else {
                backend.setInts(rows, 0);
                backend.launch(backend.kSpmvScalar, rows, backend.int0Ptr, rowPtr, colIdx, values, xv.arg,
                        yv.arg); // y = A x
            }
        }
    }

    /** Host convenience: uploads x, applies, downloads y (for checks, not for loops). */
    @Override
    public void apply(double[] x, double[] y) {
        checkApply(DenseVector.wrap(x), DenseVector.wrap(y));
        CudaVector yv = backend.zeros(rows);
        apply(backend.of(x), yv);
        System.arraycopy(yv.toArray(), 0, y, 0, rows);
    }

    @Override
    public String toString() {
        return "CudaCsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz + ", " + kernel
                + (kernel == SpmvKernel.VECTOR ? " width " + vectorWidth : "") + ", " + backend.spec() + "]";
    }
}
