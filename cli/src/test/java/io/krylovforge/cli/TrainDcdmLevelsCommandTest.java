package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.DcdmShape;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Weights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kforge train dcdm} with several pooling levels ({@code --blocks} of 2L+1) and {@code --reference-grid}. */
class TrainDcdmLevelsCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void twoLevelNetWithReferenceGridTrainsReproducibly(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.kfw");
        Path b = dir.resolve("b.kfw");
        String[] cmd = {"train", "dcdm", "--dims", "2", "--grid", "12", "--reference-grid", "8", "--blocks", "0,1,1,1,0",
            "--samples", "4", "--epochs", "1", "--lanczos", "10", "--batch", "2", "--seed", "2", "--out", a.toString()};
        Run r = run(cmd);
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("wrote"), r.out());
        cmd[cmd.length - 1] = b.toString();
        assertEquals(0, run(cmd).exit());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b), "same command, same bytes");
        ConvNet net = Weights.read(a);
        assertEquals(Architecture.dcdm(new Grid(8, 8, 1), DcdmShape.defaults().withBlocks(0, 1, 1, 1, 0)), net.architecture());

        Run even = run("train", "dcdm", "--grid", "8", "--blocks", "1,1,1,1", "--out", dir.resolve("c.kfw").toString());
        assertEquals(2, even.exit());
        assertTrue(even.err().contains("--blocks wants 2L+1 numbers"), even.err());
        Run ref = run("train", "dcdm", "--grid", "8", "--reference-grid", "9", "--out", dir.resolve("d.kfw").toString());
        assertEquals(2, ref.exit());
        assertTrue(ref.err().contains("--reference-grid"), ref.err());
    }
}
