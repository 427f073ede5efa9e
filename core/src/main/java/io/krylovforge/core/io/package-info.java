/**
 * Matrix Market input and output. {@link io.krylovforge.core.io.MatrixMarket} reads coordinate
 * and array files (real, integer, pattern; general, symmetric, skew-symmetric) into a
 * {@link io.krylovforge.core.linalg.CsrMatrix} and writes matrices and vectors back; a malformed
 * file throws {@link io.krylovforge.core.io.MatrixMarketException} naming file, line and problem.
 * {@link io.krylovforge.core.io.AtomicFiles} writes through a temporary file and a rename, so a
 * reader never sees half a file.
 */
package io.krylovforge.core.io;
