/**
 * Unstructured 2D meshes and P1 finite elements: {@link io.krylovforge.mesh.fem.PlanarDomain}
 * (polygons with holes and tagged edges), {@link io.krylovforge.mesh.fem.DelaunayRefinement}
 * (Ruppert), {@link io.krylovforge.mesh.fem.P1Assembler}, and the named-domain entry point
 * {@link io.krylovforge.mesh.fem.MeshGenerator}.
 */
package io.krylovforge.mesh.fem;
