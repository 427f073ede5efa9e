/**
 * The neural Poisson step (after NPSolver, Zeng et al., KDD 2026): a small learned iterative
 * solver for −Δu = f with mixed boundary conditions on irregular 2D P1 meshes, trained without
 * labels (target = K Jacobi-PCG steps from the network's own prediction, stop-gradient, RMS loss),
 * used as a one-shot solver and as the initial guess of Jacobi-PCG.
 *
 * <p>{@link io.krylovforge.learned.poisson.NeuralPoissonNet} (architecture and why),
 * {@link io.krylovforge.learned.poisson.TwoLevelSystem} (operator data and coarse space),
 * {@link io.krylovforge.learned.poisson.NeuralPoissonTrainer} (training),
 * {@link io.krylovforge.learned.poisson.NeuralPoissonWeights} (file format, shipped weights),
 * {@link io.krylovforge.learned.poisson.NeuralPoissonStep} (use),
 * {@link io.krylovforge.learned.poisson.NeuralPoissonEvaluator} (where the forward runs: the host's
 * {@link io.krylovforge.learned.poisson.CpuNeuralPoissonNet}, or a device from the gpu module). Results and the commands that
 * produced them: {@code bench/results/learned-npsolver.md}.
 */
package io.krylovforge.learned.poisson;
