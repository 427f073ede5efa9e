/** KrylovForge bench module. */
package io.krylovforge.bench;
