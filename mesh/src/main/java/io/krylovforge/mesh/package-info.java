/**
 * KrylovForge mesh module: discretisations that turn PDEs into {@link io.krylovforge.core.linalg.CsrMatrix}
 * systems.
 *
 * <ul>
 *   <li>{@link io.krylovforge.mesh.grid}: vertex-centred finite differences / finite volumes on
 *       structured 2D and 3D grids (5-, 7- and 9-point stencils).</li>
 *   <li>{@link io.krylovforge.mesh.fem}: planar domains with holes, Delaunay refinement meshing and
 *       P1 finite elements.</li>
 *   <li>{@link io.krylovforge.mesh.family}: seeded PDE families (Darcy, Helmholtz, Poisson, heat,
 *       convection–diffusion, thermal) that produce sequences of systems.</li>
 *   <li>{@link io.krylovforge.mesh.vtk}: VTK export.</li>
 * </ul>
 */
package io.krylovforge.mesh;
