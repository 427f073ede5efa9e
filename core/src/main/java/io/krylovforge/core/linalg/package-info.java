/**
 * Vectors, sparse matrices and operators: the types every algorithm is written against.
 *
 * <ul>
 *   <li>{@link io.krylovforge.core.linalg.Vector}: the operations solvers use (dot, axpy, norm,
 *       {@code subtract(y, target)}...), implemented on the host by
 *       {@link io.krylovforge.core.linalg.DenseVector} and on devices by the {@code gpu} module;</li>
 *   <li>{@link io.krylovforge.core.linalg.LinearOperator}: y = A·x, with
 *       {@code residual(b, x)}, {@code relativeResidual(b, x)} and {@code applyToOnes()};</li>
 *   <li>{@link io.krylovforge.core.linalg.CsrMatrix} (built with
 *       {@link io.krylovforge.core.linalg.CooBuilder}) and its column twin
 *       {@link io.krylovforge.core.linalg.CscMatrix}.</li>
 * </ul>
 *
 * <p>Indices are 0-based everywhere in the API (Matrix Market files are 1-based; the reader
 * converts). Parallel kernels reduce over fixed blocks, so results do not depend on the thread
 * count.
 */
package io.krylovforge.core.linalg;
