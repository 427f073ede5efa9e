package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code kforge solve --precond cholesky}: exact Cholesky as preconditioner. */
class CholeskyPreconditionerCliTest {
    private static final Path MATRICES = Path.of(System.getProperty("krylovforge.shared", "../../shared"), "matrices");
    private static final Path CORPUS = Path.of("src", "test", "resources", "public-matrices");

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    private static double number(String out, String label) {
        Matcher m = Pattern.compile(label + "\\s+(\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void cgWithCholeskyPreconditionerConvergesAtOnce() {
        String[] r = run("solve", MATRICES.resolve("Laplace3D10.mtx").toString(), "--solver", "cg",
                "--precond", "cholesky");
        assertEquals("0", r[0], r[1] + r[2]);
        assertTrue(r[1].contains("cholesky"), r[1]);
        assertTrue(number(r[1], "rel\\. residual") < 1e-8, r[1]);
        assertTrue(number(r[1], "iterations") <= 2, r[1]);
    }

    @Test
    void anIndefiniteMatrixGivesAOneLineReasonNotATrace() {
        String[] r = run("solve", CORPUS.resolve("tumorAntiAngiogenesis_2.mtx").toString(), "--solver", "gmres",
                "--precond", "cholesky");
        assertNotEquals("0", r[0], r[1] + r[2]);
        String all = r[1] + r[2];
        assertTrue(all.contains("cholesky") && all.contains("column"), all);
        assertFalse(all.contains("Exception") || all.contains("\tat "), all);
    }
}
