package io.krylovforge.datasets;

import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.mesh.family.PdeInstance;

/**
 * How the samples of one shard are solved: the seam between the generator (seeds, shards,
 * threads, files) and the solving strategy. The generator cuts each shard into <em>chains</em>
 * with {@link #chains}; each chain is solved in its listed order by one {@link Chain} on one
 * worker thread, and chains run in parallel. Independent solves use one chain per sample;
 * Krylov subspace recycling (SKR) sorts a shard by parameter distance and carries a recycle space
 * along one chain.
 *
 * <p>Requirement for reproducible shards: the chains and every chain's results may depend only on
 * the samples, never on the thread count or timing.
 */
public interface SampleSolver {
    /** Name recorded in the manifest. */
    String name();

    /** Whether {@link #chains} reads the parameters (the generator then computes them first). */
    default boolean needsParameters() {
        return false;
    }

    /**
     * Partition of the shard-local indices 0 … n−1 into chains, each in solving order.
     *
     * @param n          samples in the shard
     * @param parameters the samples' parameter arrays if {@link #needsParameters()}, else null
     */
    default int[][] chains(int n, double[][] parameters) {
        int[][] c = new int[n][];
        for (int i = 0; i < n; i++) {
            c[i] = new int[] {i};
        }
        return c;
    }

    /** A fresh solving state for one chain (used by one thread). */
    Chain newChain();

    /** Solves the systems of one chain in order, carrying whatever state the strategy keeps. */
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
