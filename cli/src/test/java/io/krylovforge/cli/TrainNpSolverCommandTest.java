package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.poisson.NeuralPoissonNet;
import io.krylovforge.learned.poisson.NeuralPoissonWeights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainNpSolverCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void trainsReproduciblyAndRejectsBadOptions(@TempDir Path dir) throws Exception {
        String[] tiny = {"--domains", "2", "--mesh-h", "0.15", "--layers", "2", "--steps", "5", "--seed", "3"};
        Path a = dir.resolve("a.kfw");
        Path b = dir.resolve("b.kfw");
        Run r = run(concat(new String[] {"train", "npsolver", "--out", a.toString()}, tiny));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("wrote"), r.out());
        assertEquals(0, run(concat(new String[] {"train", "npsolver", "--out", b.toString()}, tiny)).exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same command, same bytes");
        NeuralPoissonNet net = NeuralPoissonWeights.read(a, NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16));
        assertEquals(NeuralPoissonNet.parameterCount(NeuralPoissonNet.Size.defaults().withBlocks(2).withHidden(16)), net.parameterCount());

        Run narrow = run("train", "npsolver", "--out", dir.resolve("c.kfw").toString(), "--hidden", "8");
        assertEquals(2, narrow.exit());
        assertTrue(narrow.err().contains("hidden width must be >= 16"), narrow.err());
        Run coarse = run("train", "npsolver", "--out", dir.resolve("d.kfw").toString(), "--mesh-h", "2");
        assertEquals(2, coarse.exit());
        assertTrue(coarse.err().contains("--mesh-h"), coarse.err());
        assertEquals(2, run("train", "nope", "--out", dir.resolve("e.kfw").toString()).exit());
    }

    private static String[] concat(String[] x, String[] y) {
        String[] z = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, z, x.length, y.length);
        return z;
    }
}
