package io.krylovforge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.gpu.Devices;
import io.krylovforge.learned.Architecture;
import io.krylovforge.learned.DcdmShape;
import io.krylovforge.learned.Grid;
import io.krylovforge.learned.ConvNet;
import io.krylovforge.learned.Weights;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GpuDcdmBenchmark runs end to end on tiny 3D grids (cpu always, OpenCL when present). */
class GpuDcdmBenchmarkTest {

    private static List<String[]> rows(String out) {
        return out.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).map(l -> l.split("\\s*\\|\\s*")).toList();
    }

    private static String run(String... args) {
        StringWriter sw = new StringWriter();
        assertEquals(0, GpuDcdmBenchmark.run(args, new PrintWriter(sw, true)), sw.toString());
        return sw.toString();
    }

    @Test
    void oneRowPerGridWithCappedDcdmAndConvergedCg(@TempDir Path dir) {
        boolean opencl = Devices.list().stream().anyMatch(d -> d.backend().equals("opencl") && d.usable());
        Path w = dir.resolve("net3d.kfw");
        Weights.write(w, new ConvNet(Architecture.dcdm(new Grid(6, 6, 6), DcdmShape.defaults().withChannels(4).withBlocks(1, 1, 1)), 3));
        for (String device : opencl ? new String[] {"cpu", "opencl"} : new String[] {"cpu"}) {
            String out = run(device, "6,7", "--max-iterations", "3", "--reps", "1", "--blocks", "1,1,1");
            List<String[]> rows = rows(out);
            assertEquals(2, rows.size(), out);
            for (String[] f : rows) { // f[0] is empty (leading '|')
                assertTrue(Double.parseDouble(f[3]) > 0, out); // forward ms
                assertTrue(Integer.parseInt(f[6]) <= 3, "DCDM capped at 3: " + out);
                assertTrue(Integer.parseInt(f[10]) > 0, out); // CG iterations
            }
            String withWeights = run(device, "5", "--weights", w.toString(), "--max-iterations", "2", "--reps", "1");
            assertTrue(withWeights.contains("net3d.kfw (3D, 4 channels, 7 convolutions)"), withWeights);
            assertEquals(1, rows(withWeights).size(), withWeights);
        }
        StringWriter bad = new StringWriter();
        assertEquals(2, GpuDcdmBenchmark.run(new String[] {"tpu", "8"}, new PrintWriter(bad, true)));
        assertEquals(2, GpuDcdmBenchmark.run(new String[] {"cpu"}, new PrintWriter(bad, true)));
    }
}
