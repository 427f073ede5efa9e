/**
 * Krylov subspace methods, each in its own class named as the literature names it:
 * {@link io.krylovforge.solvers.krylov.ConjugateGradient}, pipelined CG, multi-RHS CG, MINRES,
 * GMRES(m), FGMRES(m), flexible CG ({@link io.krylovforge.solvers.krylov.FlexibleConjugateGradient},
 * FCG(mmax), for variable or nonlinear preconditioners), BiCGStab, BiCGStab(ℓ) and TFQMR. All implement
 * {@link io.krylovforge.core.solve.IterativeSolver}, use only Vector/LinearOperator operations
 * (so they run on any backend), share {@link io.krylovforge.core.solve.ConvergenceTest}, and
 * confirm convergence with the true residual. Small shared pieces (Givens rotations, Arnoldi
 * least squares, fused pipelined-CG kernels) are package-private helpers.
 */
package io.krylovforge.solvers.krylov;
