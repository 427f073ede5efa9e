package io.krylovforge.direct.ordering;

/**
 * The shape of a structured grid whose unknowns are numbered lexicographically, x fastest:
 * unknown (i, j, k) is {@code i + nx·(j + ny·k)} — the numbering {@code mesh} uses. nz = 1 for 2D.
 */
public record GridShape(int nx, int ny, int nz) {

    /** Validates the extents. */
    public GridShape {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException(
                    "grid extents must be >= 1, got " + nx + "x" + ny + "x" + nz);
        }
    }

    /** A 2D nx×ny grid. */
    public static GridShape of(int nx, int ny) {
        return new GridShape(nx, ny, 1);
    }

    /** A 3D nx×ny×nz grid. */
    public static GridShape of(int nx, int ny, int nz) {
        return new GridShape(nx, ny, nz);
    }

    /** Number of unknowns nx·ny·nz. */
    public int size() {
        return nx * ny * nz;
    }
}
