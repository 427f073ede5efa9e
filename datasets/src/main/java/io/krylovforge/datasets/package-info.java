/** KrylovForge datasets module: filled in by its own issue. */
package io.krylovforge.datasets;
