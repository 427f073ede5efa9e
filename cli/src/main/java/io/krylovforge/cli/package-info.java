/** KrylovForge cli module. */
package io.krylovforge.cli;
