package io.krylovforge.solvers.recycle;

import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.recycle.sort.ScalableSort;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Options of {@link SequenceSolver}. Immutable; change with the {@code withX} copies.
 *
 * @param method               recycling method (GCRODR, GMRES = GCRO-DR with k = 0, RCG for SPD)
 * @param restart              m: GCRO-DR restart length, or directions collected per RCG solve
 * @param recycle              k: recycle / deflation dimension (ignored by GMRES)
 * @param solverOptions        tolerances and limits of each solve (its preconditioner is ignored:
 *                             use {@code preconditioner})
 * @param preconditioner       factory of M, or {@code null} for none
 * @param preconditionerReuse  {@link PreconditionerReuse#UPDATE_PER_CHAIN}: one M per chain,
 *                             {@code update(A_i)} for each next system; {@link PreconditionerReuse#FRESH_PER_SYSTEM}:
 *                             a fresh M from the factory for every system
 * @param side                 preconditioning side of GCRO-DR
 * @param sort                 ordering of the systems
 * @param chains               C ≥ 1: contiguous pieces of the sorted order solved in parallel
 * @param group                group size G of {@link SortMode#SCALABLE}
 * @param seed                 seed of {@link SortMode#SCALABLE}'s random projection
 * @param refreshEvery         R ≥ 1: GCRO-DR refreshes its recycle space every R-th cycle and on
 *                             the last cycle of each solve (1 = every cycle, Parks et al.)
 */
public record SequenceOptions(Method method, int restart, int recycle, SolverOptions solverOptions,
        Supplier<Preconditioner> preconditioner, PreconditionerReuse preconditionerReuse, PreconditionerSide side,
        SortMode sort, int chains, int group, long seed, int refreshEvery) {
    /**
     * Default R of GCRO-DR sequences (`kforge sequence`, `kforge generate`): chosen by measurement
     * on the Darcy, Helmholtz and thermal sequences, where it took the least CPU time per system
     * (bench/results/skr_notes.md, "Refresh period"); 1 is Parks et al.'s method.
     */
    public static final int DEFAULT_REFRESH_EVERY = 4;

    /** The solver applied along each chain. */
    public enum Method {
        GCRODR, GMRES, RCG;

        /**
         * Parses "gcrodr", "gmres", "rcg" (any case).
         *
         * @param name the method's name
         * @return the method
         * @throws IllegalArgumentException for another name, listing the valid ones
         */
        public static Method fromName(String name) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown sequence solver '" + name + "'; use gcrodr, gmres or rcg");
        }

        /**
         * The lower-case name ({@code gcrodr}, {@code gmres}, {@code rcg}), as {@link #fromName} reads it.
         *
         * @return the name
         */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a chain does with its preconditioner from one system to the next. */
    public enum PreconditionerReuse {
        /** One M per chain, set up on the first system and {@code update(A_i)}d for each next one. */
        UPDATE_PER_CHAIN,
        /** A fresh M from the factory for every system (its full set-up each time). */
        FRESH_PER_SYSTEM
    }

    /** How the sequence is ordered before solving. */
    public enum SortMode {
        NONE, GREEDY, SCALABLE
    }

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if a required value is null, m &lt; 1, k &lt; 0 (or ≥ m for
     *         GCRO-DR), R &lt; 1, or chains or group is below 1
     */
    public SequenceOptions {
        if (method == null || solverOptions == null || side == null || sort == null || preconditionerReuse == null) {
            throw new IllegalArgumentException(
                    "method, solverOptions, preconditionerReuse, side and sort must not be null");
        }
        if (restart < 1 || recycle < 0 || method == Method.GCRODR && recycle >= restart) {
            throw new IllegalArgumentException("need m >= 1, 0 <= k (< m for gcrodr); got m=" + restart + ", k="
                    + recycle);
        }
        if (refreshEvery < 1) {
            throw new IllegalArgumentException("refreshEvery must be >= 1, got " + refreshEvery);
        }
        if (chains < 1 || group < 1) {
            throw new IllegalArgumentException("chains and group must be >= 1, got " + chains + ", " + group);
        }
    }

    /** GCRO-DR(40, 20), rtol 1e-8 defaults, no preconditioner, greedy sort, one chain. */
    public static SequenceOptions defaults() {
        return new SequenceOptions(Method.GCRODR, GcroDr.DEFAULT_RESTART, GcroDr.DEFAULT_RECYCLE,
                SolverOptions.defaults(), null, PreconditionerReuse.UPDATE_PER_CHAIN, PreconditionerSide.RIGHT, SortMode.GREEDY, 1,
                ScalableSort.DEFAULT_GROUP, 0L, DEFAULT_REFRESH_EVERY);
    }

    /**
     * A copy with {@code method} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code method}
     * @return the changed copy
     */
    public SequenceOptions withMethod(Method v) {
        return new SequenceOptions(v, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, group, seed, refreshEvery);
    }

    /**
     * A copy with {@code restart} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code restart}
     * @return the changed copy
     */
    public SequenceOptions withRestart(int v) {
        return new SequenceOptions(method, v, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, group, seed, refreshEvery);
    }

    /**
     * A copy with {@code recycle} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code recycle}
     * @return the changed copy
     */
    public SequenceOptions withRecycle(int v) {
        return new SequenceOptions(method, restart, v, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, group, seed, refreshEvery);
    }

    /**
     * A copy with {@code solverOptions} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code solverOptions}
     * @return the changed copy
     */
    public SequenceOptions withSolverOptions(SolverOptions v) {
        return new SequenceOptions(method, restart, recycle, v, preconditioner, preconditionerReuse, side, sort,
                chains, group, seed, refreshEvery);
    }

    /**
     * A copy whose chains build M from {@code factory} and handle it as {@code reuse} says.
     *
     * @param factory makes a new, not yet set-up M; {@code null} for none
     * @param reuse   one M per chain updated per system, or a fresh M per system
     * @return the changed copy
     */
    public SequenceOptions withPreconditioner(Supplier<Preconditioner> factory, PreconditionerReuse reuse) {
        return new SequenceOptions(method, restart, recycle, solverOptions, factory, reuse, side, sort, chains,
                group, seed, refreshEvery);
    }

    /**
     * A copy with preconditioner factory and reuse given by a bare boolean.
     *
     * @param factory makes a new M
     * @param reuse   true: {@link PreconditionerReuse#UPDATE_PER_CHAIN}; false: {@link PreconditionerReuse#FRESH_PER_SYSTEM}
     * @return the changed copy
     * @deprecated a bare boolean; use {@link #withPreconditioner(Supplier, PreconditionerReuse)}
     */
    @Deprecated
    public SequenceOptions withPreconditioner(Supplier<Preconditioner> factory, boolean reuse) {
        return withPreconditioner(factory, reuse ? PreconditionerReuse.UPDATE_PER_CHAIN
                : PreconditionerReuse.FRESH_PER_SYSTEM);
    }

    /**
     * Whether chains keep one M and update it ({@link PreconditionerReuse#UPDATE_PER_CHAIN}).
     *
     * @return true for UPDATE_PER_CHAIN
     * @deprecated use {@link #preconditionerReuse()}
     */
    @Deprecated
    public boolean reusePreconditioner() {
        return preconditionerReuse == PreconditionerReuse.UPDATE_PER_CHAIN;
    }

    /**
     * A copy with {@code side} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code side}
     * @return the changed copy
     */
    public SequenceOptions withSide(PreconditionerSide v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, v,
                sort, chains, group, seed, refreshEvery);
    }

    /**
     * A copy with {@code sort} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code sort}
     * @return the changed copy
     */
    public SequenceOptions withSort(SortMode v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                v, chains, group, seed, refreshEvery);
    }

    /**
     * A copy with {@code chains} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code chains}
     * @return the changed copy
     */
    public SequenceOptions withChains(int v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, v, group, seed, refreshEvery);
    }

    /**
     * A copy with group size G of {@link SortMode#SCALABLE}.
     *
     * @param v G ≥ 1
     * @return the changed copy
     */
    public SequenceOptions withGroup(int v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, v, seed, refreshEvery);
    }

    /**
     * A copy with seed {@code v} of {@link SortMode#SCALABLE}'s random projection.
     *
     * @param v the seed
     * @return the changed copy
     */
    public SequenceOptions withSeed(long v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, group, v, refreshEvery);
    }

    /**
     * A copy with group size and seed of {@link SortMode#SCALABLE}.
     *
     * @param v       G ≥ 1
     * @param newSeed the projection's seed
     * @return the changed copy
     * @deprecated two positional numbers; use {@code withGroup(v).withSeed(newSeed)}
     */
    @Deprecated
    public SequenceOptions withGroup(int v, long newSeed) {
        return withGroup(v).withSeed(newSeed);
    }

    /**
     * A copy with {@code refreshEvery} = {@code v}, validated as the constructor does.
     *
     * @param v the new {@code refreshEvery}
     * @return the changed copy
     */
    public SequenceOptions withRefreshEvery(int v) {
        return new SequenceOptions(method, restart, recycle, solverOptions, preconditioner, preconditionerReuse, side,
                sort, chains, group, seed, v);
    }
}
