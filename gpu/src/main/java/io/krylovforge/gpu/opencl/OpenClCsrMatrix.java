package io.krylovforge.gpu.opencl;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.gpu.DiagonalSource;
import io.krylovforge.gpu.SpmvKernel;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A {@link CsrMatrix} copied to an OpenCL device (row pointers, column indices and values as
 * int/int/double buffers), applied with the scalar (row per work-item) or vector (a group of
 * work-items per row) SpMV kernel; see {@link SpmvKernel} for the choice. Immutable after upload.
 */
public final class OpenClCsrMatrix implements DiagonalSource {
    private final OpenClBackend backend;
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

    OpenClCsrMatrix(OpenClBackend backend, CsrMatrix a, SpmvKernel choice) {
        this.backend = backend;
        this.rows = a.rows();
        this.cols = a.cols();
        this.nnz = a.nnz();
        this.diagonal = a.diagonal();
        double mean = rows == 0 ? 0.0 : nnz / (double) rows;
        this.kernel = choice.resolve(mean);
        this.vectorWidth = Math.min(SpmvKernel.vectorWidth(mean), backend.groupSize());
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        cl_mem p;
        cl_mem c = null;
        cl_mem v = null;
        synchronized (backend.lock()) {
            backend.checkOpen();
            p = backend.uploadInts(ptr, ptr.length);
            try {
                c = backend.uploadInts(col, col.length);
                v = backend.uploadDoubles(val, val.length);
            } catch (RuntimeException e) {
                OpenClBackend.release(p, c); // the failed upload keeps nothing
                throw e;
            }
        }
        this.rowPtr = Pointer.to(p);
        this.colIdx = Pointer.to(c);
        this.values = Pointer.to(v);
        OpenClBackend.releaseWhenUnreachable(this, p, c, v);
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

    /** y ← A·x for vectors on the same backend. */
    @Override
    public void apply(Vector x, Vector y) {
        checkApply(x, y);
        OpenClVector xv = backend.vector(x, "x");
        OpenClVector yv = backend.vector(y, "y");
        if (rows == 0) {
            return;
        }
        synchronized (backend.lock()) {
            backend.checkOpen();
            var k = kernel == SpmvKernel.VECTOR ? backend.kSpmvVector : backend.kSpmvScalar;
            backend.setInt(k, 0, rows);
            backend.setMem(k, 1, rowPtr);
            backend.setMem(k, 2, colIdx);
            backend.setMem(k, 3, values);
            backend.setMem(k, 4, xv.ptr);
            backend.setMem(k, 5, yv.ptr);
            if (kernel == SpmvKernel.VECTOR) {
                backend.setInt(k, 6, vectorWidth);
                backend.launch(k, (long) rows * vectorWidth, backend.groupSize()); // y = A x
            } else {
                backend.launch(k, rows); // y = A x
            }
        }
    }

    /** Host convenience: uploads x, applies, downloads y (for checks, not for loops). */
    @Override
    public void apply(double[] x, double[] y) {
        checkApply(DenseVector.wrap(x), DenseVector.wrap(y));
        OpenClVector xv = backend.of(x);
        OpenClVector yv = backend.zeros(rows);
        apply(xv, yv);
        System.arraycopy(yv.toArray(), 0, y, 0, rows);
    }

    @Override
    public String toString() {
        return "OpenClCsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz + ", " + kernel
                + (kernel == SpmvKernel.VECTOR ? " width " + vectorWidth : "") + ", " + backend.spec() + "]";
    }
}
