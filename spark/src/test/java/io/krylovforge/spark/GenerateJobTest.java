package io.krylovforge.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.cli.Kforge;
import io.krylovforge.datasets.DatasetSpec;
import io.krylovforge.datasets.Manifest;
import io.krylovforge.datasets.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
import picocli.CommandLine;

/** The Spark job on a local Spark ({@code local[2]}, 4 attempts per task) against the single-process CLI, {@code kforge generate}. */
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
        jsc.hadoopConfiguration().set("fs." + NoRenameFileSystem.SCHEME + ".impl", NoRenameFileSystem.class.getName());
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

    /** 3 shards (2, 2, 1 samples) of Darcy 16², solved by auto, into {@code out} (a path or URI), plus {@code more}. */
    private static String[] args(String out, String... more) {
        List<String> a = new ArrayList<>(List.of("--family", "darcy", "--resolution", "16", "--samples", "5",
                "--shard-size", "2", "--seed", "7", "--out", out));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static String[] args(Path out, String... more) {
        return args(out.toUri().toString(), more);
    }

    /** {@code out} on the test filesystem whose rename is refused. */
    private static String noRename(Path out) {
        return NoRenameFileSystem.SCHEME + ":" + out.toAbsolutePath();
    }

    /** The single-process reference: what {@code kforge generate --threads 1} (the CLI itself) writes. */
    private Path reference(String... more) throws Exception {
        Path ref = tmp.resolve("reference");
        List<String> cli = new ArrayList<>(List.of("generate"));
        cli.addAll(List.of(args(ref.toString(), more)));
        cli.addAll(List.of("--threads", "1"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Kforge.execute(cli.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err)),
                out + " " + err);
        return ref;
    }

    private static void assertSameShards(Path ref, Path out, String... more) throws IOException {
        JobArguments a = JobArguments.parse(args(out, more));
        DatasetSpec spec = a.datasetSpec();
        String manifest = a.selection().manifestName();
        Manifest want = Manifest.read(ref.resolve(manifest));
        Manifest got = Manifest.read(out.resolve(manifest));
        assertEquals(want.shards().size(), got.shards().size());
        assertEquals(want.arrays(), got.arrays());
        assertEquals(want.spec(), got.spec());
        assertEquals(want.process(), got.process());
        for (int k = 0; k < spec.shardCount(); k++) {
            String name = spec.shardFileName(k);
            if (!a.selection().owns(k)) {
                assertTrue(Files.notExists(out.resolve(name)), name + " belongs to another --shard");
                continue;
            }
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
    void withoutAtomicRenameShardsAreVerifiedInPlaceAndAMidWriteFailureIsRetriedToTheSameBytes() throws Exception {
        Path ref = reference();
        Path out = tmp.resolve("verify");
        int failedBefore = FAILED_TASKS.get();
        jsc.setLocalProperty(CommitMode.KEY, "verify");
        jsc.setLocalProperty(GenerateJob.FAIL_SHARD, "1");
        jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, "1");
        GenerateJob.Summary s;
        try {
            s = GenerateJob.run(jsc, args(noRename(out)));
        } finally {
            clearHooks();
        }
        assertEquals(1, FAILED_TASKS.get() - failedBefore, "the injected failure must have happened once");
        assertEquals(3, s.shardsWritten());
        assertSameShards(ref, out);
    }

    @Test
    void withoutAtomicRenameAHalfWrittenShardHasNoMarkerAndTheRerunRegeneratesOnlyIt() throws Exception {
        Path ref = reference();
        Path out = tmp.resolve("verify-partial");
        jsc.setLocalProperty(CommitMode.KEY, "verify");
        jsc.setLocalProperty(GenerateJob.FAIL_SHARD, "2");
        jsc.setLocalProperty(GenerateJob.FAIL_ATTEMPTS, "100");
        try {
            IOException e = assertThrows(IOException.class, () -> GenerateJob.run(jsc, args(noRename(out))));
            assertTrue(e.getMessage().startsWith("1 shard(s) failed (shard 2: injected failure"), e.getMessage());
        } finally {
            clearHooks();
        }
        // Written in place, the half shard is visible, but its marker (the sidecar) was never written.
        long half = Files.size(out.resolve("shard-00002.npz"));
        assertTrue(half > 0 && half < Files.size(ref.resolve("shard-00002.npz")), "half-written: " + half);
        assertTrue(Files.notExists(out.resolve("shard-00002.npz.sha256")));
        assertNull(Manifest.read(out.resolve("manifest.json")).shard(2));

        jsc.setLocalProperty(CommitMode.KEY, "verify");
        try {
            GenerateJob.Summary s = GenerateJob.run(jsc, args(noRename(out)));
            assertEquals(2, s.shardsSkipped());
            assertEquals(1, s.shardsWritten());
            assertSameShards(ref, out);

            // A complete shard whose marker is missing is not taken as done.
            Files.delete(out.resolve("shard-00000.npz.sha256"));
            GenerateJob.Summary again = GenerateJob.run(jsc, args(noRename(out)));
            assertEquals(2, again.shardsSkipped());
            assertEquals(1, again.shardsWritten());
            assertSameShards(ref, out);
        } finally {
            clearHooks();
        }
    }

    @Test
    void renameModeOnAStoreThatRefusesRenameFailsNamingTheSetting() {
        Path out = tmp.resolve("refused");
        IOException e = assertThrows(IOException.class, () -> GenerateJob.run(jsc, args(noRename(out))));
        assertTrue(e.getMessage().contains(CommitMode.KEY + "=verify"), e.getMessage());
        assertTrue(Files.notExists(out.resolve("shard-00000.npz")));
    }

    @Test
    void oneShardSelectionIsByteIdenticalToTheCliWithTheSameShardOption() throws Exception {
        Path ref = reference("--shard", "1/2");
        Path out = tmp.resolve("shard-1-of-2");
        GenerateJob.Summary s = GenerateJob.run(jsc, args(out, "--shard", "1/2"));
        assertEquals(1, s.shardsWritten());
        assertEquals(2, s.samplesSolved());
        assertTrue(Files.isRegularFile(out.resolve("manifest-1-of-2.json")));
        assertSameShards(ref, out, "--shard", "1/2");
    }

    @Test
    void matrixMarketFilesAreByteIdenticalToTheCli() throws Exception {
        Path ref = reference("--format", "mtx");
        Path out = tmp.resolve("mtx");
        GenerateJob.Summary s = GenerateJob.run(jsc, args(out, "--format", "mtx"));
        assertEquals(3, s.shardsWritten());
        assertEquals(5, s.samplesSolved());
        List<String> want;
        List<String> got;
        try (Stream<Path> a = Files.list(ref); Stream<Path> b = Files.list(out)) {
            want = a.map(p -> p.getFileName().toString()).sorted().toList();
            got = b.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(15, want.size(), want.toString());
        assertEquals(want, got);
        for (String f : want) {
            assertEquals(Sha256.of(ref.resolve(f)), Sha256.of(out.resolve(f)), f);
        }
    }

    @Test
    void theJobAcceptsExactlyTheOptionsOfKforgeGenerate() {
        CommandLine generate = new CommandLine(new Kforge()).getSubcommands().get("generate");
        Set<String> cli = new TreeSet<>();
        generate.getCommandSpec().options().forEach(o -> cli.addAll(List.of(o.names())));
        Set<String> job = new TreeSet<>();
        JobArguments.commandLine().getCommandSpec().options().forEach(o -> job.addAll(List.of(o.names())));
        assertTrue(cli.containsAll(List.of("--family", "--weights", "--shard", "--format", "--solver", "--threads")), cli.toString());
        assertEquals(cli, job);
    }

    private static void clearHooks() {
        for (String key : new String[] {CommitMode.KEY, GenerateJob.FAIL_SHARD, GenerateJob.FAIL_ATTEMPTS}) {
            jsc.setLocalProperty(key, null);
        }
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
        String out = tmp.resolve("bad").toString();
        String[][] cases = {
            {"--family", "darcy", "--samples", "0", "--out", out},
            {"--family", "darcy", "--samples", "3", "--bogus", "--out", out},
            {"--samples", "3", "--out", out},
            {"--family", "stokes", "--samples", "3", "--out", out},
            {"--family", "darcy", "--resolution", "2", "--samples", "3", "--out", out},
            {"--family", "darcy", "--samples", "3", "--out", out, "--shard", "2/2"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--format", "zarr"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--dtype", "int8"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--solver", "nope"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--rtol", "2"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--restart", "0"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--device", "cuda"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--weights", "w.kfw"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--omega", "bandit:tsallis"},
            {"--family", "darcy", "--samples", "3", "--out", out, "--format", "mtx", "--shard", "0/2"},
        };
        for (String[] c : cases) {
            List<String> cli = new ArrayList<>(List.of("generate"));
            cli.addAll(List.of(c));
            StringWriter err = new StringWriter();
            int code = Kforge.execute(cli.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
            assertEquals(2, code, String.join(" ", c));
            String cliLine = err.toString().lines().findFirst().orElseThrow();
            assertTrue(cliLine.startsWith("kforge: error: "), cliLine);
            assertEquals(cliLine, errorOf(c), String.join(" ", c));
        }
        assertEquals("kforge: error: samples must be >= 1, got 0",
                errorOf("--family", "darcy", "--samples", "0", "--out", out));
        assertEquals("kforge: error: Missing required option: '--family=<family>'", errorOf("--samples", "3", "--out", out));
    }

    @Test
    void optionsGenerationDoesNotUseAreRefusedWithOneLine() {
        String out = tmp.resolve("bad").toString();
        assertTrue(errorOf("--family", "darcy", "--samples", "3", "--out", out, "--weights", "w.kfw")
                .startsWith("kforge: error: --weights is not used by dataset generation"));
        assertTrue(errorOf("--family", "darcy", "--samples", "3", "--out", out, "--format", "mtx", "--shard", "0/2")
                .startsWith("kforge: error: --shard splits npz/hdf5 shards"));
        assertEquals("kforge: error: --threads must be >= 1, got 0",
                errorOf("--family", "darcy", "--samples", "3", "--out", out, "--threads", "0"));
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
