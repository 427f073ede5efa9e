/**
 * Incomplete factorisations: ILU(0) ({@link io.krylovforge.precond.factor.IncompleteLu0}),
 * ILUT(τ, p) ({@link io.krylovforge.precond.factor.IncompleteLuThreshold}) and IC(0) with
 * Manteuffel's diagonal shift on breakdown
 * ({@link io.krylovforge.precond.factor.IncompleteCholesky0}). ILU(0) and IC(0) refactor
 * numerically only when {@code update} gets a matrix of the set-up pattern.
 */
package io.krylovforge.precond.factor;
