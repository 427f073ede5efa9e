/** KrylovForge mesh module. */
package io.krylovforge.mesh;
