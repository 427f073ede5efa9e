package io.krylovforge.mesh;

import io.krylovforge.core.linalg.CsrMatrix;

/**
 * An assembled linear system A u = b together with the mesh it lives on: how unknowns map to
 * mesh nodes, so a solution can be expanded (Dirichlet values filled in) and exported.
 */
public interface Discretisation {
    /** {@return the system matrix, one row per unknown} */
    CsrMatrix a();

    /** {@return the right-hand side (a defensive copy is not made; do not modify)} */
    double[] b();

    /** {@return the number of unknowns} */
    int size();

    /** {@return the number of mesh nodes (unknowns plus eliminated Dirichlet nodes)} */
    int nodeCount();

    /** Node coordinates, (x, y, z) per node. */
    double[] coordinates();

    /** The full node field from a solution vector of length {@link #size()}. */
    double[] expand(double[] u);
}
