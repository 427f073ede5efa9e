package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import java.util.List;

/**
 * What {@link SequenceSolver} did, per system in the ORIGINAL order of the input, plus totals.
 *
 * @param systems    one entry per input system, {@code systems().get(i)} is input system i
 * @param order      the solve order: {@code order[p]} is the input index solved p-th (chains cut it
 *                   into contiguous pieces)
 * @param sortNanos  time spent ordering
 * @param wallNanos  wall time of the whole call (sorting included)
 */
public record SequenceResult(List<SystemResult> systems, int[] order, long sortNanos, long wallNanos) {

    /**
     * Copies the lists and the order, so the result is immutable.
     */
    public SequenceResult {
        systems = List.copyOf(systems);
        order = order.clone();
    }

    @Override
    public int[] order() {
        return order.clone();
    }

    /**
     * @param index    input index of the system
     * @param position place in the solve order
     * @param chain    chain that solved it
     * @param result   the solve's result
     * @param nanos    wall time of this solve (preconditioner set-up included)
     * @param cpuNanos CPU time of the solving thread for this solve (-1 if the JVM cannot tell);
     *                 robust against other load on the machine
     * @param x        the solution
     */
    public record SystemResult(int index, int position, int chain, SolveResult result, long nanos, long cpuNanos,
            Vector x) {
        /**
         * Iterations of this system's solve.
         *
         * @return the solve's iteration count
         */
        public int iterations() {
            return result.iterations();
        }
    }

    /** Sum of iterations over all systems. */
    public long totalIterations() {
        long s = 0;
        for (SystemResult r : systems) {
            s += r.iterations();
        }
        return s;
    }

    /** Sum of per-system solve times (CPU time across chains, not wall time). */
    public long totalSolveNanos() {
        long s = 0;
        for (SystemResult r : systems) {
            s += r.nanos();
        }
        return s;
    }

    /** Sum of per-system CPU times (-1 if unavailable). */
    public long totalCpuNanos() {
        long s = 0;
        for (SystemResult r : systems) {
            if (r.cpuNanos() < 0) {
                return -1;
            }
            s += r.cpuNanos();
        }
        return s;
    }

    /** Number of systems whose solve converged. */
    public int convergedCount() {
        int c = 0;
        for (SystemResult r : systems) {
            if (r.result().converged()) {
                c++;
            }
        }
        return c;
    }

    /**
     * Whether every system converged.
     *
     * @return true when {@link #convergedCount()} is the number of systems
     */
    public boolean allConverged() {
        return convergedCount() == systems.size();
    }
}
