package io.krylovforge.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-directory lock against a real second JVM: refused while it lives, taken over once it is killed. */
class OutputLockTest {
    private static final DatasetSpec SMALL = DatasetSpec.defaults("darcy")
            .withResolution(10).withSamples(4).withSeed(7L).withShardSize(2);

    private static Process holder(Path dir, String manifest) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), dir.toString(), manifest).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertTrue(line != null && line.startsWith("locked "), "lock holder said: " + line);
        return p;
    }

    @Test
    void aSecondWriterFailsAtOnceNamingTheOwnerAndAKilledOwnersLockIsTakenOver(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Process other = holder(out, "manifest.json");
        try {
            DatasetArgumentException e = assertThrows(DatasetArgumentException.class,
                    () -> new DatasetGenerator(SMALL, out).withThreads(1).run());
            assertTrue(e.getMessage().contains("pid " + other.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("host " + OutputLock.hostName()), e.getMessage());
            assertTrue(e.getMessage().contains(".manifest.json.lock"), e.getMessage());
            assertFalse(Files.exists(out.resolve(SMALL.shardFileName(0))));
            assertFalse(Files.exists(out.resolve("manifest.json")));
            // a cooperating process with another shard selection has its own lock
            assertEquals(1, new DatasetGenerator(SMALL, out).withThreads(1).withSelection(new ShardSelection(1, 2))
                    .run().shardsWritten());
        } finally {
            other.destroyForcibly(); // SIGKILL: no shutdown hook, the lock file stays behind
            other.waitFor();
        }
        assertFalse(other.isAlive());
        assertTrue(Files.exists(OutputLock.fileFor(out, "manifest.json")));
        List<String> notices = new ArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void notice(String message) {
                notices.add(message);
            }
        };
        assertEquals(2, new DatasetGenerator(SMALL, out).withThreads(1).withProgress(listener).run().shardsWritten());
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("stale lock") && notices.get(0).contains("pid " + other.pid()),
                notices.get(0));
        assertFalse(Files.exists(OutputLock.fileFor(out, "manifest.json")), "removed on exit");
        assertFalse(Files.exists(OutputLock.fileFor(out, "manifest-1-of-2.json")));
    }

    @Test
    void aLockFromAnotherHostIsNeverTakenOver(@TempDir Path dir) throws Exception {
        Path lock = OutputLock.fileFor(dir, "manifest.json");
        Files.writeString(lock, "1 some-other-host.example\n");
        DatasetArgumentException e = assertThrows(DatasetArgumentException.class,
                () -> OutputLock.acquire(dir, "manifest.json", m -> { }));
        assertTrue(e.getMessage().contains("pid 1 on host some-other-host.example"), e.getMessage());
        assertTrue(Files.exists(lock));
    }

    @Test
    void aGarbledLockIsStaleAndOurOwnLockIsExclusive(@TempDir Path dir) throws Exception {
        Files.writeString(OutputLock.fileFor(dir, "m.json"), "");
        try (OutputLock lock = OutputLock.acquire(dir, "m.json", m -> { })) {
            String content = Files.readString(lock.file()).trim();
            assertEquals(ProcessHandle.current().pid() + " " + OutputLock.hostName(), content);
            // our own pid is alive: a second acquire in this JVM is refused too
            assertThrows(DatasetArgumentException.class, () -> OutputLock.acquire(dir, "m.json", m -> { }));
        }
        assertFalse(Files.exists(OutputLock.fileFor(dir, "m.json")));
    }
}
