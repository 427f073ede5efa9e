package io.krylovforge.bench;

import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Dataset generation throughput: Darcy samples solved independently with GMRES(40) versus SKR
 * (GreedySort per shard, GCRO-DR(40, 20) with a recycle space), no preconditioner, rtol 1e-8,
 * written as float64 npz shards to a temporary directory.
 *
 * <pre>
 * DatasetBenchmark [SAMPLES64 [SAMPLES128 [THREADS [SOLVERS]]]]
 *     defaults 1000, 500 (0 skips), all CPUs, "gmres,gcrodr"
 * </pre>
 *
 * For each case it prints one {@code key=value} line: wall samples/s (with THREADS workers: the
 * independent solves run in parallel, an SKR shard is one sequential chain), mean iterations,
 * and solve seconds per sample summed over workers (the per-core cost, comparable across the
 * two methods whatever the thread count).
 */
public final class DatasetBenchmark {
    private DatasetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n64 = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int n128 = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "# java=%s cpus=%d threads=%d%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), threads);
        String[] solvers = (args.length > 3 ? args[3] : "gmres,gcrodr").split(",");
        for (String solver : solvers) {
            if (n64 > 0) {
                run(solver, 64, n64, threads);
            }
            if (n128 > 0) {
                run(solver, 128, n128, threads);
            }
        }
    }

    private static void run(String solver, int resolution, int samples, int threads) throws Exception {
        DatasetSpec spec = DatasetSpec.of("darcy", resolution, samples, 7L).withSolver(solver).withRestart(40)
                .withShardSize(samples);
        Path dir = Files.createTempDirectory("kforge-dataset-bench");
        try {
            DatasetGenerator.Summary s = new DatasetGenerator(spec, dir).withThreads(threads).run();
            Manifest m = Manifest.read(s.manifest());
            double solveSeconds = 0;
            int maxIts = 0;
            for (Manifest.Shard sh : m.shards()) {
                for (Manifest.SampleStats st : sh.stats()) {
                    solveSeconds += st.seconds();
                    maxIts = Math.max(maxIts, st.iterations());
                }
            }
            System.out.printf(Locale.ROOT, "family=darcy resolution=%d unknowns=%d solver=%s samples=%d threads=%d"
                    + " wall_s=%.2f samples_per_s=%.2f mean_iterations=%.1f max_iterations=%d"
                    + " solve_s_per_sample=%.4f not_converged=%d%n", resolution, (resolution - 2) * (resolution - 2),
                    m.sampleSolver(), samples, threads, s.seconds(), s.samplesPerSecond(), s.meanIterations(), maxIts,
                    solveSeconds / samples, s.notConverged());
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
