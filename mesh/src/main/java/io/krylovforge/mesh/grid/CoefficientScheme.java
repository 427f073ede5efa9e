package io.krylovforge.mesh.grid;

/**
 * How the node values of a variable coefficient K become the coupling between neighbouring
 * nodes i and j in −∇·(K∇u).
 */
public enum CoefficientScheme {
    /**
     * Face coefficient 2K_iK_j/(K_i+K_j) (harmonic mean): flux-continuous, symmetric, second
     * order for smooth K and exact for K piecewise constant across faces.
     */
    HARMONIC_MEAN,
    /** Face coefficient (K_i+K_j)/2: symmetric, second order for smooth K. */
    ARITHMETIC_MEAN,
    /**
     * The stencil of the SKR Darcy/Helmholtz generators (Wang et al., ICLR 2024, code
     * {@code wanghong1700/NO-DataGen-SKR}): row i has diagonal Σ K_i and off-diagonal −K_j, i.e.
     * the coefficient of the <em>neighbour</em>, so the matrix is non-symmetric. Kept only to
     * reproduce the paper's matrices; it is not a consistent discretisation of −∇·(K∇u).
     */
    SKR_NONSYMMETRIC
}
