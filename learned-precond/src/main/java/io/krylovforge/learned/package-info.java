/** KrylovForge learned-precond module: filled in by its own issue. */
package io.krylovforge.learned;
