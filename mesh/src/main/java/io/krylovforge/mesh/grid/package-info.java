/**
 * Structured-grid discretisations: {@link io.krylovforge.mesh.grid.GridAssembler} (vertex-centred
 * finite volumes = 5-point/7-point finite differences, variable coefficients, Dirichlet/Neumann/Robin
 * sides, convection) and {@link io.krylovforge.mesh.grid.NinePointLaplacian}.
 */
package io.krylovforge.mesh.grid;
