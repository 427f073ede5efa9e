package io.krylovforge.gpu;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.Vector;

/**
 * A {@link CsrMatrix} copied to a device (row pointers, column indices and values as
 * int/int/double buffers), applied with the scalar (row per thread) or vector (a group of threads
 * per row) SpMV kernel; see {@link SpmvKernel} for the choice. Immutable after upload; a failed
 * upload keeps nothing.
 */
public final class DeviceCsrMatrix implements DiagonalSource {
    private final KernelBackend backend;
    private final DeviceRuntime rt;
    private final int rows;
    private final int cols;
    private final long nnz;
    private final SpmvKernel kernel;
    private final int vectorWidth;
    private final DeviceBuffer rowPtr;
    private final DeviceBuffer colIdx;
    private final DeviceBuffer values;
    /** Host copy of the diagonal, for Jacobi set-up (8 bytes per row). */
    private final double[] diagonal;

    DeviceCsrMatrix(KernelBackend backend, CsrMatrix a, SpmvKernel choice) {
        this.backend = backend;
        this.rt = backend.runtime();
        this.rows = a.rows();
        this.cols = a.cols();
        this.nnz = a.nnz();
        this.diagonal = a.diagonal();
        double mean = rows == 0 ? 0.0 : nnz / (double) rows;
        this.kernel = choice.resolve(mean);
        this.vectorWidth = Math.min(SpmvKernel.vectorWidth(mean), rt.groupSize());
        DeviceBuffer p = null;
        DeviceBuffer c = null;
        DeviceBuffer v = null;
        try {
            p = rt.upload(a.rowPtr(), a.rowPtr().length);
            c = rt.upload(a.colIdx(), a.colIdx().length);
            v = rt.upload(a.values(), a.values().length);
        } catch (RuntimeException e) {
            rt.release(p, c, v); // the failed upload keeps nothing
            throw e;
        }
        this.rowPtr = p;
        this.colIdx = c;
        this.values = v;
        rt.releaseWhenUnreachable(this, p, c, v);
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
        DeviceVector xv = backend.vector(x, "x");
        DeviceVector yv = backend.vector(y, "y");
        if (rows == 0) {
            return;
        }
        synchronized (rt.lock()) {
            DeviceKernel k = kernel == SpmvKernel.VECTOR ? backend.spmvVector : backend.spmvScalar;
            k.set(0, rows).set(1, rowPtr).set(2, colIdx).set(3, values).set(4, xv.buffer).set(5, yv.buffer);
            if (kernel == SpmvKernel.VECTOR) {
                k.set(6, vectorWidth);
                rt.launch(k, (long) rows * vectorWidth); // y = A x
            } else {
                rt.launch(k, rows); // y = A x
            }
        }
    }

    /** Host convenience: uploads x, applies, downloads y (for checks, not for loops). */
    @Override
    public void apply(double[] x, double[] y) {
        checkApply(DenseVector.wrap(x), DenseVector.wrap(y));
        DeviceVector yv = backend.zeros(rows);
        apply(backend.of(x), yv);
        System.arraycopy(yv.toArray(), 0, y, 0, rows);
    }

    @Override
    public String toString() {
        return "DeviceCsrMatrix[" + rows + "x" + cols + ", nnz=" + nnz + ", " + kernel
                + (kernel == SpmvKernel.VECTOR ? " width " + vectorWidth : "") + ", " + rt.spec() + "]";
    }
}
