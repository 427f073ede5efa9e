package io.krylovforge.gpu;

import io.krylovforge.core.linalg.LinearOperator;

/**
 * An operator that knows its diagonal on the host, so {@link DeviceJacobi} can be set up from
 * it: the device CSR matrices (which keep a host copy, 8 bytes per row, made at upload) and the
 * matrix-free Laplacian (all 4).
 */
public interface DiagonalSource extends LinearOperator {
    /** A new array holding A(i, i), zero where nothing is stored. */
    double[] diagonal();
}
