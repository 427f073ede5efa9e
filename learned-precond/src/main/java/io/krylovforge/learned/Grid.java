package io.krylovforge.learned;

/**
 * The structured grid a learned solver reshapes vectors onto: unknown (x, y, z) is entry
 * (z·ny + y)·nx + x, the ordering of core's {@code Stencils.laplacian2d/3d}. nz = 1 in 2D.
 */
public record Grid(int nx, int ny, int nz) {
    /**
     * Validates the sizes.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public Grid {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("grid sizes must be >= 1, got " + nx + "x" + ny + "x" + nz);
        }
    }

    /** An n×n 2D grid. */
    public static Grid square(int n) {
        return new Grid(n, n, 1);
    }

    /** An n×n×n 3D grid. */
    public static Grid cube(int n) {
        return new Grid(n, n, n);
    }

    /** {@return the number of unknowns nx·ny·nz} */
    public int size() {
        return nx * ny * nz;
    }

    /** 2 when nz = 1, else 3. */
    public int spatialDims() {
        return nz == 1 ? 2 : 3;
    }
}
