/** KrylovForge precond module. */
package io.krylovforge.precond;
