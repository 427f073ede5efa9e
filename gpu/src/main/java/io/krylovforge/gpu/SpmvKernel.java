package io.krylovforge.gpu;

/**
 * Which CSR SpMV kernel a device matrix uses.
 *
 * <p>SCALAR runs one row per thread: minimal overhead, best for short rows (stencils). VECTOR
 * gives each row a group of 2–32 threads that read the row together (coalesced) and reduce:
 * better for long rows. AUTO picks VECTOR when the mean row length is at least
 * {@value #VECTOR_THRESHOLD}. Reference: Bell and Garland, "Implementing sparse matrix-vector
 * multiplication on throughput-oriented processors", SC 2009 (CSR scalar and vector kernels).
 */
public enum SpmvKernel {
    AUTO, SCALAR, VECTOR;

    /** Mean nonzeros per row from which AUTO picks the vector kernel. */
    public static final int VECTOR_THRESHOLD = 12;

    /** The concrete kernel for a matrix with this mean row length. */
    public SpmvKernel resolve(double meanRowLength) {
        if (this != AUTO) {
            return this;
        }
        return meanRowLength >= VECTOR_THRESHOLD ? VECTOR : SCALAR;
    }

    /** Threads per row for the vector kernel: a power of two near the mean row length, 2..32. */
    public static int vectorWidth(double meanRowLength) {
        int w = 2;
        while (w < 32 && w < meanRowLength) {
            w <<= 1;
        }
        return w;
    }
}
