package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.mesh.family.HeatSequence;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.SymmetricSor;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import io.krylovforge.solvers.tuning.OmegaTuner;
import io.krylovforge.solvers.tuning.TunedSequenceSolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Sequences of related systems from a PDE family, solved as {@code kforge sequence} does, as
 * library calls: {@link #solve} draws systems 0 … count−1 with the dataset seed rule
 * ({@link SampleSeeds}) and solves them with sorted Krylov recycling through the one
 * {@link SequenceSolver} ({@code gcrodr}, {@code rcg}) or, for any other registry solver,
 * independently in input order; {@link #tuneHeat} runs the heat equation's time steps with a
 * relaxation factor learned across the sequence ({@link TunedSequenceSolver}).
 */
public final class FamilySequences {
    private FamilySequences() {
    }

    /** The systems {@code first} … of {@code family} for dataset {@code seed}, as {@link LinearSystem}s. */
    public static List<LinearSystem> systems(PdeFamily family, long seed, int count) {
        List<LinearSystem> out = new ArrayList<>(count);
        for (PdeInstance p : SampleSeeds.draw(family, seed, 0, count)) {
            out.add(new LinearSystem(p.a(), DenseVector.wrap(p.b()), p.parameters()));
        }
        return out;
    }

    /**
     * Solves {@code systems} as {@code spec} says; results in input order.
     *
     * @param sort     order of a recycling solve (ignored by independent solves)
     * @param chains   parallel recycling chains C (independent solves run on one thread)
     * @param progress hears of each solved system
     */
    public static SequenceResult solve(List<LinearSystem> systems, SolverSpec spec, SequenceOptions.SortMode sort,
            int chains, ProgressListener progress) {
        if (systems.isEmpty()) {
            throw new DatasetArgumentException("a sequence needs at least one system");
        }
        progress.start(systems.size(), 0);
        try {
            SequenceResult r = spec.recycles() ? recycled(systems, spec, sort, chains)
                    : independent(systems, spec, progress);
            if (spec.recycles()) {
                for (SequenceResult.SystemResult s : r.systems()) {
                    progress.sampleSolved(s.index(), s.iterations());
                }
            }
            return r;
        } finally {
            progress.finish();
        }
    }

    private static SequenceResult recycled(List<LinearSystem> systems, SolverSpec spec, SequenceOptions.SortMode sort,
            int chains) {
        SequenceOptions.Method method = spec.solver().equals("rcg") ? SequenceOptions.Method.RCG
                : SequenceOptions.Method.GCRODR;
        SequenceOptions o = SequenceOptions.defaults().withMethod(SequenceOptions.Method.GMRES) // no k < m check while m and k change
                .withRestart(spec.restartOrDefault()).withRecycle(spec.recycle()).withMethod(method)
                .withRefreshEvery(spec.refreshEvery()).withSolverOptions(spec.options(systems.get(0).b().size()))
                .withSort(sort).withChains(chains);
        if (!spec.precond().equals("none")) {
            o = o.withPreconditioner(spec::createPreconditioner,
                    SequenceOptions.PreconditionerReuse.FRESH_PER_SYSTEM);
        }
        return new SequenceSolver(o).solve(systems);
    }

    /** Each system from x = 0 with the registry solver, in input order, on this thread. */
    private static SequenceResult independent(List<LinearSystem> systems, SolverSpec spec, ProgressListener progress) {
        long t0 = System.nanoTime();
        IterativeSolver solver = spec.createSolver();
        Preconditioner m = spec.createPreconditioner();
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        boolean cpu = bean.isCurrentThreadCpuTimeSupported();
        List<SequenceResult.SystemResult> out = new ArrayList<>(systems.size());
        int[] order = new int[systems.size()];
        for (int i = 0; i < systems.size(); i++) {
            LinearSystem s = systems.get(i);
            long w = System.nanoTime();
            long c = cpu ? bean.getCurrentThreadCpuTime() : -1;
            DenseVector x = DenseVector.zeros(s.b().size());
            SolveResult r = solver.solve(s.a(), s.b(), x, spec.options(s.b().size(), solver).withPreconditioner(m));
            out.add(new SequenceResult.SystemResult(i, i, 0, r, System.nanoTime() - w,
                    cpu ? bean.getCurrentThreadCpuTime() - c : -1, x));
            order[i] = i;
            progress.sampleSolved(i, r.iterations());
        }
        return new SequenceResult(out, order, 0L, System.nanoTime() - t0);
    }

    /**
     * One time step of {@link #tuneHeat}.
     *
     * @param step             time step t
     * @param kappa            the conductivity at t (the tuner's context)
     * @param omega            the relaxation factor used
     * @param iterations       iterations of the solve
     * @param relativeResidual its final ‖b − Ax‖/‖b‖
     * @param converged        whether it reached rtol
     */
    public record HeatStep(int step, double kappa, double omega, int iterations, double relativeResidual,
            boolean converged) {
    }

    /** How {@link #tuneHeat} solves each heat step. */
    public enum HeatMethod {
        /** SOR with the tuned ω. */
        SOR,
        /** CG preconditioned by SSOR with the tuned ω. */
        SSOR_PCG
    }

    /**
     * The heat equation's Crank–Nicolson time steps ({@code heat}: grid, Δt and step count), each
     * solved from the previous state with SOR or SSOR-preconditioned CG ({@code heatMethod}), ω
     * chosen per step by {@code tuner}. Tolerance and limit come from {@code spec}.
     *
     * @param heat       the sequence's grid and time stepping
     * @param heatMethod SOR or SSOR-preconditioned CG
     * @param tuner      picks ω per step
     * @param spec       tolerance and iteration limit
     * @param progress   progress listener
     * @return one record per step
     */
    public static List<HeatStep> tuneHeat(HeatSequence.Options heat, HeatMethod heatMethod, OmegaTuner tuner,
            SolverSpec spec, ProgressListener progress) {
        HeatSequence seq = new HeatSequence(heat);
        int steps = heat.steps();
        TunedSequenceSolver.RelaxedMethod method = heatMethod == HeatMethod.SSOR_PCG
                ? TunedSequenceSolver.preconditionedCg(SymmetricSor::new) : TunedSequenceSolver.sor();
        TunedSequenceSolver ts = new TunedSequenceSolver(tuner, method,
                spec.options(seq.size()).withNonzeroGuess(true));
        double[] u = seq.initialState();
        List<HeatStep> out = new ArrayList<>(steps);
        progress.start(steps, 0);
        try {
            for (int t = 0; t < steps; t++) {
                CsrMatrix a = seq.matrix(t);
                DenseVector x = DenseVector.of(u);
                TunedSequenceSolver.Step s = ts.solveNext(a, DenseVector.wrap(seq.rhs(t, u)), x, seq.kappaAt(t));
                u = x.data();
                out.add(new HeatStep(t, seq.kappaAt(t), s.omega(), s.iterations(), s.result().relativeResidual(),
                        s.result().converged()));
                progress.sampleSolved(t, s.iterations());
            }
        } finally {
            progress.finish();
        }
        return out;
    }

    /**
     * The conductivity range of the heat sequence (for contextual tuners).
     *
     * @param heat the sequence's grid and time stepping
     * @return {lo, hi} with lo &lt; hi
     */
    public static double[] heatKappaRange(HeatSequence.Options heat) {
        HeatSequence seq = new HeatSequence(heat);
        int steps = heat.steps();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < steps; t++) {
            lo = Math.min(lo, seq.kappaAt(t));
            hi = Math.max(hi, seq.kappaAt(t));
        }
        return new double[] {lo, hi > lo ? hi : lo + 1.0};
    }
}
