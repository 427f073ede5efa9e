package io.krylovforge.bench;

import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.SampleSeeds;
import io.krylovforge.datasets.SampleSolver;
import io.krylovforge.datasets.SampleSolvers;
import io.krylovforge.datasets.ShardFormat;
import io.krylovforge.datasets.ShardSolver;
import io.krylovforge.datasets.ShardWriter;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.GaussianRandomField;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where one dataset sample's time goes, on one thread, in thread CPU ms per sample: the random
 * field alone, field + assembly ({@code family.sample}), the solve (one per-worker chain of
 * {@code SampleSolvers}, so a direct solver's one-off analysis is amortised over the samples),
 * writing the shard as npz with its sha256 (taken as the bytes are written, so the sha256 column
 * reads 0; it is kept so older outputs compare).
 *
 * <pre>
 * DatasetPhases FAMILY RESOLUTION SAMPLES [SOLVER]     e.g. DatasetPhases darcy 64 400 auto
 * </pre>
 * Each phase is run over all samples after a warm-up pass of a tenth of them (JIT).
 */
public final class DatasetPhases {
    private DatasetPhases() {
    }

    public static void main(String[] args) throws Exception {
        String family = args[0];
        int res = Integer.parseInt(args[1]);
        int samples = Integer.parseInt(args[2]);
        String solver = args.length > 3 ? args[3] : "auto";
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        PdeFamily f = Families.create(family, res);
        DatasetSpec spec = DatasetSpec.defaults(family).withResolution(res).withSamples(samples).withSeed(7L).withSolver(solver).withShardSize(samples);
        // only darcy and helmholtz draw a Gaussian random field; the others' field phase is 0
        GaussianRandomField grf = family.startsWith("darcy") || family.startsWith("helmholtz")
                ? GaussianRandomField.fno(res) : null;
        int warm = Math.max(1, samples / 10);
        double field = 0;
        double sample = 0;
        double solve = 0;
        for (int pass = 0; pass < 2; pass++) {
            int count = pass == 0 ? warm : samples;
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; grf != null && i < count; i++) {
                grf.sample(new SplittableRandom(SampleSeeds.of(7L, i)));
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            PdeInstance[] sys = new PdeInstance[count];
            for (int i = 0; i < count; i++) {
                sys[i] = f.sample(SampleSeeds.of(7L, i));
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            SampleSolver.Independent s = (SampleSolver.Independent) SampleSolvers.create(spec);
            SampleSolver.Chain chain = s.newChain();
            for (int i = 0; i < count; i++) {
                chain.solve(sys[i]);
            }
            long t3 = cpu.getCurrentThreadCpuTime();
            field = (t1 - t0) / 1e6 / count;
            sample = (t2 - t1) / 1e6 / count;
            solve = (t3 - t2) / 1e6 / count;
        }
        Path dir = Files.createTempDirectory("kforge-phases");
        Path shard = dir.resolve(spec.shardFileName(0));
        var solved = new ShardSolver(spec, SampleSolvers.create(spec)).solve(0);
        double write = 0;
        double sha = 0;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            // as the generator writes: the checksum is taken while the bytes go out, not read back
            ShardWriter.of(ShardFormat.NPZ).writeDigested(solved, spec, shard);
            long t1 = cpu.getCurrentThreadCpuTime();
            long t2 = t1;
            write = (t1 - t0) / 1e6 / samples;
            sha = (t2 - t1) / 1e6 / samples;
        }
        Files.deleteIfExists(shard);
        Files.deleteIfExists(dir);
        double total = sample + solve + write + sha;
        System.out.printf(Locale.ROOT, "%s %d² n=%d %s, %d samples, thread CPU ms/sample: field %.3f, assembly %.3f,"
                + " solve %.3f, npz write %.3f, sha256 %.3f; total %.3f (field %.0f%%, assembly %.0f%%, solve %.0f%%,"
                + " write+sha %.0f%%)%n", family, res, f.size(), solver, samples, field, sample - field, solve, write,
                sha, total, 100 * field / total, 100 * (sample - field) / total, 100 * solve / total,
                100 * (write + sha) / total);
    }
}
