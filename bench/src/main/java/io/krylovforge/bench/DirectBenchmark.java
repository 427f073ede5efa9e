package io.krylovforge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.krylovforge.bench.harness.PythonLocator;
import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.io.SymmetryStorage;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.mesh.family.DarcyFamily;
import io.krylovforge.mesh.grid.CoefficientScheme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Sparse Cholesky against SciPy {@code spsolve} and PETSc's Cholesky (nested dissection), same
 * matrices, same run: every case is exported to Matrix Market and {@code bench/scripts/direct_peers.py}
 * times the peers on those files right after the Java measurements.
 *
 * <p>Cases: 2D 5-point Laplacian and Darcy ({@code mesh}'s {@link DarcyFamily}, harmonic-mean
 * faces, SPD) on m×m unknowns, 3D 7-point Laplacian on m³. A1 and A2 share a pattern (Darcy:
 * two samples; Laplacian: A2 = A1 + 0.01·I); b is seeded random. "first" = analyse (ordering +
 * symbolic) + factor(A1) + solve; "repeat" = factor(A2) + solve with the analysis reused. Each is
 * the best of {@code --repeats} runs. The JIT is warmed first for 3 s of thread CPU on two matrices that
 * are not among the cases (a library user solving many systems has a warm JVM), and each case
 * gets one untimed solve before its timed ones; each timed first solve still orders and analyses
 * its pattern from scratch. The ordering is
 * {@code Ordering.nestedDissection()} (level-structure nested dissection, the algorithm behind
 * PETSc's {@code nd}; the geometric grid variant fills more on these grids).
 *
 * <p>Usage: {@code bench/scripts/run.sh io.krylovforge.bench.DirectBenchmark [--cases lap2d-64,...]
 * [--repeats 3] [--peers scipy,petsc] [--scipy-python python3] [--petsc-python PY]
 * [--kernels-compare lap2d-512,...] [--dir DIR]}.
 */
public final class DirectBenchmark {
    static final String ALL = "lap2d-64,lap2d-128,lap2d-256,lap2d-512,darcy-64,darcy-128,darcy-256,"
            + "darcy-512,lap3d-16,lap3d-32,lap3d-48";

    private DirectBenchmark() {
    }

    /** Java timings for one case. */
    record JavaRow(String kernels, double first, double repeat, double firstCpu, double repeatCpu,
            long nnzL, double flops, double relres, String ordering) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        opt.put("cases", ALL);
        opt.put("repeats", "3");
        opt.put("peers", "scipy,petsc");
        opt.put("scipy-python", "python3");
        opt.put("petsc-python", "");  // empty: the first python3 that imports petsc4py (PythonLocator)
        opt.put("kernels-compare", "");
        opt.put("dir", "");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !opt.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            opt.put(args[i].substring(2), args[i + 1]);
        }
        int repeats = Integer.parseInt(opt.get("repeats"));
        Path dir = opt.get("dir").isEmpty() ? Files.createTempDirectory("kforge-direct")
                : Path.of(opt.get("dir"));
        List<String> cases = List.of(opt.get("cases").split(","));
        List<String> compare = opt.get("kernels-compare").isEmpty() ? List.of()
                : List.of(opt.get("kernels-compare").split(","));

        // JIT warm-up (not reported) on matrices that are not among the cases — a 2D Laplacian
        // on a 72×56 grid and a 3D one on 11×12×13 — for 3 s of CPU, as a library user solving
        // many systems has a warm JVM; every timed "first" solve still orders and analyses a new
        // pattern from scratch.
        CsrMatrix[][] warm = {warmMatrices(Stencils.laplacian2d(72, 56)),
            warmMatrices(Stencils.laplacian3d(11, 12, 13))};
        // Counted in this thread's CPU time, not wall time: on a loaded machine the JIT's
        // compiler threads get as little CPU as this one, and 3 s of wall left them unfinished.
        long warmUntil = processCpu() + 3_000_000_000L;
        while (processCpu() < warmUntil) {
            for (CsrMatrix[] w : warm) {
                measure(w, DenseKernels.best(), 1);
                measure(w, DenseKernels.java(), 1);
            }
        }
        Map<String, JavaRow> best = new LinkedHashMap<>();
        Map<String, JavaRow> java = new LinkedHashMap<>();
        for (String c : cases) {
            CsrMatrix[] m = matrices(c);
            export(dir.resolve(c), m);
            // One untimed solve of the case first: exporting it loads new classes, and the code
            // the JIT recompiles after that (5 repeats of a 3 ms solve were too few to recover)
            // showed up as 5x slower 64² rows; the peers' best of their repeats is warm as well.
            measure(m, DenseKernels.best(), 1);
            JavaRow row = measure(m, DenseKernels.best(), repeats);
            best.put(c, row);
            System.err.printf(Locale.ROOT, "%s: %s first %.4f s repeat %.4f s nnz(L) %d relres %.1e%n",
                    c, row.kernels(), row.first(), row.repeat(), row.nnzL(), row.relres());
            if (compare.contains(c)) {
                JavaRow j = measure(m, DenseKernels.java(), Math.min(repeats, 2));
                java.put(c, j);
                System.err.printf(Locale.ROOT, "%s: java first %.4f s repeat %.4f s%n", c, j.first(),
                        j.repeat());
            }
        }
        Map<String, Map<String, JsonNode>> peers = new LinkedHashMap<>();
        for (String peer : opt.get("peers").split(",")) {
            if (peer.isBlank()) {
                continue;
            }
            String python = peer.equals("petsc")
                    ? PythonLocator.givenOrImporting(opt.get("petsc-python"), "petsc4py") : opt.get("scipy-python");
            runPeer(python, peer, dir, String.join(",", cases), repeats, peers);
        }
        print(cases, best, java, peers);
    }

    /** The grid shape of a case name like "lap3d-32". */
    static GridShape grid(String c) {
        int m = Integer.parseInt(c.substring(c.indexOf('-') + 1));
        return c.startsWith("lap3d") ? GridShape.of(m, m, m) : GridShape.of(m, m);
    }

    /** {A1, A2} for a case: same pattern, different values. */
    static CsrMatrix[] matrices(String c) {
        int m = Integer.parseInt(c.substring(c.indexOf('-') + 1));
        if (c.startsWith("lap2d") || c.startsWith("lap3d")) {
            CsrMatrix a = c.startsWith("lap2d") ? Stencils.laplacian2d(m, m) : Stencils.laplacian3d(m, m, m);
            double[] v = a.values();
            int[] rp = a.rowPtr();
            int[] ci = a.colIdx();
            for (int i = 0; i < a.rows(); i++) {
                for (int p = rp[i]; p < rp[i + 1]; p++) {
                    if (ci[p] == i) {
                        v[p] += 0.01;
                    }
                }
            }
            return new CsrMatrix[] {a, a.withValues(v)};
        }
        if (c.startsWith("darcy")) {
            DarcyFamily f = new DarcyFamily(m + 2, CoefficientScheme.HARMONIC_MEAN);
            SplittableRandom rnd = new SplittableRandom(20261205L);
            CsrMatrix a1 = f.sample(rnd).a();
            CsrMatrix a2 = f.sample(rnd).a();
            if (!a1.samePattern(Stencils.laplacian2d(m, m)) || !a1.samePattern(a2)) {
                throw new IllegalStateException("Darcy " + m + "^2 is not numbered as a 5-point grid");
            }
            return new CsrMatrix[] {a1, a2};
        }
        throw new IllegalArgumentException("unknown case " + c + " (lap2d-M, darcy-M, lap3d-M)");
    }

    /** The ordering a bench option names: nd (graph nested dissection, the bench's) or amd. */
    static Ordering ordering(String name) {
        return switch (name) {
            case "nd" -> Ordering.nestedDissection();
            case "amd" -> Ordering.amd();
            default -> throw new IllegalArgumentException("unknown ordering " + name + " (nd, amd)");
        };
    }

    static double[] rhs(int n) {
        SplittableRandom r = new SplittableRandom(7);
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextDouble() - 0.5;
        }
        return b;
    }

    private static CsrMatrix[] warmMatrices(CsrMatrix a) {
        double[] v = a.values();
        for (int k = 0; k < v.length; k++) {
            v[k] *= 1.5;
        }
        return new CsrMatrix[] {a, a.withValues(v)};
    }

    static void export(Path d, CsrMatrix[] m) throws IOException {
        Files.createDirectories(d);
        MatrixMarket.write(d.resolve("A1.mtx"), m[0], "DirectBenchmark A1", SymmetryStorage.GENERAL);
        MatrixMarket.write(d.resolve("A2.mtx"), m[1], "DirectBenchmark A2 (pattern of A1)", SymmetryStorage.GENERAL);
        MatrixMarket.writeVector(d.resolve("b.mtx"), rhs(m[0].rows()));
    }

    static JavaRow measure(CsrMatrix[] m, DenseKernels kernels, int repeats) {
        double[] b = rhs(m[0].rows());
        double[] x = new double[b.length];
        Ordering ordering = Ordering.nestedDissection();
        double first = Double.POSITIVE_INFINITY;
        double firstCpu = Double.POSITIVE_INFINITY;
        Cholesky chol = null;
        for (int r = 0; r < repeats; r++) {
            chol = null; // let the previous factor go before timing the next analysis
            long t0 = System.nanoTime();
            long c0 = processCpu();
            chol = Cholesky.analyze(m[0], ordering, kernels);
            FactorStatus st = chol.factor(m[0]);
            chol.solve(b, x);
            first = Math.min(first, (System.nanoTime() - t0) * 1e-9);
            firstCpu = Math.min(firstCpu, (processCpu() - c0) * 1e-9);
            if (!st.ok()) {
                throw new IllegalStateException(st.message());
            }
        }
        double repeat = Double.POSITIVE_INFINITY;
        double repeatCpu = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            long c0 = processCpu();
            FactorStatus st = chol.factor(m[1]);
            chol.solve(b, x);
            repeat = Math.min(repeat, (System.nanoTime() - t0) * 1e-9);
            repeatCpu = Math.min(repeatCpu, (processCpu() - c0) * 1e-9);
            if (!st.ok()) {
                throw new IllegalStateException(st.message());
            }
        }
        double[] ax = m[1].multiply(x);
        double num = 0;
        double den = 0;
        for (int i = 0; i < b.length; i++) {
            num += (b[i] - ax[i]) * (b[i] - ax[i]);
            den += b[i] * b[i];
        }
        return new JavaRow(kernels.name(), first, repeat, firstCpu, repeatCpu, chol.factorNonzeros(),
                chol.factorFlops(),
                Math.sqrt(num / den), chol.orderingName());
    }

    /**
     * CPU time of the measuring thread in ns (nanosecond resolution; process CPU time ticks in
     * 10 ms and counts the JIT and GC threads). jblas's bundled BLAS runs on the calling thread.
     */
    static long processCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static void runPeer(String python, String peer, Path dir, String cases, int repeats,
            Map<String, Map<String, JsonNode>> out) throws IOException, InterruptedException {
        Path script = Path.of("bench", "scripts", "direct_peers.py");
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--dir", dir.toString(),
                "--cases", cases, "--peers", peer, "--repeats", Integer.toString(repeats));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            System.err.println(peer + ": cannot start " + python + ": " + e.getMessage());
            return;
        }
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode node = json.readTree(line);
                System.err.println(line);
                out.computeIfAbsent(node.get("case").asText(), k -> new LinkedHashMap<>()).put(peer, node);
            }
        }
        p.waitFor();
    }

    static void print(List<String> cases, Map<String, JavaRow> best, Map<String, JavaRow> java,
            Map<String, Map<String, JsonNode>> peers) {
        System.out.println("Wall seconds (best of the repeats); in brackets CPU seconds (ours: the measuring thread; peers: their process).");
        System.out.println();
        System.out.println("| case | n | nnz(L) ours | nnz(L) PETSc | first ours | first SciPy | "
                + "first PETSc | repeat ours | repeat PETSc | repeat SciPy | SciPy/ours first "
                + "(cpu) | PETSc/ours repeat (cpu) | rel. res. ours |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (String c : cases) {
            JavaRow j = best.get(c);
            Map<String, JsonNode> p = peers.getOrDefault(c, Map.of());
            JsonNode sc = p.get("scipy");
            JsonNode pe = p.get("petsc");
            String pNnz = pe != null && pe.hasNonNull("nnzL") ? Long.toString(pe.get("nnzL").asLong()) : "–";
            System.out.printf(Locale.ROOT,
                    "| %s | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.1e |%n", c,
                    grid(c).size(), j.nnzL(), pNnz, pair(j.first(), j.firstCpu()),
                    pair(num(sc, "first"), num(sc, "first_cpu")), pair(num(pe, "first"), num(pe, "first_cpu")),
                    pair(j.repeat(), j.repeatCpu()), pair(num(pe, "repeat"), num(pe, "repeat_cpu")),
                    pair(num(sc, "repeat"), num(sc, "repeat_cpu")),
                    ratio(num(sc, "first"), j.first()) + " (" + ratio(num(sc, "first_cpu"), j.firstCpu()) + ")",
                    ratio(num(pe, "repeat"), j.repeat()) + " (" + ratio(num(pe, "repeat_cpu"), j.repeatCpu()) + ")",
                    j.relres());
        }
        if (!java.isEmpty()) {
            System.out.println();
            System.out.println("| case | flops (Σc²) | repeat jblas | repeat pure-Java | speed-up wall (cpu) |");
            System.out.println("|---|---|---|---|---|");
            for (Map.Entry<String, JavaRow> e : java.entrySet()) {
                JavaRow j = best.get(e.getKey());
                JavaRow p = e.getValue();
                System.out.printf(Locale.ROOT, "| %s | %.2e | %s | %s | %s (%s) |%n", e.getKey(), j.flops(),
                        pair(j.repeat(), j.repeatCpu()), pair(p.repeat(), p.repeatCpu()),
                        ratio(p.repeat(), j.repeat()), ratio(p.repeatCpu(), j.repeatCpu()));
            }
        }
        System.out.println();
        for (String c : cases) {
            System.out.printf(Locale.ROOT, "%s: ordering %s, dense kernels %s%n", c, best.get(c).ordering(),
                    best.get(c).kernels());
        }
    }

    private static String pair(double wall, double cpu) {
        return Double.isNaN(wall) ? "–" : String.format(Locale.ROOT, "%.4f [%.4f]", wall, cpu);
    }

    private static double num(JsonNode n, String field) {
        return n != null && n.hasNonNull(field) ? n.get(field).asDouble() : Double.NaN;
    }

    private static String ratio(double peer, double ours) {
        // process CPU time has 10 ms granularity: a 0 reading gives no ratio
        return Double.isNaN(peer) || !(ours > 0) ? "–" : String.format(Locale.ROOT, "%.2f", peer / ours);
    }
}
