/**
 * Stationary iterations: Richardson and Chebyshev (Vector operations only, any backend) and the
 * matrix splittings Jacobi, Gauss–Seidel, SOR and SSOR, which sweep the host CSR arrays of a
 * {@link io.krylovforge.core.linalg.CsrMatrix} and test the true residual every iteration. The
 * {@link io.krylovforge.core.solve.LanczosEstimator} supplies Chebyshev's spectral
 * interval.
 */
package io.krylovforge.solvers.stationary;
