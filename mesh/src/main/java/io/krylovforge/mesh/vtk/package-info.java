/** Export of meshes and point data to VTK XML ({@code .vtu}). */
package io.krylovforge.mesh.vtk;
