/**
 * Dataset generation for neural operators ({@code kforge generate}): sample PDE systems from a
 * {@link io.krylovforge.mesh.family.PdeFamily}, solve them, and write sharded, reproducible,
 * resumable training data.
 *
 * <pre>
 * kforge generate --family darcy --resolution 64 --samples 10000 --seed 7 --out data/ \
 *     [--solver auto|cg|gcrodr|... --precond none|ic0|... --rtol 1e-8 ...]   (the options of kforge solve)
 *     [--format npz|hdf5|mtx] [--dtype float64|float32] [--shard-size 1000] [--shard i/N] [--threads C]
 *     [--no-rhs] [--store-matrix]
 * </pre>
 *
 * <p><b>Library.</b> {@link io.krylovforge.datasets.DatasetGenerator} runs a whole (resumable)
 * job. Its parts are public for other drivers (a cluster job per shard):
 * {@code new ShardSolver(spec, SampleSolvers.create(spec)).solve(k)} solves shard k,
 * {@code ShardWriter.of(spec.format()).write(shard, spec, path)} stores it atomically.
 * How samples are solved is a {@link io.krylovforge.solvers.SolverSpec} (the one used by
 * {@code solve}, {@code generate} and {@code sequence}); {@code auto} is decided per family and
 * size by {@link io.krylovforge.datasets.DatasetAuto}. Progress goes to a
 * {@link io.krylovforge.datasets.ProgressListener}; the console bar lives in the CLI.
 *
 * <p><b>Layout of {@code data/}.</b> {@code shard-00000.npz}, {@code shard-00001.npz}, …: shard k
 * holds global samples [k·shardSize, min((k+1)·shardSize, samples)) with the arrays
 * {@code inputs} (n, *parameterShape: e.g. (n, s, s) for the Darcy field K, (n, 5, 6) Chebyshev
 * coefficients for Poisson, (n, 2) for heat and convdiff, (n, s²+1) K and k for Helmholtz),
 * {@code solutions} (n, m, m) on the m×m interior unknowns ((n, c, c, c) on the c³ cells of
 * {@code darcy3d}, the shape of its K field), {@code rhs} (same, unless
 * {@code --no-rhs}), {@code seeds}, {@code indices} ({@code <i8}) and {@code converged}
 * ({@code |b1}); with {@code --store-matrix} also A in CSR form ({@code matrix_indptr},
 * {@code matrix_offsets}, {@code matrix_indices}, {@code matrix_data};
 * {@link io.krylovforge.datasets.SolvedShard#arrays}). Beside each shard, {@code shard-…npz.sha256} in {@code sha256sum} format. And
 * {@code manifest.json} ({@link io.krylovforge.datasets.Manifest}): spec, software version,
 * seed rule, per-shard SHA-256 and per-sample iterations, relative residual, stop reason and time.
 * Load with {@code numpy.load("data/shard-00000.npz")}.
 *
 * <p><b>Reproducible</b>: sample j is {@code Families.create(family, resolution).sample(seed_j)}
 * with seed_j from {@link io.krylovforge.datasets.SampleSeeds}; shard bytes do not depend on the
 * thread count or process split (no timestamps or times inside shards).
 *
 * <p><b>Several processes</b>: {@code --shard i/N} makes process i write the shards k ≡ i (mod N),
 * the same files one process would write, so N processes may share one output directory. Each
 * keeps its own {@code manifest-i-of-N.json}; a reader takes the union of their {@code shards}
 * lists. (Rerun with the same i/N to resume; shards are only recognised as done by the manifest of
 * the same split.)
 *
 * <p><b>One writer</b>: a run holds {@code .manifest.json.lock} (pid and host;
 * {@link io.krylovforge.datasets.OutputLock}); a second writer of the same shards fails at once.
 * Files are created with the umask's permissions.
 *
 * <p><b>Resume and crash safety</b>: rerun the same command. Finished shards whose checksum
 * matches the manifest and sidecar are kept; anything else is redone; a killed run loses at most
 * the shard in progress. A rerun with different arguments into the same directory is refused.
 *
 * <p><b>HDF5</b>: {@code --format hdf5} writes {@code shard-00000.h5} with the same datasets
 * (jHDF, contiguous and uncompressed; {@code converged} as uint8); read with {@code h5py.File}.
 */
package io.krylovforge.datasets;
