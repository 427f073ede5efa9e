package io.krylovforge.bench.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python interpreter that can import a given module. Candidates, in order: the
 * {@code KFORGE_PYTHON} environment variable (a command or path), then every {@code python3}
 * on {@code PATH} in PATH order — peers may live in different installations (a user environment
 * with PyAMG, the system one with petsc4py), so the first that imports the module wins.
 */
public final class PythonLocator {
    private PythonLocator() {
    }

    /** Interpreter commands to try, without duplicates. */
    public static List<String> candidates() {
        Set<String> out = new LinkedHashSet<>();
        String env = System.getenv("KFORGE_PYTHON");
        if (env != null && !env.isBlank()) {
            out.add(env.trim());
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, "python3");
                if (Files.isExecutable(p)) {
                    out.add(p.toString());
                }
            }
        }
        out.add("python3");
        return new ArrayList<>(out);
    }

    /**
     * The first candidate for which {@code probe} (Python source) runs without error, or
     * {@code null} when none does.
     */
    public static String find(String probe) {
        for (String candidate : candidates()) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not runnable: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * {@code given} when not empty, else the first candidate that imports {@code module}, else
     * {@code python3} (so the peer reports the missing module itself).
     */
    public static String givenOrImporting(String given, String module) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        String found = find("import " + module);
        return found != null ? found : "python3";
    }
}
