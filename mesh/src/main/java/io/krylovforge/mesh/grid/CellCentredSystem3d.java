package io.krylovforge.mesh.grid;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.Discretisation;

/**
 * An assembled cell-centred problem A u = b on the n×n×n cells of the unit cube
 * ({@link FiniteVolume3d}): one unknown per cell, numbered (i, j, k) → i + n(j + n k), x fastest.
 * The Dirichlet data live on the boundary faces, not at nodes, so the node field is the cell
 * field itself.
 *
 * @param cellsPerSide n, cells per side
 * @param a            the matrix, one row per cell
 * @param b            the right-hand side
 */
public record CellCentredSystem3d(int cellsPerSide, CsrMatrix a, double[] b) implements Discretisation {
    /**
     * Checks that the matrix and right-hand side have n³ rows.
     *
     * @param cellsPerSide n, cells per side
     * @param a            the matrix, one row per cell
     * @param b            the right-hand side
     */
    public CellCentredSystem3d {
        long cells = (long) cellsPerSide * cellsPerSide * cellsPerSide;
        if (a.rows() != cells || b.length != cells) {
            throw new IllegalStateException("internal: " + cellsPerSide + "^3 cells but a has " + a.rows()
                    + " rows and b " + b.length + " entries");
        }
    }

    @Override
    public int size() {
        return b.length;
    }

    @Override
    public int nodeCount() {
        return b.length;
    }

    /** Cell centres (x, y, z) per cell, in unknown order. */
    @Override
    public double[] coordinates() {
        int n = cellsPerSide;
        double h = 1.0 / n;
        double[] xyz = new double[3 * size()];
        int p = 0;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    xyz[p++] = (i + 0.5) * h;
                    xyz[p++] = (j + 0.5) * h;
                    xyz[p++] = (k + 0.5) * h;
                }
            }
        }
        return xyz;
    }

    /** The cell field: a copy of {@code u} (every cell is an unknown). */
    @Override
    public double[] expand(double[] u) {
        if (u.length != size()) {
            throw new DimensionMismatchException("solution has " + u.length + " entries, expected " + size());
        }
        return u.clone();
    }
}
