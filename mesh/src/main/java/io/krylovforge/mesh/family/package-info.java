/**
 * Seeded PDE families that produce sequences of linear systems with the parameter arrays used to
 * sort them (SKR, Learning to Relax); entry point {@link io.krylovforge.mesh.family.Families}.
 */
package io.krylovforge.mesh.family;
