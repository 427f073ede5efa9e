package io.krylovforge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.datasets.DatasetGenerator;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Manifest;
import io.krylovforge.datasets.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on a local Spark ({@code local[2]}, 4 attempts per task) against single-process {@link DatasetGenerator}. */
class GenerateJobTest {
    private static JavaSparkContext jsc;
    private static final AtomicInteger FAILED_TASKS = new AtomicInteger();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("GenerateJobTest")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        jsc = new JavaSparkContext(conf);
        jsc.setLogLevel("WARN");
        jsc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskInfo().failed()) {
                    FAILED_TASKS.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        if (jsc != null) {
            jsc.stop();
        }
    }

    /** 3 shards (2, 2, 1 samples) of Darcy 16², solved by auto. */
    private static String[] args(Path out) {
        return new String[] {"--family", "darcy", "--resolution", "16", "--samples", "5", "--shard-size", "2",
            "--seed", "7", "--out", out.toUri().toString()};
    }

    /** The single-process reference: what {@code kforge generate --threads 1} writes. */
    private Path reference() throws Exception {
        Path ref = tmp.resolve("reference");
        DatasetSpec spec = GenerateOptions.parse(args(ref)).toSpec();
        new DatasetGenerator(spec, ref).withThreads(1).run();
        return ref;
    }

    private static void assertSameShards(Path ref, Path out) throws IOException {
        DatasetSpec spec = GenerateOptions.parse(args(out)).toSpec();
        Manifest want = Manifest.read(ref.resolve("manifest.json"));
        Manifest got = Manifest.read(out.resolve("manifest.json"));
        assertEquals(spec.shardCount(), got.shards().size());
        assertEquals(want.arrays(), got.arrays());
        assertEquals(want.spec(), got.spec());
        for (int k = 0; k < spec.shardCount(); k++) {
            String name = spec.shardFileName(k);
            assertEquals(Sha256.of(ref.resolve(name)), Sha256.of(out.resolve(name)), name);
            assertEquals(Files.readString(ref.resolve(name + ".sha256")), Files.readString(out.resolve(name + ".sha256")));
            assertEquals(want.shard(k).sha256(), got.shard(k).sha256());
            assertEquals(want.shard(k).stats().size(), got.shard(k).stats().size());
            assertEquals(want.shard(k).meanIterations(), got.shard(k).meanIterations());
        }
        try (Stream<Path> files = Files.list(out)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().endsWith(".crc")).toList();
            assertTrue(left.isEmpty(), "temporary or checksum files left: " + left);
        }
    }

    @Test
    void shardsAreByteIdenticalToSingleProcessAndARetriedMidWriteFailureChangesNothing() throws Exception {
        Path ref = reference();
        Path out = tmp.resolve("spark");
        int failedBefore = FAILED_TASKS.get();
        jsc.setLocalProperty(GenerateJob.FAIL_SHARD, "1");
        jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, "1");
        GenerateJob.Summary s;
        try {
            s = GenerateJob.run(jsc, args(out));
        } finally {
            jsc.setLocalProperty(GenerateJob.FAIL_SHARD, null);
            jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, null);
        }
        assertEquals(1, FAILED_TASKS.get() - failedBefore, "the injected failure must have happened once");
        assertEquals(3, s.shardsWritten());
        assertEquals(5, s.samplesSolved());
        assertSameShards(ref, out);
    }

    @Test
    void rerunAfterAFailedJobSkipsVerifiedShardsAndFinishesIdentically() throws Exception {
        Path ref = reference();
        Path out = tmp.resolve("partial");
        jsc.setLocalProperty(GenerateJob.FAIL_SHARD, "2");
        jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, "100");
        try {
            IOException e = assertThrows(IOException.class, () -> GenerateJob.run(jsc, args(out)));
            assertTrue(e.getMessage().startsWith("1 shard(s) failed (shard 2: injected failure"), e.getMessage());
        } finally {
            jsc.setLocalProperty(GenerateJob.FAIL_SHARD, null);
            jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, null);
        }
        Manifest partial = Manifest.read(out.resolve("manifest.json"));
        assertEquals(2, partial.shards().size());
        assertNull(partial.shard(2));
        assertTrue(Files.notExists(out.resolve("shard-00002.npz")), "no partial shard may be visible");

        GenerateJob.Summary s = GenerateJob.run(jsc, args(out));
        assertEquals(2, s.shardsSkipped());
        assertEquals(1, s.shardsWritten());
        assertSameShards(ref, out);

        // A corrupted shard fails verification and is regenerated; the others are kept.
        Files.write(out.resolve("shard-00000.npz"), new byte[] {1, 2, 3});
        GenerateJob.Summary again = GenerateJob.run(jsc, args(out));
        assertEquals(2, again.shardsSkipped());
        assertEquals(1, again.shardsWritten());
        assertSameShards(ref, out);
    }

    @Test
    void badOptionsFailInTheDriverWithTheCliLine() {
        assertEquals("kforge: error: samples must be >= 1, got 0",
                errorOf("--family", "darcy", "--samples", "0", "--out", tmp.toUri().toString()));
        assertEquals("kforge: error: Unknown option: '--bogus'",
                errorOf("--family", "darcy", "--samples", "3", "--bogus", "--out", tmp.toUri().toString()));
        assertEquals("kforge: error: Missing required option: '--family=<family>'",
                errorOf("--samples", "3", "--out", tmp.toUri().toString()));
    }

    @Test
    void anOutputDirectoryHoldingAnotherDatasetIsRefused() throws Exception {
        Path out = tmp.resolve("other");
        GenerateJob.run(jsc, "--family", "darcy", "--resolution", "8", "--samples", "1", "--out", out.toUri().toString());
        JobArgumentException e = assertThrows(JobArgumentException.class, () -> GenerateJob.run(jsc,
                "--family", "darcy", "--resolution", "8", "--samples", "2", "--out", out.toUri().toString()));
        assertTrue(e.getMessage().contains("different arguments"), e.getMessage());
        assertNotNull(Manifest.read(out.resolve("manifest.json")).shard(0));
    }

    private static String errorOf(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code = GenerateJob.execute(new PrintStream(buf, true, StandardCharsets.UTF_8), args);
        assertEquals(2, code);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return text.strip();
    }
}
