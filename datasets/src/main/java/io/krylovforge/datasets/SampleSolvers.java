package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.amg.SmoothedAggregationAmg;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.Solvers;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SampleSolver} for a {@link SolverSpec}: every registry solver as independent solves
 * from a zero guess; {@code gcrodr} and {@code rcg} as SKR (sorted Krylov recycling) through the
 * one {@link SequenceSolver}: each shard is ordered by its greedy sort on the parameter arrays
 * and solved in contiguous chains of at most {@value #CHAIN_LENGTH} samples, each carrying a
 * recycle space. Results are stored in the original sample order either way.
 *
 * <p>Reference: H. Wang et al., "Accelerating data generation for neural operators via Krylov
 * subspace recycling", ICLR 2024 (Alg. 1 sort, Alg. 2 GCRO-DR).
 */
public final class SampleSolvers {
    /**
     * Longest recycling chain inside a shard: a shard's chains run on several workers, and the
     * cut depends only on the shard size, never on the thread count, so shards stay identical.
     */
    public static final int CHAIN_LENGTH = 250;

    private SampleSolvers() {
    }

    /** The strategy for {@code spec}'s solver settings ({@code auto}: {@link DatasetAuto}). */
    public static SampleSolver create(DatasetSpec spec) {
        SolverSpec s = DatasetAuto.resolve(spec.solver(), spec.family(), spec.resolution());
        String prefix = spec.solver().solver().equals("auto") ? "auto -> " : "";
        if (!s.device().equals("cpu")) {
            throw new DatasetArgumentException("datasets are solved on the CPU; --device " + s.device()
                    + " applies to kforge solve");
        }
        if (s.recycles()) {
            return new Recycling(s);
        }
        // auto's Cholesky rests on the family's first sample being SPD; a later sample that is
        // only symmetric (helmholtz with a small K and k near kMax) is refactored by LDLᵀ instead
        // of being stored as not converged
        boolean autoCholesky = !prefix.isEmpty() && s.solver().equals("cholesky") && Solvers.names().contains("ldlt");
        return new Independent(s, prefix, autoCholesky ? s.withSolver("ldlt") : null);
    }

    /** SKR through {@link SequenceSolver}: greedy-sorted shard, recycling chains of at most {@value #CHAIN_LENGTH}. */
    static final class Recycling implements SampleSolver.Sequence {
        private final SolverSpec spec;

        Recycling(SolverSpec spec) {
            this.spec = spec;
        }

        @Override
        public String name() {
            return spec.describe() + " (SKR: SequenceSolver, greedy sort per shard, recycling chains of <= "
                    + CHAIN_LENGTH + ", refresh every " + spec.refreshEvery() + " cycle(s))";
        }

        @Override
        public List<Solved> solveAll(List<PdeInstance> systems) {
            int n = systems.size();
            List<LinearSystem> list = new ArrayList<>(n);
            for (PdeInstance p : systems) {
                list.add(new LinearSystem(p.a(), DenseVector.wrap(p.b().clone()), p.parameters()));
            }
            SequenceOptions.Method method = spec.solver().equals("rcg") ? SequenceOptions.Method.RCG
                    : SequenceOptions.Method.GCRODR;
            SequenceOptions o = SequenceOptions.defaults().withMethod(SequenceOptions.Method.GMRES) // no k < m check while m and k change
                    .withRestart(spec.restartOrDefault()).withRecycle(spec.recycle()).withMethod(method).withRefreshEvery(spec.refreshEvery())
                    .withSolverOptions(spec.options(systems.get(0).size()))
                    .withSort(SequenceOptions.SortMode.GREEDY)
                    .withChains(Math.max(1, (n + CHAIN_LENGTH - 1) / CHAIN_LENGTH));
            if (!spec.precond().equals("none")) {
                o = o.withPreconditioner(spec::createPreconditioner,
                        SequenceOptions.PreconditionerReuse.FRESH_PER_SYSTEM);
            }
            SequenceResult r = new SequenceSolver(o).solve(list);
            Solved[] out = new Solved[n];
            for (SequenceResult.SystemResult s : r.systems()) {
                out[s.index()] = new Solved(s.x().toArray(), s.result());
            }
            return List.of(out);
        }
    }

    /**
     * One registry solve per sample from a zero guess. The solver object is kept per worker thread,
     * so a direct solver analyses the family's pattern once per worker and only factorises per
     * sample (the numbers do not depend on which worker solved); the preconditioner is made per
     * chain (ShardSolver's runs of contiguous samples, cut by the shard size only), because one
     * that keeps state between matrices makes a sample's result depend on its predecessors:
     * AMG ({@code amg}) keeps the aggregates of the chain's first sample and takes every next
     * sample by {@code update} (Galerkin products, smoothers and coarse factor recomputed, the
     * strength and aggregation stages skipped), so its results depend on the chain, never on
     * the thread count.
     */
    static final class Independent implements SampleSolver.Independent {
        private final SolverSpec spec;
        private final String prefix;
        private final ThreadLocal<IterativeSolver> perWorker;
        private final SolverSpec fallback;
        private final ThreadLocal<IterativeSolver> fallbackPerWorker;

        /**
         * @param fallback solves a sample again when {@code spec}'s direct solver meets a zero or
         *                 non-positive pivot (null: no second try)
         */
        Independent(SolverSpec spec, String prefix, SolverSpec fallback) {
            this.spec = spec;
            this.prefix = prefix;
            this.perWorker = ThreadLocal.withInitial(spec::createSolver);
            this.fallback = fallback;
            this.fallbackPerWorker = fallback == null ? null : ThreadLocal.withInitial(fallback::createSolver);
            spec.createSolver(); // an unknown or unusable solver fails now, not on a worker
        }

        @Override
        public String name() {
            return prefix + spec.describe() + " (independent" + (fallback == null ? ""
                    : "; " + fallback.solver() + " for a sample with a non-positive pivot")
                    + (spec.precond().equals("amg") ? "; AMG aggregates kept along each chain" : "") + ")";
        }

        @Override
        public Chain newChain() {
            IterativeSolver s = perWorker.get();
            Preconditioner m = spec.createPreconditioner();
            boolean reuse = m instanceof SmoothedAggregationAmg;
            return system -> {
                if (reuse) {
                    updateKeepingAggregates(m, system.a());
                }
                SolverOptions o = spec.options(system.size(), s).withPreconditioner(m);
                DenseVector x = DenseVector.zeros(system.size());
                SolveResult r = s.solve(system.a(), DenseVector.wrap(system.b().clone()), x, o);
                if (fallback != null && r.reason() == StopReason.DIVERGED_ZERO_PIVOT) {
                    IterativeSolver f = fallbackPerWorker.get();
                    x = DenseVector.zeros(system.size());
                    r = f.solve(system.a(), DenseVector.wrap(system.b().clone()), x,
                            fallback.options(system.size(), f).withPreconditioner(m));
                }
                return new Solved(x.data(), r);
            };
        }

        /**
         * The chain's AMG takes the next sample's values on the aggregates it has (a full set-up
         * for the chain's first sample). A failure is left to the solver's own set-up, which
         * meets it again and reports it as DIVERGED_PRECONDITIONER_FAILED.
         */
        private static void updateKeepingAggregates(Preconditioner m, CsrMatrix a) {
            try {
                m.update(a);
            } catch (PreconditionerFailedException e) {
                // reported by the solve
            }
        }
    }
}
