package io.krylovforge.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python peers (SciPy, PETSc through petsc4py, PyAMG) as a subprocess on the same case
 * and turns their JSON lines into {@link RunRecord}s. A missing interpreter or module becomes an
 * "unavailable" record with the reason, never a failure of the whole run.
 */
public final class PeerRunner {
    private final String python;
    private final Path script;
    private final ObjectMapper mapper = new ObjectMapper();

    private PeerRunner(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Extracts the bundled peer script and uses {@code python} (e.g. "python3") to run it. */
    public static PeerRunner create(String python, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path script = workDir.resolve("peers.py");
        try (InputStream in = PeerRunner.class.getResourceAsStream("/peers/peers.py")) {
            if (in == null) {
                throw new IllegalStateException("internal: peers.py missing from the bench jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        workDir.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: the script goes first
        script.toFile().deleteOnExit();
        return new PeerRunner(python, script);
    }

    /** Runs {@code peers} on case {@code c}; one record per peer, in order. */
    public List<RunRecord> run(BenchCase c, List<String> peers, long timeoutSeconds) {
        List<RunRecord> out = new ArrayList<>();
        if (peers.isEmpty()) {
            return out;
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--problem", c.problem(),
                "--solver", c.solver(), "--precond", c.preconditioner(), "--rtol", Double.toString(c.rtol()),
                "--repeats", Integer.toString(c.repeats()), "--warmup", Integer.toString(c.warmup()),
                "--peers", String.join(",", peers)));
        if ("file".equals(c.problem())) {
            cmd.addAll(List.of("--file", c.file()));
        } else {
            cmd.addAll(List.of("--size", Integer.toString(c.size())));
        }
        String stdout;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(false);
            // Some machines pin OpenBLAS to an old core type for safety; that slows NumPy's
            // BLAS-1 kernels severalfold and would make the peers look worse than they are.
            pb.environment().remove("OPENBLAS_CORETYPE");
            pb.environment().remove("OPENBLAS_L2_SIZE");
            // One BLAS thread: on small VMs OpenBLAS's threaded BLAS-1 calls spin against each
            // other (a 262k-element dot measured 35x slower with 2 threads than with 1).
            pb.environment().put("OPENBLAS_NUM_THREADS", "1");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] bytes = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return unavailableAll(c, peers, "timed out after " + timeoutSeconds + " s");
            }
            stdout = new String(bytes, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 && stdout.isBlank()) {
                String last = err.isEmpty() ? "exit " + p.exitValue() : err.lines().reduce((x, y) -> y).orElse(err);
                return unavailableAll(c, peers, python + " failed: " + last);
            }
        } catch (IOException e) {
            return unavailableAll(c, peers, "cannot start " + python + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailableAll(c, peers, "interrupted");
        }
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            out.add(parse(c, line));
        }
        return out;
    }

    /** Parses one peer JSON line. */
    RunRecord parse(BenchCase c, String line) {
        try {
            JsonNode n = mapper.readTree(line);
            String peer = n.path("peer").asText("unknown");
            if (n.has("unavailable")) {
                return RunRecord.unavailable(c.id(), peer, n.get("unavailable").asText());
            }
            JsonNode times = n.get("solveSeconds");
            double[] t = new double[times.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i).asDouble();
            }
            String version = n.path("version").asText("");
            JsonNode cpuTimes = n.get("cpuSeconds");
            double[] cpu = new double[cpuTimes == null || cpuTimes.size() == 0 ? 1 : cpuTimes.size()];
            cpu[0] = Double.NaN;
            for (int i = 0; cpuTimes != null && i < cpuTimes.size(); i++) {
                cpu[i] = cpuTimes.get(i).asDouble();
            }
            return new RunRecord(c.id(), version.isEmpty() ? peer : peer + " (" + version.replace(peer + " ", "") + ")",
                    n.path("iterations").asInt(), n.path("relResidual").asDouble(Double.NaN),
                    n.path("setupSeconds").asDouble(0.0), Statistics.of(t), "", Statistics.of(cpu));
        } catch (IOException | RuntimeException e) {
            return RunRecord.unavailable(c.id(), "peer", "unreadable peer output: " + line);
        }
    }

    private static List<RunRecord> unavailableAll(BenchCase c, List<String> peers, String why) {
        List<RunRecord> out = new ArrayList<>();
        for (String p : peers) {
            out.add(RunRecord.unavailable(c.id(), p, why));
        }
        return out;
    }
}
