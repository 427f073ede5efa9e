package io.krylovforge.mesh.grid;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.mesh.ScalarField;

/**
 * The compact 9-point ("Mehrstellen") discretisation of −Δu = f on a square-celled 2D grid with
 * Dirichlet data on all sides: h²(−Δ_h u)_i = (20u_i − 4Σ_edge u_j − Σ_corner u_j)/6, right-hand
 * side h²(8f_i + Σ_edge f_j)/12, which is fourth-order accurate for smooth u (second order with
 * the plain h²f_i right-hand side). Symmetric positive definite.
 *
 * <p>Reference: Collatz, The Numerical Treatment of Differential Equations (1960), §V.1;
 * LeVeque, Finite Difference Methods for ODEs and PDEs (2007), §3.5.
 */
public final class NinePointLaplacian {
    private NinePointLaplacian() {
    }

    /**
     * Assembles the system over the interior nodes.
     *
     * @param grid a 2D grid with hx = hy
     * @param f    the source
     * @param g    the Dirichlet data on the whole boundary
     */
    public static GridSystem assemble(StructuredGrid grid, ScalarField f, ScalarField g) {
        if (grid.dimension() != 2) {
            throw new IllegalArgumentException("the 9-point stencil is 2D, grid is " + grid.dimension() + "D");
        }
        double h = grid.hx();
        if (Math.abs(grid.hy() - h) > 1e-12 * h) {
            throw new IllegalArgumentException("the 9-point stencil needs square cells, hx = " + h + ", hy = " + grid.hy());
        }
        int nx = grid.nx();
        int ny = grid.ny();
        int nodes = grid.nodeCount();
        int[] nodeToUnknown = new int[nodes];
        double[] dirichlet = new double[nodes];
        int count = 0;
        for (int j = 0; j <= ny; j++) {
            for (int i = 0; i <= nx; i++) {
                int p = grid.node(i, j, 0);
                if (i == 0 || j == 0 || i == nx || j == ny) {
                    nodeToUnknown[p] = -1;
                    dirichlet[p] = g.value(grid.x(i), grid.y(j), 0.0);
                } else {
                    nodeToUnknown[p] = count++;
                }
            }
        }
        int[] unknownToNode = new int[count];
        CooBuilder coo = new CooBuilder(count, count, 9 * count);
        double[] b = new double[count];
        for (int j = 1; j < ny; j++) {
            for (int i = 1; i < nx; i++) {
                int p = grid.node(i, j, 0);
                int row = nodeToUnknown[p];
                unknownToNode[row] = p;
                double x = grid.x(i);
                double y = grid.y(j);
                double rhs = h * h / 12.0 * (8.0 * f.value(x, y, 0.0)
                        + f.value(grid.x(i - 1), y, 0.0) + f.value(grid.x(i + 1), y, 0.0)
                        + f.value(x, grid.y(j - 1), 0.0) + f.value(x, grid.y(j + 1), 0.0));
                coo.add(row, row, 20.0 / 6.0);
                for (int dj = -1; dj <= 1; dj++) {
                    for (int di = -1; di <= 1; di++) {
                        if (di == 0 && dj == 0) {
                            continue;
                        }
                        double off = (di == 0 || dj == 0) ? -4.0 / 6.0 : -1.0 / 6.0;
                        int q = grid.node(i + di, j + dj, 0);
                        int col = nodeToUnknown[q];
                        if (col >= 0) {
                            coo.add(row, col, off);
                        } else {
                            rhs -= off * dirichlet[q];
                        }
                    }
                }
                b[row] = rhs;
            }
        }
        return new GridSystem(grid, coo.build(), b, unknownToNode, nodeToUnknown, dirichlet);
    }
}
