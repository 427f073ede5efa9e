package io.krylovforge.mesh.grid;

/** Discretisation of the convective flux β·∇u across a face. */
public enum ConvectionScheme {
    /** Central (average of the two node values): second order, oscillates for cell Péclet > 2. */
    CENTRAL,
    /** First-order upwind: an M-matrix for any Péclet number, first order. */
    UPWIND
}
