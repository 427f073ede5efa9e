package io.krylovforge.datasets;

import io.krylovforge.mesh.family.Families;
import io.krylovforge.solvers.SolverSpec;
import java.util.Locale;

/**
 * Everything that determines the bytes of a dataset: the same spec gives the same shards on any
 * machine and with any thread count. (Threads and the shard selection are not part of it.)
 * Immutable; validated here so that a bad value is reported before any work starts.
 *
 * @param family        PDE family name ({@link Families#names()})
 * @param resolution    grid resolution as {@link Families} defines it per family (≥ 3)
 * @param samples       number of samples in the whole dataset (≥ 1)
 * @param seed          dataset seed; sample seeds follow from it ({@link SampleSeeds})
 * @param solver        how every sample is solved ({@link SolverSpec}: method, preconditioner,
 *                      tolerances, limits, recycling); {@link SampleSolvers} turns it into a strategy
 * @param format        shard container
 * @param dtype         element type of the floating-point arrays
 * @param shardSize     samples per shard (≥ 1); shard k holds samples [k·shardSize, …)
 * @param saveRhs       also store the right-hand sides
 * @param storeMatrix   also store each sample's matrix A in CSR form ({@link SolvedShard#arrays})
 */
public record DatasetSpec(String family, int resolution, int samples, long seed, SolverSpec solver,
        ShardFormat format, Dtype dtype, int shardSize, boolean saveRhs, boolean storeMatrix) {

    /**
     * Normalises the family name and validates every value.
     *
     * @throws DatasetArgumentException naming the bad value (an unknown family lists the known ones)
     */
    public DatasetSpec {
        if (family == null || !Families.names().contains(family.trim().toLowerCase(Locale.ROOT))) {
            throw new DatasetArgumentException("unknown PDE family '" + family + "'; known: "
                    + String.join(", ", Families.names()));
        }
        family = family.trim().toLowerCase(Locale.ROOT);
        if (resolution <= 2) {
            throw new DatasetArgumentException("resolution must be >= 3 (grid nodes or cells per side), got "
                    + resolution);
        }
        if (samples < 1) {
            throw new DatasetArgumentException("samples must be >= 1, got " + samples);
        }
        if (shardSize < 1) {
            throw new DatasetArgumentException("shard size must be >= 1, got " + shardSize);
        }
        if (solver == null || format == null || dtype == null) {
            throw new DatasetArgumentException("solver, format and dtype must be given");
        }
    }

    /**
     * 1000 samples of {@code family} at resolution 64 with seed 0 ({@code kforge generate}'s
     * defaults); GMRES(40), no preconditioner, rtol 1e-8, 10000 iterations, npz, float64, 1000 per
     * shard, with rhs. Change with the {@code withX} copies:
     * {@code DatasetSpec.defaults("darcy").withResolution(32).withSamples(100).withSeed(7)}.
     *
     * @param family a {@code Families.names()} name
     * @return the spec
     * @throws DatasetArgumentException for an unknown family, listing the known ones
     */
    public static DatasetSpec defaults(String family) {
        return new DatasetSpec(family, 64, 1000, 0L,
                SolverSpec.defaults().withSolver("gmres").withRestart(40).withMaxIterations(10_000),
                ShardFormat.NPZ, Dtype.FLOAT64, 1000, true, false);
    }

    /**
     * {@code samples} samples of {@code family} at {@code resolution} with {@code seed}, the rest as
     * {@link #defaults(String)}.
     *
     * @param family     a {@code Families.names()} name
     * @param resolution grid nodes per side
     * @param samples    samples in the dataset
     * @param seed       dataset seed
     * @return the spec
     * @deprecated two positional ints; use {@code defaults(family).withResolution(r).withSamples(n).withSeed(s)}
     */
    @Deprecated
    public static DatasetSpec of(String family, int resolution, int samples, long seed) {
        return defaults(family).withResolution(resolution).withSamples(samples).withSeed(seed);
    }

    /**
     * A copy at {@code value} grid nodes per side (heat: cells per side).
     *
     * @param value ≥ 3
     * @return the changed copy
     */
    public DatasetSpec withResolution(int value) {
        return new DatasetSpec(family, value, samples, seed, solver, format, dtype, shardSize, saveRhs, storeMatrix);
    }

    /**
     * A copy with {@code value} samples.
     *
     * @param value ≥ 1
     * @return the changed copy
     */
    public DatasetSpec withSamples(int value) {
        return new DatasetSpec(family, resolution, value, seed, solver, format, dtype, shardSize, saveRhs, storeMatrix);
    }

    /**
     * A copy with dataset seed {@code value}.
     *
     * @param value the seed
     * @return the changed copy
     */
    public DatasetSpec withSeed(long value) {
        return new DatasetSpec(family, resolution, samples, value, solver, format, dtype,
                shardSize, saveRhs, storeMatrix);
    }

    /** A copy solved as {@code value} says. */
    public DatasetSpec withSolver(SolverSpec value) {
        return new DatasetSpec(family, resolution, samples, seed, value, format, dtype, shardSize, saveRhs,
                storeMatrix);
    }

    /** A copy with the solver called {@code value}, other solver settings kept. */
    public DatasetSpec withSolver(String value) {
        return withSolver(solver.withSolver(value));
    }

    /**
     * A copy with {@code precond} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code precond}
     * @return the changed copy
     */
    public DatasetSpec withPrecond(String value) {
        return withSolver(solver.withPrecond(value));
    }

    /**
     * A copy with {@code rtol} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code rtol}
     * @return the changed copy
     */
    public DatasetSpec withRtol(double value) {
        return withSolver(solver.withRtol(value));
    }

    /**
     * A copy with {@code maxIterations} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code maxIterations}
     * @return the changed copy
     */
    public DatasetSpec withMaxIterations(int value) {
        return withSolver(solver.withMaxIterations(value));
    }

    /**
     * A copy with {@code restart} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code restart}
     * @return the changed copy
     */
    public DatasetSpec withRestart(int value) {
        return withSolver(solver.withRestart(value));
    }

    /**
     * A copy with {@code format} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code format}
     * @return the changed copy
     */
    public DatasetSpec withFormat(ShardFormat value) {
        return new DatasetSpec(family, resolution, samples, seed, solver, value, dtype, shardSize, saveRhs,
                storeMatrix);
    }

    /**
     * A copy with {@code dtype} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code dtype}
     * @return the changed copy
     */
    public DatasetSpec withDtype(Dtype value) {
        return new DatasetSpec(family, resolution, samples, seed, solver, format, value, shardSize, saveRhs,
                storeMatrix);
    }

    /**
     * A copy with {@code shardSize} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code shardSize}
     * @return the changed copy
     */
    public DatasetSpec withShardSize(int value) {
        return new DatasetSpec(family, resolution, samples, seed, solver, format, dtype, value, saveRhs,
                storeMatrix);
    }

    /**
     * A copy with {@code saveRhs} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code saveRhs}
     * @return the changed copy
     */
    public DatasetSpec withSaveRhs(boolean value) {
        return new DatasetSpec(family, resolution, samples, seed, solver, format, dtype, shardSize, value,
                storeMatrix);
    }

    /**
     * A copy with {@code storeMatrix} = {@code value}, validated as the constructor does.
     *
     * @param value the new {@code storeMatrix}
     * @return the changed copy
     */
    public DatasetSpec withStoreMatrix(boolean value) {
        return new DatasetSpec(family, resolution, samples, seed, solver, format, dtype, shardSize, saveRhs, value);
    }

    /** {@return the number of shards: ⌈samples / shardSize⌉} */
    public int shardCount() {
        return (int) ((samples + (long) shardSize - 1) / shardSize);
    }

    /** First global sample index of shard {@code k}. */
    public long firstSample(int k) {
        return (long) k * shardSize;
    }

    /** Samples in shard {@code k} (the last one may be short). */
    public int shardSamples(int k) {
        return (int) Math.min(shardSize, samples - firstSample(k));
    }

    /** The file name of shard {@code k}: {@code shard-00000.npz}, zero-padded to at least 5 digits. */
    public String shardFileName(int k) {
        int width = Math.max(5, Integer.toString(Math.max(0, shardCount() - 1)).length());
        return String.format(Locale.ROOT, "shard-%0" + width + "d.%s", k, format.extension());
    }
}
