package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #20's command-line defects, each run in process: one clear line, the right exit code. */
class HostileInputCliTest {
    private static final String SPD = "%%MatrixMarket matrix coordinate real symmetric\n3 3 5\n"
            + "1 1 4\n2 1 -1\n2 2 4\n3 2 -1\n3 3 4\n";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Exit 2, exactly one line on stderr containing {@code fragment}, no stack trace, no report. */
    private static void badInput(Run r, String fragment) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(fragment), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(r.out().contains("stop reason"), "must fail before solving: " + r.out());
    }

    @Test
    void unknownCommandSuggestsHelpWithOneSpace() {
        Run r = run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Try 'kforge --help'"), r.err());
        assertTrue(run("solve", "--frob").err().contains("Try 'kforge solve --help'"));
    }

    @Test
    void badNumbersNameTheOption() throws Exception {
        Path a = write("a.mtx", SPD);
        badInput(run("solve", a.toString(), "--max-iterations", "-5"), "--max-iterations must be >= 0, got -5");
        badInput(run("solve", a.toString(), "--rtol", "2"), "--rtol must be in [0, 1)");
        badInput(run("solve", a.toString(), "--rtol", "NaN"), "--rtol must be in [0, 1)");
        badInput(run("solve", a.toString(), "--rtol", "0"), "--rtol and --atol are both 0");
        badInput(run("solve", a.toString(), "--restart", "0"), "--restart must be >= 1");
    }

    @Test
    void anEmptyMatrixIsNotAConvergedSolve() throws Exception {
        Path a = write("empty.mtx", "%%MatrixMarket matrix coordinate real general\n0 0 0\n");
        badInput(run("solve", a.toString()), "empty.mtx: matrix is 0x0");
    }

    @Test
    void outputIntoAMissingDirectoryFailsBeforeTheSolve() throws Exception {
        Path a = write("a.mtx", SPD);
        Run r = run("solve", a.toString(), "--out", dir.resolve("no/such/x.mtx").toString());
        badInput(r, "does not exist");
        assertTrue(r.err().contains("--out") && r.err().contains("x.mtx"), r.err());
        badInput(run("solve", a.toString(), "--json", dir.toString()), "is a directory");
    }

    @Test
    void rhsOfTheWrongLengthIsRefusedFromItsSizeLine() throws Exception {
        Path a = write("a.mtx", SPD);
        Path b = write("b.mtx", "%%MatrixMarket matrix array real general\n2000000000 1\n1\n");
        badInput(run("solve", a.toString(), "--rhs", b.toString()), "b.mtx:2: the vector has 2000000000 entries but 3");
    }

    @Test
    void infoDoesNotSuggestIlu0ForZeroDiagonals() throws Exception {
        Path a = write("z.mtx", "%%MatrixMarket matrix coordinate real general\n3 3 4\n1 2 1\n2 1 1\n2 3 2\n3 3 1\n");
        Run r = run("info", a.toString());
        assertEquals(0, r.exit(), r.err());
        String suggestion = r.out().lines().filter(l -> l.contains("suggestion")).findFirst().orElseThrow();
        assertFalse(suggestion.contains("--precond ilu0"), suggestion);
        assertTrue(suggestion.contains("2 zero diagonal entries"), suggestion);
    }

    @Test
    void cgOnANonsymmetricMatrixSaysItNeedsSymmetry() throws Exception {
        // convection-dominated upwind stencil: nonsymmetric, CG cannot converge in 3 iterations
        StringBuilder s = new StringBuilder("%%MatrixMarket matrix coordinate real general\n20 20 58\n");
        for (int i = 1; i <= 20; i++) {
            s.append(i).append(' ').append(i).append(" 1\n");
            if (i > 1) {
                s.append(i).append(' ').append(i - 1).append(" -3\n");
            }
            if (i < 20) {
                s.append(i).append(' ').append(i + 1).append(" 0.5\n");
            }
        }
        Path a = write("ns.mtx", s.toString());
        Run r = run("solve", a.toString(), "--solver", "cg", "--max-iterations", "3");
        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("cg needs a symmetric matrix"), r.out());
        Run g = run("solve", a.toString(), "--solver", "gmres", "--max-iterations", "3");
        assertFalse(g.out().contains("needs a symmetric matrix"), g.out());
        // A symmetric factorisation of a nonsymmetric matrix points to LU, not to an ill-conditioned matrix.
        Run l = run("solve", a.toString(), "--solver", "ldlt");
        assertEquals(3, l.exit(), l.out() + l.err());
        assertTrue(l.out().contains("ldlt needs a symmetric matrix") && l.out().contains("--solver lu or auto"), l.out());
    }

    @Test
    void plainBenchRunsDoNotWriteIntoTheCommittedResults() {
        assertEquals(Path.of("bench", "work", "quick"), BenchCommand.defaultOut("quick", false));
        assertEquals(Path.of("bench", "results", "quick"), BenchCommand.defaultOut("quick", true));
    }

    @Test
    void hugeResolutionsAreRefusedWithTheMemoryTheyNeed() {
        Run g = run("generate", "--family", "darcy", "--resolution", "30000", "--samples", "1",
                "--out", dir.resolve("d").toString());
        badInput(g, "--resolution 30000 needs about");
        assertTrue(g.err().contains("Java heap is at most"), g.err());
        badInput(run("sequence", "--family", "darcy", "--n", "50000", "--samples", "2"), "more than one Java array");
    }

    @Test
    void weightsMustBeAFileForTheMatrixGrid() throws Exception {
        // 8x8 2D Laplacian: n = 64 is also 4x4x4, but its 5-point rows say 2D
        StringBuilder s = new StringBuilder();
        int count = 0;
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 8; i++) {
                int row = j * 8 + i + 1;
                s.append(row).append(' ').append(row).append(" 4\n");
                count++;
                if (i > 0) {
                    s.append(row).append(' ').append(row - 1).append(" -1\n");
                    count++;
                }
                if (j > 0) {
                    s.append(row).append(' ').append(row - 8).append(" -1\n");
                    count++;
                }
            }
        }
        Path a = write("lap8.mtx", "%%MatrixMarket matrix coordinate real symmetric\n64 64 " + count + "\n" + s);
        Path w3 = dir.resolve("w3.kfw");
        Files.write(w3, io.krylovforge.learned.WeightsFile.readResource(io.krylovforge.learned.Weights.class,
                io.krylovforge.learned.Dcdm.POISSON_3D_WEIGHTS));
        badInput(run("solve", a.toString(), "--solver", "dcdm", "--weights", w3.toString()),
                "the weights are for a 3D grid");
        Path folder = Files.createDirectory(dir.resolve("wdir.kfw"));
        badInput(run("solve", a.toString(), "--solver", "dcdm", "--weights", folder.toString()), "is a directory");
    }
}
