/** KrylovForge gpu module: filled in by its own issue. */
package io.krylovforge.gpu;
