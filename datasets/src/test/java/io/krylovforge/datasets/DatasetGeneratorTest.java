package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetGeneratorTest {
    /** 7 Darcy samples at s = 10 (8×8 unknowns) in shards of 3: shards of 3, 3, 1 samples. */
    private static final DatasetSpec SMALL = DatasetSpec.defaults("darcy")
            .withResolution(10).withSamples(7).withSeed(7L).withShardSize(3);

    /**
     * The spec's own solver, calling {@code after} with each sample's global index once it is
     * solved (to simulate a crash or an interrupt there).
     */
    static SampleSolver observed(DatasetSpec spec, java.util.function.LongConsumer after) {
        SampleSolver.Independent inner = (SampleSolver.Independent) SampleSolvers.create(spec);
        Map<Long, Long> indexOfSeed = new java.util.HashMap<>();
        for (long j = 0; j < spec.samples(); j++) {
            indexOfSeed.put(SampleSeeds.of(spec.seed(), j), j);
        }
        return new SampleSolver.Independent() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public Chain newChain() {
                Chain c = inner.newChain();
                return system -> {
                    Solved s = c.solve(system);
                    after.accept(indexOfSeed.get(system.seed()));
                    return s;
                };
            }
        };
    }

    private static DatasetGenerator.Summary generate(DatasetSpec spec, Path dir, int threads) throws Exception {
        return new DatasetGenerator(spec, dir).withThreads(threads).run();
    }

    /** File name → SHA-256 of every shard in {@code dir}. */
    private static Map<String, String> shardChecksums(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith("shard-") && n.endsWith(".npz")) {
                    m.put(n, Sha256.of(p));
                }
            }
        }
        return m;
    }

    private static List<String> temporaries(Path dir) throws IOException {
        List<String> t = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).forEach(t::add);
        }
        return t;
    }

    /** ‖b − A x‖ / ‖b‖ computed here from the regenerated system. */
    private static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double r = 0;
        double nb = 0;
        for (int i = 0; i < b.length; i++) {
            r += (b[i] - ax[i]) * (b[i] - ax[i]);
            nb += b[i] * b[i];
        }
        return Math.sqrt(r / nb);
    }

    private static double[] row(NpyReader.Array a, int i) {
        int per = a.count() / (int) a.shape()[0];
        double[] r = new double[per];
        System.arraycopy(a.values(), i * per, r, 0, per);
        return r;
    }

    @Test
    void shardsHoldTheSystemsAndSolutionsToTolerance(@TempDir Path dir) throws Exception {
        DatasetGenerator.Summary s = generate(SMALL, dir, 2);
        assertEquals(3, s.shardsWritten());
        assertEquals(7, s.samplesSolved());
        assertEquals(0, s.notConverged());
        PdeFamily family = Families.create("darcy", 10);
        int seen = 0;
        for (int k = 0; k < 3; k++) {
            Map<String, NpyReader.Array> z = NpyReader.readNpz(dir.resolve(SMALL.shardFileName(k)));
            assertEquals(List.of("inputs", "solutions", "rhs", "seeds", "indices", "converged"),
                    List.copyOf(z.keySet()));
            int n = SMALL.shardSamples(k);
            assertArrayEquals(new long[] {n, 10, 10}, z.get("inputs").shape());
            assertArrayEquals(new long[] {n, 8, 8}, z.get("solutions").shape());
            assertArrayEquals(new long[] {n, 8, 8}, z.get("rhs").shape());
            assertEquals("<f8", z.get("solutions").descr());
            assertEquals("<i8", z.get("seeds").descr());
            for (int i = 0; i < n; i++) {
                long global = 3L * k + i;
                assertEquals(global, z.get("indices").longs()[i]);
                long seed = z.get("seeds").longs()[i];
                assertEquals(SampleSeeds.of(7L, global), seed);
                assertEquals(1, z.get("converged").longs()[i]);
                PdeInstance sys = family.sample(seed);
                assertArrayEquals(sys.parameters(), row(z.get("inputs"), i));
                assertArrayEquals(sys.b(), row(z.get("rhs"), i));
                double rel = relativeResidual(sys.a(), sys.b(), row(z.get("solutions"), i));
                assertTrue(rel <= 1e-8 * (1 + 1e-9), "sample " + global + ": " + rel);
                seen++;
            }
        }
        assertEquals(7, seen);
        assertTrue(temporaries(dir).isEmpty(), temporaries(dir).toString());
    }

    @Test
    void manifestRecordsSpecVersionStatsAndChecksums(@TempDir Path dir) throws Exception {
        generate(SMALL, dir, 1);
        Manifest m = Manifest.read(dir.resolve("manifest.json"));
        assertEquals(SMALL, m.spec());
        assertEquals(ShardSelection.all(), m.process());
        assertTrue(m.software().startsWith("krylovforge "), m.software());
        assertEquals(3, m.shardCount());
        assertEquals(3, m.shards().size());
        for (Manifest.Shard sh : m.shards()) {
            Path f = dir.resolve(sh.file());
            assertEquals(Sha256.of(f), sh.sha256());
            assertEquals(Files.size(f), sh.bytes());
            assertEquals(sh.sha256() + "  " + sh.file(), Files.readString(dir.resolve(sh.file() + ".sha256")).strip());
            assertEquals(sh.samples(), sh.stats().size());
            for (Manifest.SampleStats st : sh.stats()) {
                assertTrue(st.iterations() > 0 && st.iterations() < 200, "iterations " + st.iterations());
                assertTrue(st.relativeResidual() <= 1e-8, "residual " + st.relativeResidual());
                assertEquals("CONVERGED_RTOL", st.reason());
                assertEquals(SampleSeeds.of(7L, st.index()), st.seed());
            }
        }
        String json = Files.readString(dir.resolve("manifest.json"));
        assertTrue(json.contains("\"family\" : \"darcy\""), json);
        assertTrue(json.contains("solutions: (N, 8, 8) <f8"), json);
    }

    @Test
    void oneAndTwoThreadsAndTwoProcessesWriteIdenticalShards(@TempDir Path dir) throws Exception {
        generate(SMALL, dir.resolve("t1"), 1);
        generate(SMALL, dir.resolve("t2"), 2);
        Path split = dir.resolve("split");
        new DatasetGenerator(SMALL, split).withThreads(2).withSelection(new ShardSelection(1, 2)).run();
        Map<String, String> half = shardChecksums(split);
        assertEquals(List.of(SMALL.shardFileName(1)), List.copyOf(half.keySet())); // k ≡ 1 mod 2
        new DatasetGenerator(SMALL, split).withThreads(1).withSelection(new ShardSelection(0, 2)).run();
        Map<String, String> one = shardChecksums(dir.resolve("t1"));
        assertEquals(3, one.size());
        assertEquals(one, shardChecksums(dir.resolve("t2")));
        assertEquals(one, shardChecksums(split));
        assertTrue(Files.exists(split.resolve("manifest-0-of-2.json")));
        assertTrue(Files.exists(split.resolve("manifest-1-of-2.json")));
        // a different seed gives different data
        Path other = dir.resolve("seed8");
        generate(new DatasetSpec("darcy", 10, 7, 8L, SMALL.solver(), ShardFormat.NPZ, Dtype.FLOAT64, 3, true, false),
                other, 1);
        assertNotEquals(one.get(SMALL.shardFileName(0)), shardChecksums(other).get(SMALL.shardFileName(0)));
    }

    @Test
    void crashMidShardThenResumeGivesTheUninterruptedChecksums(@TempDir Path dir) throws Exception {
        generate(SMALL, dir.resolve("ref"), 2);
        Map<String, String> ref = shardChecksums(dir.resolve("ref"));

        Path out = dir.resolve("crash");
        DatasetGenerator crashing = new DatasetGenerator(SMALL, out).withThreads(2).withSampleSolver(
                observed(SMALL, i -> {
                    if (i == 4) {
                        throw new IllegalStateException("simulated crash after sample 4");
                    }
                }));
        IllegalStateException e = assertThrows(IllegalStateException.class, crashing::run);
        assertTrue(e.getMessage().contains("simulated crash"));
        assertEquals(List.of(SMALL.shardFileName(0)), List.copyOf(shardChecksums(out).keySet()));
        assertTrue(temporaries(out).isEmpty());
        assertEquals(1, Manifest.read(out.resolve("manifest.json")).shards().size());

        DatasetGenerator.Summary s = generate(SMALL, out, 1);
        assertEquals(1, s.shardsSkipped());
        assertEquals(2, s.shardsWritten());
        assertEquals(ref, shardChecksums(out));
        assertEquals(3, Manifest.read(out.resolve("manifest.json")).shards().size());

        // a third run has nothing to do
        DatasetGenerator.Summary again = generate(SMALL, out, 1);
        assertEquals(3, again.shardsSkipped());
        assertEquals(0, again.shardsWritten());
    }

    @Test
    void interruptingTheGeneratorThreadStopsItAndResumeCompletes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("int");
        AtomicReference<Thread> runner = new AtomicReference<>();
        DatasetGenerator g = new DatasetGenerator(SMALL, out).withThreads(1).withSampleSolver(
                observed(SMALL, i -> {
                    if (i == 3) {
                        runner.get().interrupt();
                    }
                }));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                g.run();
            } catch (Throwable x) {
                failure.set(x);
            }
        });
        runner.set(t);
        t.start();
        t.join(60_000);
        assertFalse(t.isAlive());
        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        assertFalse(Files.exists(out.resolve(SMALL.shardFileName(1))));
        assertTrue(Files.exists(out.resolve(SMALL.shardFileName(0))));

        generate(SMALL, out, 2);
        generate(SMALL, dir.resolve("ref"), 1);
        assertEquals(shardChecksums(dir.resolve("ref")), shardChecksums(out));
    }

    @Test
    void killedRunLeftoversAndCorruptShardsAreRedone(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("c");
        generate(SMALL, out, 1);
        Map<String, String> ref = shardChecksums(out);
        // a temporary file as a SIGKILL during a write would leave it, and a damaged shard
        Path stale = out.resolve("." + SMALL.shardFileName(2) + ".4242-123456789.tmp");
        // another process's temporary (its own target) is not ours to delete
        Path foreign = out.resolve(".other-file.npz.4242-1.tmp");
        Files.writeString(foreign, "in flight");
        Files.writeString(stale, "partial");
        Path victim = out.resolve(SMALL.shardFileName(1));
        byte[] b = Files.readAllBytes(victim);
        b[b.length / 2] ^= 1;
        Files.write(victim, b);
        DatasetGenerator.Summary s = generate(SMALL, out, 2);
        assertEquals(1, s.shardsWritten());
        assertEquals(2, s.shardsSkipped());
        assertEquals(ref, shardChecksums(out));
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(foreign));
    }

    @Test
    void fullDiskLeavesNoShardAndAClearError(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("full");
        AtomicInteger shardsOpened = new AtomicInteger();
        DatasetGenerator g = new DatasetGenerator(SMALL, out).withThreads(1).withShardWriter(new NpzShardWriter() {
            @Override
            protected OutputStream decorate(OutputStream raw) {
            if (shardsOpened.getAndIncrement() == 0) {
                return raw; // shard 0 fits
            }
            return new FilterOutputStream(raw) {
                long written;

                @Override
                public void write(int v) throws IOException {
                    write(new byte[] {(byte) v}, 0, 1);
                }

                @Override
                public void write(byte[] buf, int off, int len) throws IOException {
                    written += len;
                    if (written > 700) {
                        throw new IOException("No space left on device");
                    }
                    out.write(buf, off, len);
                }
            };
            }
        });
        IOException e = assertThrows(IOException.class, g::run);
        assertTrue(e.getMessage().contains("shard 1") && e.getMessage().contains("No space left on device"),
                e.getMessage());
        assertTrue(e.getMessage().contains(out.resolve(SMALL.shardFileName(1)).toString()), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        assertEquals(List.of(SMALL.shardFileName(0)), List.copyOf(shardChecksums(out).keySet()));
        assertTrue(temporaries(out).isEmpty(), temporaries(out).toString());
        assertFalse(Files.exists(out.resolve(SMALL.shardFileName(1) + ".sha256")));
        // with space again, the run completes
        assertEquals(2, generate(SMALL, out, 1).shardsWritten());
    }

    @Test
    void badArgumentsAreClearAndWriteNothing(@TempDir Path dir) throws Exception {
        String m1 = assertThrows(IllegalArgumentException.class,
                () -> DatasetSpec.defaults("stokes").withResolution(10).withSamples(5).withSeed(1)).getMessage();
        assertTrue(m1.contains("stokes") && m1.contains("darcy"), m1);
        String m2 = assertThrows(IllegalArgumentException.class, () -> DatasetSpec.defaults("darcy")
                .withResolution(2).withSamples(5).withSeed(1)).getMessage();
        assertTrue(m2.contains("resolution") && m2.contains("2"), m2);
        String m3 = assertThrows(IllegalArgumentException.class, () -> ShardSelection.parse("4/4")).getMessage();
        assertTrue(m3.contains("out of range") && m3.contains("4/4"), m3);
        assertThrows(IllegalArgumentException.class, () -> ShardSelection.parse("x/4"));
        assertThrows(IllegalArgumentException.class, () -> ShardSelection.parse("-1/4"));
        assertThrows(IllegalArgumentException.class, () -> DatasetSpec.defaults("darcy")
                .withResolution(10).withSamples(0).withSeed(1));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withShardSize(0));
        assertThrows(IllegalArgumentException.class, () -> SMALL.withRtol(0.0));

        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        String m4 = assertThrows(IllegalArgumentException.class, () -> generate(SMALL, file, 1)).getMessage();
        assertTrue(m4.contains("not a directory"), m4);
        String m5 = assertThrows(IllegalArgumentException.class,
                () -> generate(SMALL, file.resolve("sub"), 1)).getMessage();
        assertTrue(m5.contains("cannot create output directory"), m5);

        Path out = dir.resolve("o");
        String m6 = assertThrows(IllegalArgumentException.class, () -> ShardFormat.parse("netcdf")).getMessage();
        assertTrue(m6.contains("netcdf") && m6.contains("hdf5"), m6);
        String m7 = assertThrows(IllegalArgumentException.class,
                () -> generate(SMALL.withSolver("nope"), out, 1)).getMessage();
        assertTrue(m7.contains("nope"), m7);
        assertThrows(IllegalArgumentException.class, () -> generate(SMALL.withPrecond("nope"), out, 1));
        assertFalse(Files.exists(out) && shardChecksums(out).size() > 0);

        // resuming into a directory made with other arguments is refused, nothing is touched
        generate(SMALL, out, 1);
        Map<String, String> before = shardChecksums(out);
        String m8 = assertThrows(IllegalArgumentException.class,
                () -> generate(SMALL.withRtol(1e-6), out, 1)).getMessage();
        assertTrue(m8.contains("different arguments"), m8);
        // names the option that changed, not a raw Java record (issue #20)
        assertTrue(m8.contains("--rtol ") && m8.contains("1.0E-6 now"), m8);
        assertFalse(m8.contains("DatasetSpec["), m8);
        assertEquals(before, shardChecksums(out));
        assertThrows(IllegalArgumentException.class,
                () -> new DatasetGenerator(SMALL, out).withThreads(0));
    }

    @Test
    void everyFamilyGivesSolutionsToTolerance(@TempDir Path dir) throws Exception {
        // family, resolution, expected inputs shape per sample, unknowns per side
        Object[][] cases = {
            {"darcy", 9, new long[] {9, 9}, 7},
            {"helmholtz", 9, new long[] {82}, 7},
            {"poisson", 9, new long[] {5, 6}, 7},
            {"heat", 8, new long[] {2}, 7},
            {"convdiff", 9, new long[] {2}, 7},
        };
        for (Object[] c : cases) {
            String fam = (String) c[0];
            int res = (Integer) c[1];
            DatasetSpec spec = DatasetSpec.defaults(fam)
                    .withResolution(res).withSamples(3).withSeed(11L).withShardSize(2).withRtol(1e-9);
            Path out = dir.resolve(fam);
            DatasetGenerator.Summary s = generate(spec, out, 2);
            assertEquals(0, s.notConverged(), fam);
            PdeFamily family = Families.create(fam, res);
            for (int k = 0; k < 2; k++) {
                Map<String, NpyReader.Array> z = NpyReader.readNpz(out.resolve(spec.shardFileName(k)));
                long[] in = z.get("inputs").shape();
                long[] want = (long[]) c[2];
                assertArrayEquals(want, java.util.Arrays.copyOfRange(in, 1, in.length), fam);
                int m = (Integer) c[3];
                assertArrayEquals(new long[] {spec.shardSamples(k), m, m}, z.get("solutions").shape(), fam);
                for (int i = 0; i < spec.shardSamples(k); i++) {
                    PdeInstance sys = family.sample(z.get("seeds").longs()[i]);
                    double rel = relativeResidual(sys.a(), sys.b(), row(z.get("solutions"), i));
                    assertTrue(rel <= 1e-9 * (1 + 1e-9), fam + " sample " + i + ": " + rel);
                }
            }
        }
    }

    @Test
    void float32ShardsHoldTheRoundedFloat64Values(@TempDir Path dir) throws Exception {
        generate(SMALL, dir.resolve("f8"), 2);
        DatasetSpec f4 = SMALL.withDtype(Dtype.FLOAT32).withSaveRhs(false);
        generate(f4, dir.resolve("f4"), 2);
        Map<String, NpyReader.Array> a = NpyReader.readNpz(dir.resolve("f8").resolve(SMALL.shardFileName(1)));
        Map<String, NpyReader.Array> b = NpyReader.readNpz(dir.resolve("f4").resolve(SMALL.shardFileName(1)));
        assertFalse(b.containsKey("rhs"));
        assertEquals("<f4", b.get("solutions").descr());
        assertEquals("<f4", b.get("inputs").descr());
        assertArrayEquals(a.get("solutions").shape(), b.get("solutions").shape());
        double[] x8 = a.get("solutions").values();
        double[] x4 = b.get("solutions").values();
        for (int i = 0; i < x8.length; i++) {
            assertEquals((float) x8[i], (float) x4[i]);
        }
        assertTrue(Files.size(dir.resolve("f4").resolve(SMALL.shardFileName(1)))
                < Files.size(dir.resolve("f8").resolve(SMALL.shardFileName(1))) / 2);
    }

    @Test
    void recyclingSolverStoresSolutionsInSampleOrderReproducibly(@TempDir Path dir) throws Exception {
        DatasetSpec skr = DatasetSpec.defaults("darcy")
                .withResolution(12).withSamples(9).withSeed(5L).withShardSize(5).withSolver("gcrodr");
        DatasetGenerator.Summary s = generate(skr, dir.resolve("a"), 1);
        assertEquals(0, s.notConverged());
        generate(skr, dir.resolve("b"), 2);
        assertEquals(shardChecksums(dir.resolve("a")), shardChecksums(dir.resolve("b")));
        PdeFamily family = Families.create("darcy", 12);
        for (int k = 0; k < skr.shardCount(); k++) {
            Map<String, NpyReader.Array> z = NpyReader.readNpz(dir.resolve("a").resolve(skr.shardFileName(k)));
            for (int i = 0; i < skr.shardSamples(k); i++) {
                long global = skr.firstSample(k) + i;
                assertEquals(global, z.get("indices").longs()[i]);
                PdeInstance sys = family.sample(SampleSeeds.of(5L, global));
                assertArrayEquals(sys.parameters(), row(z.get("inputs"), i));
                double rel = relativeResidual(sys.a(), sys.b(), row(z.get("solutions"), i));
                assertTrue(rel <= 1e-8 * (1 + 1e-9), "sample " + global + ": " + rel);
            }
        }
        assertTrue(Manifest.read(dir.resolve("a").resolve("manifest.json")).sampleSolver().startsWith("gcrodr(40,20)"));
        String m = assertThrows(IllegalArgumentException.class,
                () -> generate(skr.withRestart(20), dir.resolve("c"), 1)).getMessage();
        assertTrue(m.contains("--recycle") && m.contains("restart 20"), m);
    }

    @Test
    void hdf5ShardsHoldTheSameArraysReproduciblyAndResume(@TempDir Path dir) throws Exception {
        DatasetSpec h5 = SMALL.withFormat(ShardFormat.HDF5).withDtype(Dtype.FLOAT32);
        generate(SMALL.withDtype(Dtype.FLOAT32), dir.resolve("npz"), 2);
        generate(h5, dir.resolve("h5a"), 1);
        Path crash = dir.resolve("h5b");
        assertThrows(IllegalStateException.class, () -> new DatasetGenerator(h5, crash).withThreads(2)
                .withSampleSolver(observed(h5, i -> {
                    if (i == 5) {
                        throw new IllegalStateException("simulated crash");
                    }
                })).run());
        assertTrue(temporaries(crash).isEmpty());
        assertEquals(1, generate(h5, crash, 2).shardsSkipped());
        Map<String, String> a = hdf5Checksums(dir.resolve("h5a"));
        assertEquals(3, a.size());
        assertEquals(a, hdf5Checksums(crash));
        for (int k = 0; k < 3; k++) {
            assertEquals("shard-0000" + k + ".h5", h5.shardFileName(k));
            Map<String, NpyReader.Array> z = NpyReader.readNpz(dir.resolve("npz").resolve(SMALL.shardFileName(k)));
            try (io.jhdf.HdfFile f = new io.jhdf.HdfFile(dir.resolve("h5a").resolve(h5.shardFileName(k)))) {
                for (String name : new String[] {"inputs", "solutions", "rhs"}) {
                    io.jhdf.api.Dataset ds = f.getDatasetByPath(name);
                    int[] dims = ds.getDimensions();
                    long[] want = z.get(name).shape();
                    assertEquals(want.length, dims.length, name);
                    for (int d = 0; d < dims.length; d++) {
                        assertEquals(want[d], dims[d], name);
                    }
                    float[] flat = (float[]) ds.getDataFlat();
                    double[] npz = z.get(name).values();
                    assertEquals(npz.length, flat.length);
                    for (int i = 0; i < flat.length; i++) {
                        assertEquals((float) npz[i], flat[i], name + "[" + i + "]");
                    }
                }
                assertArrayEquals(z.get("seeds").longs(), (long[]) f.getDatasetByPath("seeds").getDataFlat());
                assertArrayEquals(z.get("indices").longs(), (long[]) f.getDatasetByPath("indices").getDataFlat());
            }
        }
    }

    private static Map<String, String> hdf5Checksums(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".h5")) {
                    m.put(p.getFileName().toString(), Sha256.of(p));
                }
            }
        }
        return m;
    }
}
