package io.krylovforge.mesh.grid;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.Discretisation;
import io.krylovforge.mesh.ScalarField;

/**
 * An assembled grid problem A u = b over the non-Dirichlet nodes.
 *
 * @param grid           the grid
 * @param a              the matrix, one row per unknown
 * @param b              the right-hand side (Dirichlet data already moved over)
 * @param unknownToNode  node index of each unknown
 * @param nodeToUnknown  unknown index of each node, −1 for Dirichlet nodes
 * @param dirichlet      the prescribed value at each Dirichlet node (0 elsewhere)
 */
public record GridSystem(StructuredGrid grid, CsrMatrix a, double[] b, int[] unknownToNode,
        int[] nodeToUnknown, double[] dirichlet) implements Discretisation {

    /** Number of unknowns. */
    @Override
    public int size() {
        return unknownToNode.length;
    }

    @Override
    public int nodeCount() {
        return grid.nodeCount();
    }

    @Override
    public double[] coordinates() {
        return grid.coordinates();
    }

    /** The full node field: unknowns from {@code u}, Dirichlet values elsewhere. */
    @Override
    public double[] expand(double[] u) {
        if (u.length != unknownToNode.length) {
            throw new DimensionMismatchException("solution has " + u.length + " entries, system has "
                    + unknownToNode.length + " unknowns");
        }
        double[] full = dirichlet.clone();
        for (int p = 0; p < u.length; p++) {
            full[unknownToNode[p]] = u[p];
        }
        return full;
    }

    /**
     * Discrete L2 norm of (u_h − u) over all nodes, weighted by the node's control volume, so it
     * approximates the continuous L2 norm at second order.
     */
    public double l2Error(double[] u, ScalarField exact) {
        double[] full = expand(u);
        StructuredGrid g = grid;
        int nz = g.nz();
        double sum = 0.0;
        for (int k = 0; k <= nz; k++) {
            double wz = nz == 0 ? 1.0 : (k == 0 || k == nz ? 0.5 : 1.0) * g.hz();
            for (int j = 0; j <= g.ny(); j++) {
                double wy = (j == 0 || j == g.ny() ? 0.5 : 1.0) * g.hy();
                for (int i = 0; i <= g.nx(); i++) {
                    double wx = (i == 0 || i == g.nx() ? 0.5 : 1.0) * g.hx();
                    double e = full[g.node(i, j, k)] - exact.value(g.x(i), g.y(j), g.z(k));
                    sum += wx * wy * wz * e * e;
                }
            }
        }
        return Math.sqrt(sum);
    }
}
