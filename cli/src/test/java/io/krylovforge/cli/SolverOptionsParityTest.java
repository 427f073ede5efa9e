package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** {@code generate} and {@code sequence} accept exactly the solver options of {@code solve}, with the same checks. */
class SolverOptionsParityTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private static Set<String> solverOptionNames(String command) {
        CommandLine sub = new CommandLine(new Kforge()).getSubcommands().get(command);
        CommandLine mixin = new CommandLine(new SolverSpecOptions());
        Set<String> shared = new TreeSet<>();
        for (OptionSpec o : mixin.getCommandSpec().options()) {
            shared.addAll(List.of(o.names()));
        }
        Set<String> have = new TreeSet<>();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            for (String n : o.names()) {
                if (shared.contains(n)) {
                    have.add(n);
                }
            }
        }
        assertEquals(shared, have, command + " lacks some of the shared solver options");
        return have;
    }

    @Test
    void theThreeCommandsShareTheSolverOptions() {
        Set<String> solve = solverOptionNames("solve");
        assertTrue(solve.containsAll(List.of("--solver", "--precond", "--rtol", "--atol", "--dtol", "--max-iterations",
                "--restart", "--recycle", "--refresh-every", "--omega", "--device")), solve.toString());
        assertEquals(solve, solverOptionNames("generate"));
        assertEquals(solve, solverOptionNames("sequence"));
    }

    @Test
    void badSolverOptionsGetTheSameOneLineErrorEverywhere(@TempDir Path dir) {
        String matrix = Path.of(System.getProperty("krylovforge.shared", "../../shared"), "matrices", "testmat0.mtx")
                .toString();
        String[][] bad = {{"--rtol", "2"}, {"--dtol", "0.5"}, {"--solver", "nope"}, {"--precond", "ilu9"},
            {"--max-iterations", "-3"}, {"--device", "tpu"}};
        for (String[] option : bad) {
            Run solve = run("solve", matrix, option[0], option[1]);
            Run generate = run("generate", "--family", "darcy", "--samples", "2", "--out", dir.resolve("g").toString(),
                    option[0], option[1]);
            Run sequence = run("sequence", "--family", "darcy", "--samples", "2", option[0], option[1]);
            for (Run r : List.of(solve, generate, sequence)) {
                assertEquals(2, r.exit(), option[0] + ": " + r.out() + r.err());
                assertEquals(1, r.err().strip().lines().count(), r.err());
                assertTrue(r.err().contains(option[1]), r.err());
            }
            assertEquals(solve.err(), generate.err(), option[0]);
            assertEquals(solve.err(), sequence.err(), option[0]);
        }
        assertTrue(!Files.exists(dir.resolve("g").resolve("manifest.json")), "nothing written for bad options");
    }
}
