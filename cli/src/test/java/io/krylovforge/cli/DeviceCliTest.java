package io.krylovforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.gpu.DeviceInfo;
import io.krylovforge.gpu.Devices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kforge devices} and {@code kforge solve --device}. */
class DeviceCliTest {
    private static final Path MATRICES = Path.of(System.getProperty("krylovforge.shared", "../../shared"))
            .resolve("matrices");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Kforge.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void devicesListsCpuAndEachBackend() {
        Run r = run("devices");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("cpu"), r.out());
        assertTrue(r.out().contains("cuda"), r.out());
        assertTrue(r.out().contains("opencl"), r.out());
    }

    @Test
    void solveOnOpenClMatchesTheCpuSolve() {
        DeviceInfo cl = Devices.list().stream().filter(d -> d.backend().equals("opencl") && d.usable())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(cl != null, "no OpenCL device with fp64");
        String matrix = MATRICES.resolve("494_bus.mtx").toString();
        Run dev = run("solve", matrix, "--solver", "cg", "--device", cl.spec(), "--rtol", "1e-8");
        assertEquals(0, dev.exit(), dev.out() + dev.err());
        assertTrue(dev.out().contains("device        " + cl.spec()), dev.out());
        Matcher m = Pattern.compile("rel\\. residual (\\S+)").matcher(dev.out());
        assertTrue(m.find(), dev.out());
        assertTrue(Double.parseDouble(m.group(1)) <= 1e-8, dev.out());
        Run jac = run("solve", matrix, "--solver", "cg", "--device", cl.spec(), "--precond", "jacobi");
        assertEquals(0, jac.exit(), jac.out() + jac.err());
        assertTrue(jac.out().contains("preconditioner jacobi"), jac.out());
        Run cpu = run("solve", matrix, "--solver", "cg");
        assertTrue(cpu.out().contains("device        cpu"), cpu.out());
    }

    @Test
    void dcdmRunsItsNetworkOnOpenCl(@TempDir Path dir) throws Exception {
        DeviceInfo cl = Devices.list().stream().filter(d -> d.backend().equals("opencl") && d.usable())
                .findFirst().orElse(null);
        Assumptions.assumeTrue(cl != null, "no OpenCL device with fp64");
        Path a = dir.resolve("poisson40.mtx");
        MatrixMarket.write(a, Stencils.laplacian2d(40, 40), "2D Poisson 40x40");
        Run dev = run("solve", a.toString(), "--solver", "dcdm", "--device", cl.spec(), "--rtol", "1e-4");
        assertEquals(0, dev.exit(), dev.out() + dev.err());
        assertTrue(dev.out().contains("device        " + cl.spec()), dev.out());
        Run cpu = run("solve", a.toString(), "--solver", "dcdm", "--rtol", "1e-4");
        assertEquals(0, cpu.exit(), cpu.out() + cpu.err());
        double rel = residual(dev.out());
        assertTrue(rel <= 1e-4, dev.out());
        // the device network gives the CPU's directions to rounding: same iterations (±1)
        assertEquals(iterations(cpu.out()), iterations(dev.out()), 1.0, dev.out() + cpu.out());
    }

    private static double residual(String out) {
        Matcher m = Pattern.compile("rel\\. residual (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    private static int iterations(String out) {
        Matcher m = Pattern.compile("(?m)^  iterations\\s+(\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void deviceErrorsAreOneLineUserErrors() {
        String matrix = MATRICES.resolve("494_bus.mtx").toString();
        Run bogus = run("solve", matrix, "--device", "tpu");
        assertEquals(2, bogus.exit());
        assertTrue(bogus.err().contains("unknown device 'tpu'"), bogus.err());
        Run pc = run("solve", matrix, "--device", "opencl", "--precond", "ilu0");
        assertEquals(2, pc.exit());
        assertTrue(pc.err().contains("cpu only"), pc.err());
        boolean cuda = Devices.list().stream().anyMatch(d -> d.backend().equals("cuda") && d.usable());
        if (!cuda) {
            Run r = run("solve", matrix, "--device", "cuda");
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().startsWith("kforge: error: --device cuda: cuda: "), r.err());
        }
    }

    @Test
    void withoutAnOpenClLoaderDevicesStaysQuietAndSolveSaysWhatToInstall(@TempDir Path dir) {
        // points the loader check at a missing library, as on a machine without ocl-icd
        String key = "krylovforge.opencl.loader";
        String old = System.getProperty(key);
        System.setProperty(key, dir.resolve("libOpenCL.so").toString());
        try {
            Run list = run("devices");
            assertEquals(0, list.exit(), list.err());
            assertEquals("", list.err());
            assertTrue(list.out().contains("no OpenCL loader"), list.out());
            assertTrue(list.out().contains("ocl-icd-libopencl1"), list.out());
            Run solve = run("solve", MATRICES.resolve("494_bus.mtx").toString(), "--device", "opencl");
            assertEquals(2, solve.exit(), solve.err());
            assertTrue(solve.err().startsWith("kforge: error: --device opencl: opencl: no OpenCL loader ("), solve.err());
            assertTrue(solve.err().contains("pocl-opencl-icd"), solve.err());
            assertEquals(1, solve.err().strip().lines().count(), solve.err());
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }
}
