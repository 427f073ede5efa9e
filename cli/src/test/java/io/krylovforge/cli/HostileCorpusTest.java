package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile-input corpus (issue #20): small files generated here (gzip bombs are concatenated
 * members of one compressed block, so nothing large is written or committed), each given to the
 * real {@code kforge} main in a child JVM with a 256 MiB heap. Every case must end with exit 2
 * (bad input) or 3 (not converged), exactly one line on stderr naming the file (or option) at
 * fault, no stack trace, within a generous per-case time bound.
 */
class HostileCorpusTest {
    private static final String GENERAL = "%%MatrixMarket matrix coordinate real general\n";
    private static final String SYMMETRIC = "%%MatrixMarket matrix coordinate real symmetric\n";

    @TempDir
    static Path dir;

    /** One hostile run: arguments, the exit code expected and a fragment its stderr line must contain. */
    private record Case(String name, int exit, String fragment, String... args) {
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEndsWithOneLineAndExitTwoOrThree() throws IOException {
        List<Case> cases = corpus();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
    }

    private static void check(Case c) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Kforge.class.getName()));
        cmd.addAll(Arrays.asList(c.args()));
        Path out = dir.resolve(c.name() + ".stdout");
        Path err = dir.resolve(c.name() + ".stderr");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.waitFor(); // a hang is caught by the build's per-module test time limit, not by a clock here
        String stderr = Files.readString(err, StandardCharsets.ISO_8859_1).strip();
        String report = c.name() + " -> exit " + p.exitValue() + ", stderr: " + stderr;
        System.out.println("corpus " + report); // the case list and outcomes, for the CI log
        assertEquals(c.exit(), p.exitValue(), report);
        assertEquals(1, stderr.lines().count(), report);
        assertTrue(stderr.contains(c.fragment()), report);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat ") || stderr.contains("Error:"), report);
        assertTrue(stderr.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f), "printable only: " + report);
    }

    private static List<Case> corpus() throws IOException {
        List<Case> c = new ArrayList<>();
        byte[] mib = new byte[1 << 20];
        Path ok = text("ok.mtx", SYMMETRIC + "3 3 5\n1 1 4\n2 1 -1\n2 2 4\n3 2 -1\n3 3 4\n");

        // 1. sizes taken from the header alone
        c.add(solve("rows-2e9", 2, text("rows-2e9.mtx", GENERAL + "2000000000 2000000000 1\n1 1 1\n")));
        c.add(solve("nnz-2e9", 2, text("nnz-2e9.mtx", GENERAL + "100000 100000 2000000000\n1 1 1\n")));
        c.add(solve("symmetric-1e9", 2, text("symmetric-1e9.mtx", SYMMETRIC + "100000 100000 1000000000\n1 1 1\n")));
        c.add(solve("nnz-3e8-three-lines", 2, text("nnz-3e8-three-lines.mtx", GENERAL + "3 3 300000000\n1 1 1\n")));
        c.add(solve("nnz-3e8-gzip", 2, file("nnz-3e8-gzip.mtx.gz", gzip(GENERAL + "1000 1000 300000000\n1 1 1\n"))));
        c.add(new Case("rhs-2e9", 2, "rhs-2e9.mtx", "solve", ok.toString(), "--rhs",
                text("rhs-2e9.mtx", "%%MatrixMarket matrix array real general\n2000000000 1\n1\n").toString()));
        c.add(new Case("rhs-2e9-gzip", 2, "rhs-2e9-gzip.mtx.gz", "solve", ok.toString(), "--rhs",
                file("rhs-2e9-gzip.mtx.gz", gzip("%%MatrixMarket vector coordinate real general\n2000000000\n1 1\n"))
                        .toString()));
        c.add(solve("dense-9e8", 2, text("dense-9e8.mtx", "%%MatrixMarket matrix array real general\n30000 30000\n1\n")));

        // 2. long lines and tokens (512 MiB expanded from about half a megabyte)
        Arrays.fill(mib, (byte) 'x');
        c.add(solve("comment-bomb", 2, bomb("comment-bomb.mtx.gz", GENERAL + "%", mib, 512, "\n2 2 1\n1 1 1\n")));
        c.add(solve("first-line-bomb", 2, bomb("first-line-bomb.mtx.gz", "", mib, 512, "")));
        c.add(solve("nul-bomb", 2, bomb("nul-bomb.mtx.gz", GENERAL + "2 2 1\n", new byte[1 << 20], 512, "")));
        byte[] digits = new byte[1 << 20];
        Arrays.fill(digits, (byte) '7');
        c.add(solve("long-number", 2, bomb("long-number.mtx.gz", GENERAL + "2 2 1\n1 1 ", digits, 64, "\n")));
        Path sparse = dir.resolve("sparse-3g.mtx"); // 3 GiB of NUL bytes that take no disk space
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        c.add(solve("sparse-3g-no-newline", 2, sparse));

        // 3. not a (readable) Matrix Market file
        c.add(solve("directory", 2, Files.createDirectories(dir.resolve("folder.mtx"))));
        c.add(solve("missing", 2, dir.resolve("missing.mtx")));
        c.add(solve("empty", 2, file("empty.mtx", new byte[0])));
        c.add(solve("gzip-bad-method", 2, file("gzip-bad-method.mtx.gz", new byte[] {0x1f, (byte) 0x8b, 9, 0, 0, 0, 0, 0, 0, 0})));
        c.add(solve("gzip-short-header", 2, file("gzip-short-header.mtx.gz", new byte[] {0x1f, (byte) 0x8b, 8})));
        byte[] whole = gzip(GENERAL + "3 3 3\n1 1 1\n2 2 1\n3 3 1\n");
        c.add(solve("gzip-truncated", 2, file("gzip-truncated.mtx.gz", Arrays.copyOf(whole, whole.length - 12))));
        byte[] junk = new byte[4096];
        new SplittableRandom(20).nextBytes(junk);
        c.add(solve("binary-garbage", 2, file("binary-garbage.mtx", junk)));
        c.add(solve("terminal-escapes", 2, text("terminal-escapes.mtx", GENERAL + "2 2 1\n1 1 \u001b[2J\u001b[31m\n")));

        // 4. malformed content
        c.add(solve("zero-by-zero", 2, text("zero-by-zero.mtx", GENERAL + "0 0 0\n")));
        c.add(solve("symmetric-pair-twice", 2, text("symmetric-pair-twice.mtx",
                SYMMETRIC + "2 2 4\n1 1 4\n2 1 1\n2 2 4\n1 2 1\n")));
        c.add(solve("nan-value", 2, text("nan-value.mtx", GENERAL + "2 2 2\n1 1 NaN\n2 2 1\n")));
        c.add(solve("index-out-of-range", 2, text("index-out-of-range.mtx", GENERAL + "2 2 1\n3 1 1\n")));
        c.add(solve("negative-size", 2, text("negative-size.mtx", GENERAL + "-2 2 1\n1 1 1\n")));
        c.add(solve("size-overflow", 2, text("size-overflow.mtx", GENERAL + "99999999999999999999 2 1\n1 1 1\n")));
        c.add(solve("complex", 2, text("complex.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n")));
        c.add(solve("not-square", 2, text("not-square.mtx", GENERAL + "2 3 2\n1 1 1\n2 2 1\n")));
        c.add(solve("extra-data", 2, text("extra-data.mtx", GENERAL + "1 1 1\n1 1 1\n1 1 1\n")));

        // 5. options and other files
        c.add(new Case("out-into-missing-directory", 2, "x.mtx", "solve", ok.toString(), "--out",
                dir.resolve("nowhere/x.mtx").toString()));
        c.add(new Case("weights-directory", 2, "wdir.kfw", "solve", text("lap2.mtx", SYMMETRIC
                + "4 4 8\n1 1 4\n2 1 -1\n2 2 4\n3 1 -1\n3 3 4\n4 2 -1\n4 3 -1\n4 4 4\n").toString(),
                "--solver", "dcdm", "--weights", Files.createDirectories(dir.resolve("wdir.kfw")).toString()));
        c.add(new Case("weights-garbage", 2, "junk.kfw", "solve", dir.resolve("lap2.mtx").toString(),
                "--solver", "dcdm", "--weights", file("junk.kfw", junk).toString()));
        c.add(new Case("max-iterations-negative", 2, "--max-iterations", "solve", ok.toString(), "--max-iterations", "-5"));
        c.add(new Case("rtol-two", 2, "--rtol", "solve", ok.toString(), "--rtol", "2"));
        c.add(new Case("generate-resolution-30000", 2, "--resolution 30000", "generate", "--family", "darcy",
                "--resolution", "30000", "--samples", "1", "--out", dir.resolve("data").toString()));

        // 6. numerically hostile: honest non-convergence (exit 3), never a hang
        c.add(new Case("singular-rhs-outside-range", 3, "singular.mtx", "solve",
                text("singular.mtx", GENERAL + "2 2 1\n1 1 1\n").toString(), "--rhs",
                text("b-ones.mtx", "%%MatrixMarket matrix array real general\n2 1\n1\n1\n").toString()));
        StringBuilder lap = new StringBuilder(SYMMETRIC + "200 200 399\n");
        for (int i = 1; i <= 200; i++) {
            lap.append(i).append(' ').append(i).append(" 2\n");
            if (i > 1) {
                lap.append(i).append(' ').append(i - 1).append(" -1\n");
            }
        }
        c.add(new Case("gmres-unreachable-rtol", 3, "lap200.mtx", "solve", text("lap200.mtx", lap.toString()).toString(),
                "--solver", "gmres", "--rtol", "1e-300", "--max-iterations", "2000000000"));
        c.add(new Case("cg-nonsymmetric", 3, "cg needs a symmetric matrix", "solve", text("nonsym.mtx",
                GENERAL + "3 3 5\n1 1 1\n2 1 -3\n2 2 1\n3 2 -3\n3 3 1\n").toString(), "--solver", "cg",
                "--max-iterations", "2"));
        if (Files.isReadable(Path.of("/dev/zero"))) {
            c.add(solve("dev-zero", 2, Path.of("/dev/zero")));
        }
        return c;
    }

    /** {@code kforge solve file}: exit {@code exit}, the stderr line names the file. */
    private static Case solve(String name, int exit, Path file) {
        return new Case(name, exit, file.getFileName().toString(), "solve", file.toString());
    }

    private static Path text(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] gzip(String s) throws IOException {
        return gzip(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(b)) {
            gz.write(data);
        }
        return b.toByteArray();
    }

    /** Gzip members: head, {@code repeat} copies of one compressed {@code block}, tail. */
    private static Path bomb(String name, String head, byte[] block, int repeat, String tail) throws IOException {
        byte[] member = gzip(block);
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            out.write(gzip(head));
            for (int k = 0; k < repeat; k++) {
                out.write(member);
            }
            out.write(gzip(tail));
        }
        return p;
    }
}
