package io.krylovforge.cli;

import io.krylovforge.bench.harness.BenchRunner;
import io.krylovforge.bench.harness.PythonLocator;
import io.krylovforge.bench.harness.Suite;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kforge bench --suite quick}: KrylovForge vs SciPy/PETSc/PyAMG in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark KrylovForge against SciPy, PETSc (petsc4py) and PyAMG on the same problems.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--suite", defaultValue = "quick", description = "built-in suite (quick, full) or a JSON file (default: ${DEFAULT-VALUE})")
    String suite;

    @Option(names = "--out", description = "output directory (default: bench/work/<suite>, which git ignores;"
            + " with --publish bench/results/<suite>, the committed results)")
    Path out;

    @Option(names = "--kernels", description = "run the JMH kernel micro-benchmarks (SpMV, dot, axpy, SSOR sweep, ILU solve) instead of a suite")
    boolean kernels;

    @Option(names = "--publish", description = "also write the table to the results folder's README.md")
    boolean publish;

    @Option(names = "--python", description = "Python interpreter for all peers (default: per peer, the first of $KFORGE_PYTHON and the python3 commands on PATH that imports it)")
    String python;

    @Override
    public Integer call() throws Exception {
        PrintWriter log = spec.commandLine().getOut();
        if (kernels) {
            log.flush();
            io.krylovforge.bench.kernels.KernelReport.main(new String[0]);
            return Kforge.EXIT_OK;
        }
        Suite s = Suite.load(suite);
        Path dir = out != null ? out : defaultOut(s.name(), publish);
        java.util.Map<String, String> interpreters = new java.util.LinkedHashMap<>();
        for (String peer : s.peers()) {
            interpreters.put(peer, python != null ? python : findPython(MODULES.getOrDefault(peer, peer)));
        }
        log.println("suite " + s.name() + ": " + s.cases().size() + " cases, peers " + interpreters);
        new BenchRunner(log, dir, interpreters).run(s);
        log.println("results: " + dir.resolve("results.md") + ", " + dir.resolve("results.jsonl"));
        if (publish) {
            Path index = dir.getParent() == null ? Path.of("README.md") : dir.getParent().resolve("README.md");
            String table = java.nio.file.Files.readString(dir.resolve("results.md"));
            String text = "# Latest benchmark results\n\nRegenerate with `./kforge bench --suite " + s.name()
                    + " --publish`. Topic benchmarks (their own files here): skr.md, bandit.md, and the "
                    + "solver/preconditioner tables; see the project README.\n\n" + table.replaceFirst("^# ", "## ");
            io.krylovforge.core.io.AtomicFiles.write(index, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            log.println("published: " + index);
        }
        return Kforge.EXIT_OK;
    }

    /**
     * bench/results/&lt;suite&gt; (committed) only with --publish; else bench/work/&lt;suite&gt;, which git
     * ignores, so a plain run leaves a clean checkout clean.
     */
    static Path defaultOut(String suite, boolean publish) {
        return Path.of("bench", publish ? "results" : "work", suite);
    }

    /** The Python module each peer needs. */
    private static final java.util.Map<String, String> MODULES = java.util.Map.of(
            "scipy", "scipy.sparse.linalg", "petsc", "petsc4py", "pyamg", "pyamg");

    /**
     * The first interpreter that imports {@code module} ({@link PythonLocator}: KFORGE_PYTHON,
     * then each python3 on PATH); petsc4py is also looked for in Debian's PETSc layout.
     */
    private static String findPython(String module) {
        String probe = "import sys, glob\n"
                + "sys.path += glob.glob('/usr/lib/petscdir/*/*-real/lib/python3/dist-packages')\n"
                + "import " + module + ("petsc4py".equals(module) ? "\nfrom petsc4py import PETSc" : "");
        String found = PythonLocator.find(probe);
        return found != null ? found : "python3"; // the peer then reports itself unavailable, with the reason
    }
}
