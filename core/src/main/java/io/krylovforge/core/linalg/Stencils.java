package io.krylovforge.core.linalg;

/**
 * Standard finite-difference model matrices (Dirichlet boundaries eliminated, unit-spaced, not
 * scaled by h²): the usual test problems of the iterative-methods literature. Full PDE
 * discretisations with coefficients and boundary conditions live in the {@code mesh} module.
 */
public final class Stencils {
    private Stencils() {
    }

    /** 2D 5-point Laplacian on an nx×ny interior grid: 4 on the diagonal, −1 to each neighbour. */
    public static CsrMatrix laplacian2d(int nx, int ny) {
        requirePositive(nx, ny, 1);
        int n = nx * ny;
        CooBuilder coo = new CooBuilder(n, n, 5 * n);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int row = j * nx + i;
                if (j > 0) {
                    coo.add(row, row - nx, -1.0);
                }
                if (i > 0) {
                    coo.add(row, row - 1, -1.0);
                }
                coo.add(row, row, 4.0);
                if (i < nx - 1) {
                    coo.add(row, row + 1, -1.0);
                }
                if (j < ny - 1) {
                    coo.add(row, row + nx, -1.0);
                }
            }
        }
        return coo.build();
    }

    /** 3D 7-point Laplacian on an n×n×n interior grid: 6 on the diagonal, −1 to each neighbour. */
    public static CsrMatrix laplacian3d(int nx, int ny, int nz) {
        requirePositive(nx, ny, nz);
        int n = nx * ny * nz;
        CooBuilder coo = new CooBuilder(n, n, 7 * n);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int row = (k * ny + j) * nx + i;
                    if (k > 0) {
                        coo.add(row, row - nx * ny, -1.0);
                    }
                    if (j > 0) {
                        coo.add(row, row - nx, -1.0);
                    }
                    if (i > 0) {
                        coo.add(row, row - 1, -1.0);
                    }
                    coo.add(row, row, 6.0);
                    if (i < nx - 1) {
                        coo.add(row, row + 1, -1.0);
                    }
                    if (j < ny - 1) {
                        coo.add(row, row + nx, -1.0);
                    }
                    if (k < nz - 1) {
                        coo.add(row, row + nx * ny, -1.0);
                    }
                }
            }
        }
        return coo.build();
    }

    /**
     * 2D convection–diffusion −Δu + (c·∇)u on an n×n grid, first-order upwind convection with
     * velocity (1, 1)·peclet per cell: nonsymmetric, an M-matrix, diagonally dominant.
     */
    public static CsrMatrix convectionDiffusion2d(int nx, int ny, double peclet) {
        requirePositive(nx, ny, 1);
        if (!(peclet >= 0.0)) {
            throw new IllegalArgumentException("peclet must be >= 0, got " + peclet);
        }
        int n = nx * ny;
        CooBuilder coo = new CooBuilder(n, n, 5 * n);
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                int row = j * nx + i;
                if (j > 0) {
                    coo.add(row, row - nx, -1.0 - peclet); // upwind from below
                }
                if (i > 0) {
                    coo.add(row, row - 1, -1.0 - peclet); // upwind from the left
                }
                coo.add(row, row, 4.0 + 2.0 * peclet);
                if (i < nx - 1) {
                    coo.add(row, row + 1, -1.0);
                }
                if (j < ny - 1) {
                    coo.add(row, row + nx, -1.0);
                }
            }
        }
        return coo.build();
    }

    private static void requirePositive(int a, int b, int c) {
        if (a < 1 || b < 1 || c < 1) {
            throw new IllegalArgumentException("grid sizes must be >= 1, got " + a + ", " + b + ", " + c);
        }
    }
}
