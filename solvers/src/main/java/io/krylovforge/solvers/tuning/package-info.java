/**
 * Learning the relaxation factor ω across a sequence of systems (Khodak et al., ICLR 2024):
 * {@link io.krylovforge.solvers.tuning.TunedSequenceSolver} asks an
 * {@link io.krylovforge.solvers.tuning.OmegaTuner} for ω before each SOR or SSOR-PCG solve and
 * feeds back the iteration count. Tuners: {@link io.krylovforge.solvers.tuning.TsallisInf}
 * (bandit), {@link io.krylovforge.solvers.tuning.TsallisInfCb} (contextual),
 * {@link io.krylovforge.solvers.tuning.ChebCb} (contextual, Chebyshev features),
 * {@link io.krylovforge.solvers.tuning.FixedOmega} and the
 * {@link io.krylovforge.solvers.tuning.InstanceOptimalOmega} oracle. Tuner state is a plain
 * {@link io.krylovforge.solvers.tuning.TunerState} record that serialises for resuming.
 */
package io.krylovforge.solvers.tuning;
