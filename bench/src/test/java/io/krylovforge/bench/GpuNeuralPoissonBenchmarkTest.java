package io.krylovforge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.gpu.Devices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GpuNeuralPoissonBenchmark runs end to end on coarse meshes (cpu always, OpenCL when present). */
class GpuNeuralPoissonBenchmarkTest {

    private static List<String[]> rows(String out) {
        return out.lines().filter(l -> l.matches("\\| 0\\.\\d+ \\|.*")).map(l -> l.split("\\s*\\|\\s*")).toList();
    }

    @Test
    void oneRowPerMeshSizeWithMatchingPredictionsAndFewerIterations() {
        boolean opencl = Devices.list().stream().anyMatch(d -> d.backend().equals("opencl") && d.usable());
        for (String device : opencl ? new String[] {"cpu", "opencl"} : new String[] {"cpu"}) {
            StringWriter sw = new StringWriter();
            assertEquals(0, GpuNeuralPoissonBenchmark.run(new String[] {device, "--h", "0.1,0.08", "--samples", "1",
                    "--reps", "1"}, new PrintWriter(sw, true)), sw.toString());
            String out = sw.toString();
            List<String[]> rows = rows(out);
            assertEquals(2, rows.size(), out);
            for (String[] f : rows) { // f[0] is empty (leading '|')
                assertTrue(Double.parseDouble(f[6]) > 0, out); // device ms
                assertTrue(Double.parseDouble(f[10]) <= 1e-10, "device vs host: " + out);
                assertTrue(Double.parseDouble(f[12]) < Double.parseDouble(f[11]) / 2, "warm start: " + out);
            }
        }
        StringWriter bad = new StringWriter();
        assertEquals(2, GpuNeuralPoissonBenchmark.run(new String[] {"tpu"}, new PrintWriter(bad, true)));
        assertEquals(2, GpuNeuralPoissonBenchmark.run(new String[] {}, new PrintWriter(bad, true)));
    }
}
