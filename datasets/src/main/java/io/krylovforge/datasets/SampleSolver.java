package io.krylovforge.datasets;

import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.mesh.family.PdeInstance;
import java.util.List;

/**
 * How the samples of one shard are solved: the seam between {@link ShardSolver} (seeds, threads)
 * and the solving strategy. Two kinds:
 * <ul>
 *   <li>{@link Independent}: each sample alone; {@link ShardSolver} assembles and solves samples
 *       in parallel, one {@link Chain} (solver state such as a preconditioner) per worker task;</li>
 *   <li>{@link Sequence}: the whole shard at once, e.g. sorted Krylov recycling through
 *       {@code SequenceSolver}, which orders the systems and carries a recycle space along.</li>
 * </ul>
 * Requirement for reproducible shards: results may depend only on the samples, never on the
 * thread count or timing.
 */
public sealed interface SampleSolver permits SampleSolver.Independent, SampleSolver.Sequence {
    /** {@return the name recorded in the manifest} */
    String name();

    /** Solves every sample on its own, so samples run in parallel. */
    non-sealed interface Independent extends SampleSolver {
        /** {@return a fresh solving state for a run of samples on one thread} */
        Chain newChain();
    }

    /** Solves a shard's systems together (they need each other, e.g. to be sorted). */
    non-sealed interface Sequence extends SampleSolver {
        /** Solves {@code systems}; results in the same order; never throws for a numerical failure. */
        List<Solved> solveAll(List<PdeInstance> systems);
    }

    /** Solves systems one after another on one thread, keeping whatever state the strategy reuses. */
    interface Chain {
        /** Solves {@code system}; never throws for a numerical failure (see the result's reason). */
        Solved solve(PdeInstance system);
    }

    /**
     * One solve.
     *
     * @param x      the solution (never NaN: solvers report failure through the reason)
     * @param result the solver's report
     */
    record Solved(double[] x, SolveResult result) {
    }
}
