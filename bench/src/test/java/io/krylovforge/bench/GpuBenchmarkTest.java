package io.krylovforge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.gpu.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GpuBenchmark runs end to end on a tiny grid (OpenCL when present, cpu always). */
class GpuBenchmarkTest {
    @Test
    void writesOneRowPerDeviceGridAndOperator(@TempDir Path dir) throws Exception {
        boolean opencl = Devices.list().stream().anyMatch(d -> d.backend().equals("opencl") && d.usable());
        Path csv = dir.resolve("gpu.csv");
        GpuBenchmark.main(new String[] {"--device", "opencl,cpu", "--grids", "16,33", "--iterations", "5",
            "--reps", "1", "--csv", csv.toString()});
        List<String> lines = Files.readAllLines(csv);
        // cpu: csr only; opencl: csr and matrix-free
        assertEquals(1 + 2 + (opencl ? 4 : 0), lines.size(), String.join("\n", lines));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals("5", f[5], line); // exactly the requested iterations
            double ms = Double.parseDouble(f[6]);
            assertTrue(ms > 0 && Double.isFinite(ms), line);
            double rel = Double.parseDouble(f[10]);
            assertTrue(rel > 0 && rel < 1, "5 CG iterations reduce the residual: " + line);
        }
    }
}
