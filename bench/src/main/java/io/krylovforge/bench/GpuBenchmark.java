package io.krylovforge.bench;

import io.krylovforge.core.backend.BackendUnavailableException;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.gpu.DeviceBackend;
import io.krylovforge.gpu.DeviceOutOfMemoryException;
import io.krylovforge.gpu.Devices;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * CG on device backends: milliseconds per iteration, achieved bandwidth and the ratio to the
 * memory-bandwidth floor, for the 2D 5-point Laplacian on N×N grids, stored as CSR and applied
 * matrix-free. The peer is {@code bench/scripts/cupy_cg.py} (CuPy's CG on the same problem).
 *
 * <p>The solver is the library's {@link ConjugateGradient}, unchanged, on device vectors; b = A·1,
 * x0 = 0, exactly {@code iterations} iterations (rtol 1e-30, so nothing stops early). One warm-up
 * solve of 10 iterations, then {@code reps} timed solves; the best is reported. Upload of A and b
 * is outside the timing; the per-iteration time includes the per-iteration reductions' 8-byte
 * reads back to the host (dot and the fused update), which CG needs to choose its step.
 *
 * <p>Bytes a CG iteration must move (n unknowns, nnz stored entries, 8-byte values, 4-byte
 * indices): SpMV 12·nnz + 4(n+1) + 16n for CSR, 16n matrix-free; pᵀq 16n; fused x, r update and
 * rᵀr 48n; p ← r + βp 24n. Floor = bytes / peak bandwidth (default 3 TB/s, H100 HBM3).
 *
 * <p>Usage: {@code GpuBenchmark [--device cuda,opencl] [--grids 1024,2048,4096]
 * [--iterations 200] [--reps 3] [--peak-gbs 3000] [--csv out.csv]}. A device that is not there
 * is reported with the reason and skipped.
 */
public final class GpuBenchmark {
    private GpuBenchmark() {
    }

    /** One measured row. */
    record Row(String device, int grid, String storage, long n, long nnz, int iterations, double msPerIteration,
            double bytesPerIteration, double gbs, double floorRatio, double finalRelResidual) {
    }

    public static void main(String[] args) throws IOException {
        List<String> devices = List.of("cuda", "opencl");
        int[] grids = {1024, 2048, 4096};
        int iterations = 200;
        int reps = 3;
        double peakGbs = 3000.0;
        Path csv = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--device" -> devices = List.of(require(a, v).split(","));
                case "--grids" -> grids = parseInts(require(a, v));
                case "--iterations" -> iterations = Integer.parseInt(require(a, v));
                case "--reps" -> reps = Integer.parseInt(require(a, v));
                case "--peak-gbs" -> peakGbs = Double.parseDouble(require(a, v));
                case "--csv" -> csv = Path.of(require(a, v));
                default -> throw new IllegalArgumentException("unknown argument " + a
                        + " (expected --device, --grids, --iterations, --reps, --peak-gbs, --csv)");
            }
            i++;
        }
        PrintWriter out = new PrintWriter(System.out, true);
        List<Row> rows = new ArrayList<>();
        out.printf(Locale.ROOT, "# CG on the 2D Laplacian, %d iterations, best of %d; floor at %.0f GB/s%n",
                iterations, reps, peakGbs);
        out.printf(Locale.ROOT, "%-8s %6s %-11s %10s %11s %9s %10s %8s %8s %10s%n", "device", "grid", "operator",
                "n", "nnz", "ms/iter", "MB/iter", "GB/s", "x floor", "rel.res");
        for (String spec : devices) {
            Devices.Selection sel;
            try {
                sel = Devices.backend(spec);
            } catch (BackendUnavailableException e) {
                out.println("# " + spec + " skipped: " + e.getMessage());
                continue;
            }
            try (DeviceBackend dev = sel.backend()) {
                out.println("# " + spec + " = " + dev.description());
                for (int grid : grids) {
                    try {
                        rows.addAll(runGrid(dev, grid, iterations, reps, peakGbs, out));
                    } catch (DeviceOutOfMemoryException e) {
                        out.println("# " + spec + " grid " + grid + " skipped: " + e.getMessage());
                    }
                }
            }
        }
        if (csv != null) {
            writeCsv(csv, rows);
            out.println("# wrote " + csv);
        }
    }

    private static List<Row> runGrid(DeviceBackend dev, int grid, int iterations, int reps, double peakGbs,
            PrintWriter out) {
        List<Row> rows = new ArrayList<>();
        long n = (long) grid * grid;
        CsrMatrix a = SolverBenchmark.convDiff(grid, 0.0); // 5-point Laplacian, unknown (i, j) -> i*N + j
        double[] ones = new double[(int) n];
        Arrays.fill(ones, 1.0);
        double[] b = new double[(int) n];
        a.multiply(ones, b); // b = A 1
        long nnz = a.nnz();
        double vectorBytes = 16.0 * n + 48.0 * n + 24.0 * n;
        Vector db = dev.of(b);
        // the cpu backend has no matrix-free stencil (its laplacian2d is the CSR matrix)
        String[] storages = dev.name().equals("cpu") ? new String[] {"csr"} : new String[] {"csr", "matrix-free"};
        for (String storage : storages) {
            LinearOperator op = storage.equals("csr") ? dev.upload(a) : dev.laplacian2d(grid, grid);
            double spmvBytes = storage.equals("csr") ? 12.0 * nnz + 4.0 * (n + 1) + 16.0 * n : 16.0 * n;
            double bytes = spmvBytes + vectorBytes;
            Vector x = dev.zeros((int) n);
            ConjugateGradient cg = new ConjugateGradient();
            SolverOptions warm = SolverOptions.defaults().withRtol(1e-30).withMaxIterations(10);
            cg.solve(op, db, x, warm);
            SolverOptions timed = warm.withMaxIterations(iterations);
            double best = Double.MAX_VALUE;
            SolveResult last = null;
            for (int r = 0; r < reps; r++) {
                x.fill(0.0);
                long t0 = System.nanoTime();
                last = cg.solve(op, db, x, timed);
                x.dot(x); // the last kernels have finished once this returns (a blocking read)
                long t1 = System.nanoTime();
                best = Math.min(best, (t1 - t0) / 1e6 / Math.max(1, last.iterations()));
            }
            double gbs = bytes / (best * 1e-3) / 1e9;
            double floorMs = bytes / (peakGbs * 1e9) * 1e3;
            double rel = last.residualNorm() / db.norm2();
            Row row = new Row(dev.name(), grid, storage, n, storage.equals("csr") ? nnz : 0, last.iterations(),
                    best, bytes, gbs, best / floorMs, rel);
            rows.add(row);
            out.printf(Locale.ROOT, "%-8s %6d %-11s %10d %11d %9.4f %10.1f %8.1f %8.2f %10.3e%n", row.device(),
                    grid, storage, n, row.nnz(), best, bytes / 1e6, gbs, row.floorRatio(), rel);
        }
        return rows;
    }

    private static void writeCsv(Path csv, List<Row> rows) throws IOException {
        StringBuilder sb = new StringBuilder(
                "device,grid,operator,n,nnz,iterations,ms_per_iteration,bytes_per_iteration,gbs,floor_ratio,rel_residual\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%d,%.6f,%.0f,%.2f,%.3f,%.6e%n", r.device(), r.grid(),
                    r.storage(), r.n(), r.nnz(), r.iterations(), r.msPerIteration(), r.bytesPerIteration(), r.gbs(),
                    r.floorRatio(), r.finalRelResidual()));
        }
        Files.writeString(csv, sb.toString());
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static int[] parseInts(String s) {
        String[] parts = s.split(",");
        int[] v = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Integer.parseInt(parts[i].trim());
        }
        return v;
    }
}
