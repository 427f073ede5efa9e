package io.krylovforge.datasets;

import io.krylovforge.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One process's manifest in an output directory and the files it vouches for: loads and checks
 * an existing manifest against the spec, tells which shards are complete (file checksum equal to
 * the manifest's and the {@code .sha256} sidecar's), records a written shard (sidecar, then
 * manifest, each atomically) and removes temporary files a killed run of this process left.
 * Call it only while holding the directory's {@link OutputLock}.
 */
final class ManifestStore {
    private final Path dir;
    private final DatasetSpec spec;
    private final ShardSelection selection;
    private final Path path;
    private Manifest manifest;

    ManifestStore(Path dir, DatasetSpec spec, ShardSelection selection, String solverName) throws IOException {
        this.dir = dir;
        this.spec = spec;
        this.selection = selection;
        this.path = dir.resolve(selection.manifestName());
        Manifest fresh = new Manifest(Manifest.FORMAT, "krylovforge " + DatasetGenerator.version(),
                System.getProperty("java.version"), spec, SampleSeeds.description(), solverName, selection,
                spec.shardCount(), List.of(), List.of());
        if (!Manifest.exists(path)) {
            manifest = fresh;
            return;
        }
        Manifest old = Manifest.read(path);
        if (!spec.equals(old.spec()) || !selection.equals(old.process())) {
            throw new DatasetArgumentException("output directory " + dir + " already holds a dataset made with"
                    + " different arguments (" + differences(old.spec(), spec, old.process(), selection)
                    + "); rerun with the same arguments to resume, or choose another --out");
        }
        Manifest m = fresh;
        for (Manifest.Shard s : old.shards()) {
            m = m.withShard(s);
        }
        manifest = m.withArrays(old.arrays());
    }

    /**
     * The arguments that differ, as options a user types ("--resolution 64 there, 32 now"), not
     * as a record's toString; the solver settings ({@code SolverSpec}) are compared option by option.
     */
    static String differences(DatasetSpec there, DatasetSpec now, ShardSelection thereShard, ShardSelection nowShard) {
        List<String> diff = new java.util.ArrayList<>();
        addDifferences(there, now, diff);
        if (!java.util.Objects.equals(thereShard, nowShard)) {
            diff.add("--shard " + thereShard + " there, " + nowShard + " now");
        }
        return String.join("; ", diff);
    }

    private static void addDifferences(Record there, Record now, List<String> diff) {
        for (java.lang.reflect.RecordComponent c : there.getClass().getRecordComponents()) {
            try {
                Object a = c.getAccessor().invoke(there);
                Object b = c.getAccessor().invoke(now);
                if (a instanceof Record ra && b instanceof Record rb && ra.getClass() == rb.getClass()) {
                    addDifferences(ra, rb, diff);
                } else if (!java.util.Objects.equals(a, b)) {
                    String flag = "--" + c.getName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
                    diff.add(flag + " " + a + " there, " + b + " now");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("internal: cannot read " + c.getName(), e);
            }
        }
    }

    /** The manifest file. */
    Path path() {
        return path;
    }

    /** Whether shard k's file exists and matches the checksum in the manifest and sidecar; drops a stale entry. */
    boolean isComplete(int k) throws IOException {
        Manifest.Shard rec = manifest.shard(k);
        Path file = dir.resolve(spec.shardFileName(k));
        boolean ok = rec != null && Files.isRegularFile(file) && rec.samples() == spec.shardSamples(k)
                && Sha256.of(file).equals(rec.sha256()) && sidecarAgrees(k, rec.sha256());
        if (!ok && rec != null) {
            manifest = manifest.withoutShard(k); // its file is missing or differs
        }
        return ok;
    }

    private boolean sidecarAgrees(int k, String sha) throws IOException {
        Path sidecar = dir.resolve(spec.shardFileName(k) + ".sha256");
        if (!Files.isRegularFile(sidecar)) {
            return true;
        }
        String side = Files.readString(sidecar, StandardCharsets.US_ASCII).trim();
        int space = side.indexOf(' ');
        return (space < 0 ? side : side.substring(0, space)).equals(sha);
    }

    /** Writes the manifest as it stands. */
    void save() throws IOException {
        manifest.write(path);
    }

    /**
     * Records shard {@code k}, already written to its file with SHA-256 {@code sha}: sidecar,
     * then manifest.
     */
    Manifest.Shard record(SolvedShard shard, List<String> arrays, String sha, double seconds) throws IOException {
        String name = spec.shardFileName(shard.index());
        Path file = dir.resolve(name);
        AtomicFiles.write(dir.resolve(name + ".sha256"), (sha + "  " + name + "\n").getBytes(StandardCharsets.US_ASCII));
        Manifest.Shard rec = shard.record(name, Files.size(file), sha, seconds);
        manifest = manifest.withShard(rec).withArrays(arrays);
        save();
        return rec;
    }

    /**
     * Removes temporary files for this process's shards, sidecars and manifest. With the lock
     * held, such a file is a leftover of a killed run; another process's temporaries (other
     * shard selections) have other target names and are left alone.
     */
    void deleteStaleTemporaries() throws IOException {
        Set<String> mine = new HashSet<>();
        mine.add(selection.manifestName());
        for (int k = 0; k < spec.shardCount(); k++) {
            if (selection.owns(k)) {
                mine.add(spec.shardFileName(k));
                mine.add(spec.shardFileName(k) + ".sha256");
            }
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path p : ds) {
                for (String target : mine) {
                    if (AtomicFiles.isTemporaryOf(p, target) >= 0) {
                        Files.deleteIfExists(p);
                        break;
                    }
                }
            }
        }
    }
}
