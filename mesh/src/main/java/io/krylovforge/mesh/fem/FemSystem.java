package io.krylovforge.mesh.fem;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.Discretisation;
import io.krylovforge.mesh.ScalarField;

/**
 * An assembled P1 system A u = b over the vertices that are not Dirichlet.
 *
 * @param mesh          the mesh
 * @param a             the matrix
 * @param b             the right-hand side
 * @param unknownToNode vertex of each unknown
 * @param nodeToUnknown unknown of each vertex, −1 for Dirichlet vertices
 * @param dirichlet     prescribed values at Dirichlet vertices (0 elsewhere)
 */
public record FemSystem(TriangleMesh mesh, CsrMatrix a, double[] b, int[] unknownToNode,
        int[] nodeToUnknown, double[] dirichlet) implements Discretisation {

    // Dunavant's 6-point rule, exact for degree 4: barycentric (p, p, 1−2p) and weights.
    private static final double[] QA = {0.445948490915965, 0.091576213509771};
    private static final double[] QW = {0.223381589678011, 0.109951743655322};

    @Override
    public int size() {
        return unknownToNode.length;
    }

    @Override
    public int nodeCount() {
        return mesh.vertexCount();
    }

    @Override
    public double[] coordinates() {
        return mesh.coordinates();
    }

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

    /** ‖u_h − u‖_{L2(Ω)} with a degree-4 quadrature on every triangle. */
    public double l2Error(double[] u, ScalarField exact) {
        double[] full = expand(u);
        double sum = 0.0;
        for (int t = 0; t < mesh.triangleCount(); t++) {
            int i = mesh.vertex(t, 0);
            int j = mesh.vertex(t, 1);
            int k = mesh.vertex(t, 2);
            double area = mesh.area(t);
            double acc = 0.0;
            for (int r = 0; r < 2; r++) {
                double p = QA[r];
                double q = 1 - 2 * p;
                double[][] bary = {{p, p, q}, {p, q, p}, {q, p, p}};
                for (double[] l : bary) {
                    double x = l[0] * mesh.x(i) + l[1] * mesh.x(j) + l[2] * mesh.x(k);
                    double y = l[0] * mesh.y(i) + l[1] * mesh.y(j) + l[2] * mesh.y(k);
                    double e = l[0] * full[i] + l[1] * full[j] + l[2] * full[k] - exact.value(x, y, 0.0);
                    acc += QW[r] * e * e;
                }
            }
            sum += area * acc;
        }
        return Math.sqrt(sum);
    }
}
