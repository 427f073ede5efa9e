package io.krylovforge.mesh.grid;

/**
 * A uniform tensor-product grid on [0,lx]×[0,ly] (2D, {@code nz == 0}) or [0,lx]×[0,ly]×[0,lz]
 * (3D) with {@code nx, ny, nz} cells per direction, so {@code (nx+1)(ny+1)(nz+1)} nodes. Nodes
 * are numbered x fastest: {@code node = i + (nx+1)·(j + (ny+1)·k)}.
 *
 * @param nx cells in x (≥ 2)
 * @param ny cells in y (≥ 2)
 * @param nz cells in z (0 for a 2D grid, else ≥ 2)
 * @param lx length in x
 * @param ly length in y
 * @param lz length in z (ignored in 2D)
 */
public record StructuredGrid(int nx, int ny, int nz, double lx, double ly, double lz) {
    /**
     * Validates the grid.
     *
     * @param nx cells in x (≥ 2)
     * @param ny cells in y (≥ 2)
     * @param nz cells in z (0 for a 2D grid, else ≥ 2)
     * @param lx length in x
     * @param ly length in y
     * @param lz length in z (ignored in 2D)
     * @throws IllegalArgumentException with fewer than 2 cells in a direction, a non-positive
     *        length, or too many nodes
     */
    public StructuredGrid {
        if (nx < 2 || ny < 2 || nz < 0 || nz == 1) {
            throw new IllegalArgumentException(
                    "grid needs at least 2 cells per direction (nz = 0 for 2D), got " + nx + "x" + ny + "x" + nz);
        }
        if (!(lx > 0) || !(ly > 0) || (nz > 0 && !(lz > 0))) {
            throw new IllegalArgumentException("grid lengths must be positive, got " + lx + ", " + ly + ", " + lz);
        }
        long nodes = (long) (nx + 1) * (ny + 1) * (nz + 1);
        if (nodes > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("grid too large: " + nodes + " nodes");
        }
    }

    /**
     * The unit square with {@code cells} cells per side: {@code cells + 1} nodes per side,
     * spacing 1/cells; with Dirichlet conditions on every side, {@code (cells − 1)²} unknowns.
     *
     * @param cells cells per side (≥ 2)
     * @return the grid
     */
    public static StructuredGrid unitSquareWithCells(int cells) {
        return new StructuredGrid(cells, cells, 0, 1.0, 1.0, 0.0);
    }

    /**
     * The unit square with {@code nodes} nodes per side, boundary nodes included (spacing
     * 1/(nodes − 1)).
     *
     * @param nodes nodes per side (≥ 3)
     * @return the grid
     */
    public static StructuredGrid unitSquareWithNodes(int nodes) {
        checkCount("nodes", nodes, 3);
        return unitSquareWithCells(nodes - 1);
    }

    /**
     * The unit square with {@code unknowns} interior nodes per side, so a problem with Dirichlet
     * conditions on every side has {@code unknowns²} unknowns (spacing 1/(unknowns + 1)).
     *
     * @param unknowns interior nodes per side (≥ 1)
     * @return the grid
     */
    public static StructuredGrid unitSquareWithInteriorUnknowns(int unknowns) {
        checkCount("interior unknowns", unknowns, 1);
        return unitSquareWithCells(unknowns + 1);
    }

    /**
     * The unit cube with {@code cells} cells per side ({@code cells + 1} nodes per side).
     *
     * @param cells cells per side (≥ 2)
     * @return the grid
     */
    public static StructuredGrid unitCubeWithCells(int cells) {
        return new StructuredGrid(cells, cells, cells, 1.0, 1.0, 1.0);
    }

    /**
     * The unit cube with {@code nodes} nodes per side, boundary nodes included.
     *
     * @param nodes nodes per side (≥ 3)
     * @return the grid
     */
    public static StructuredGrid unitCubeWithNodes(int nodes) {
        checkCount("nodes", nodes, 3);
        return unitCubeWithCells(nodes - 1);
    }

    /**
     * The unit cube with {@code unknowns} interior nodes per side ({@code unknowns³} unknowns
     * with Dirichlet conditions on every face).
     *
     * @param unknowns interior nodes per side (≥ 1)
     * @return the grid
     */
    public static StructuredGrid unitCubeWithInteriorUnknowns(int unknowns) {
        checkCount("interior unknowns", unknowns, 1);
        return unitCubeWithCells(unknowns + 1);
    }

    /**
     * The unit square with n <em>cells</em> per side (n+1 nodes, (n−1)² Dirichlet unknowns).
     *
     * @param n cells per side
     * @return the grid
     * @deprecated the count is easy to misread; use {@link #unitSquareWithCells},
     *             {@link #unitSquareWithNodes} or {@link #unitSquareWithInteriorUnknowns}
     */
    @Deprecated
    public static StructuredGrid unitSquare(int n) {
        return unitSquareWithCells(n);
    }

    /**
     * The unit cube with n <em>cells</em> per side.
     *
     * @param n cells per side
     * @return the grid
     * @deprecated use {@link #unitCubeWithCells}, {@link #unitCubeWithNodes} or
     *             {@link #unitCubeWithInteriorUnknowns}
     */
    @Deprecated
    public static StructuredGrid unitCube(int n) {
        return unitCubeWithCells(n);
    }

    private static void checkCount(String what, int count, int min) {
        if (count < min) {
            throw new IllegalArgumentException("grid needs at least " + min + " " + what
                    + " per side, got " + count);
        }
    }

    /** 2 or 3. */
    public int dimension() {
        return nz == 0 ? 2 : 3;
    }

    /** {@return the number of nodes} */
    public int nodeCount() {
        return (nx + 1) * (ny + 1) * (nz + 1);
    }

    /** Spacing in x, lx/nx. */
    public double hx() {
        return lx / nx;
    }

    /** Spacing in y, ly/ny. */
    public double hy() {
        return ly / ny;
    }

    /** Spacing in z, lz/nz (0 in 2D). */
    public double hz() {
        return nz == 0 ? 0.0 : lz / nz;
    }

    /** Node index of (i, j, k). */
    public int node(int i, int j, int k) {
        return i + (nx + 1) * (j + (ny + 1) * k);
    }

    /** x coordinate of node column i. */
    public double x(int i) {
        return i == nx ? lx : i * hx();
    }

    /** The y coordinate of node row j. */
    public double y(int j) {
        return j == ny ? ly : j * hy();
    }

    /** The z coordinate of node layer k (0 in 2D). */
    public double z(int k) {
        return nz == 0 ? 0.0 : (k == nz ? lz : k * hz());
    }

    /** Node coordinates as a flat array (x, y, z per node), for export. */
    public double[] coordinates() {
        double[] c = new double[3 * nodeCount()];
        for (int k = 0; k <= nz; k++) {
            for (int j = 0; j <= ny; j++) {
                for (int i = 0; i <= nx; i++) {
                    int p = node(i, j, k);
                    c[3 * p] = x(i);
                    c[3 * p + 1] = y(j);
                    c[3 * p + 2] = z(k);
                }
            }
        }
        return c;
    }
}
