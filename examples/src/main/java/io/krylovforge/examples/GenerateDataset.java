package io.krylovforge.examples;

import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Task 4: generate a small training dataset (8 Poisson problems with random sources, solved,
 * written as two NPZ shards with a manifest), then run again to show that it resumes.
 * Usage: {@code GenerateDataset [outDir]} (default: a new temporary directory, removed at the end).
 */
public final class GenerateDataset {
    private GenerateDataset() {
    }

    /** Runs the example; exits 1 if a sample misses its tolerance or resuming redoes work. */
    public static void main(String[] args) throws IOException, InterruptedException {
        boolean temporary = args.length == 0;
        Path out = temporary ? Files.createTempDirectory("krylovforge-dataset") : Path.of(args[0]);
        DatasetSpec spec = DatasetSpec.defaults("poisson")
                .withResolution(18).withSamples(8).withSeed(7).withShardSize(4).withRtol(1e-8);

        DatasetGenerator.Summary first = new DatasetGenerator(spec, out).run();
        System.out.println("wrote " + first.shardsWritten() + " shards, skipped " + first.shardsSkipped()
                + ", mean iterations " + first.meanIterations() + ", manifest " + first.manifest());
        Manifest manifest = Manifest.read(first.manifest());
        int checked = 0;
        for (Manifest.Shard shard : manifest.shards()) {
            Check.that(Files.size(out.resolve(shard.file())) == shard.bytes(), shard.file() + ": size");
            for (Manifest.SampleStats s : shard.stats()) {
                Check.that(s.relativeResidual() <= spec.solver().rtol(),
                        "sample " + s.index() + ": relative residual " + s.relativeResidual());
                checked++;
            }
        }
        Check.that(checked == spec.samples(), "manifest lists " + checked + " of " + spec.samples() + " samples");

        // Same spec, same directory: finished shards are verified and skipped, not recomputed.
        DatasetGenerator.Summary again = new DatasetGenerator(spec, out).run();
        System.out.println("second run: wrote " + again.shardsWritten() + ", skipped " + again.shardsSkipped());
        Check.that(again.shardsWritten() == 0 && again.shardsSkipped() == spec.shardCount(),
                "resuming should skip every finished shard");
        if (temporary) {
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
