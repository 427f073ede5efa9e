package io.krylovforge.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.krylovforge.core.io.AtomicFiles;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link Suite}: KrylovForge and each peer on every case, in the same process run on the
 * same machine. Reports median times, iterations and true residuals (a wrong answer is flagged
 * and never counts), as JSON lines, a Markdown table with ratios, and convergence plots.
 */
public final class BenchRunner {
    /**
     * Least time each case warms up before its timed repeats, whatever its warm-up count: the
     * small suite's millisecond solves would otherwise be timed while the JIT still compiles them
     * (the peers are compiled code and need none).
     */
    static final double MIN_WARMUP_SECONDS = 0.5;
    /**
     * Past {@link #MIN_WARMUP_SECONDS} a case keeps warming, up to this long, while its solves
     * still get faster ({@link WarmUp}). The first case of a run was timed 3–4× slow (cg-lap2d-32
     * at 3.9× PETSc, 0.98× when the same case ran again later in the run); a JIT still compiling
     * after 0.5 s on a busy machine was one cause, the STREAM arrays' GC cycle the other.
     */
    static final double MAX_WARMUP_SECONDS = 5.0;

    /** Untimed solves per kind of case before a suite's first timed case ({@link #warmKinds}). */
    static final double KIND_WARMUP_SECONDS = 1.0;

    /** Restart length used for GMRES in suites, on both sides. */
    public static final int GMRES_RESTART = 40;

    private final PrintWriter log;
    private final Path outDir;
    private final Map<String, String> interpreters;

    /**
     * @param interpreters the Python interpreter to run each peer with (peer name → command);
     *                     peers sharing an interpreter run in one subprocess
     */
    public BenchRunner(PrintWriter log, Path outDir, Map<String, String> interpreters) {
        this.log = log;
        this.outDir = outDir;
        this.interpreters = new LinkedHashMap<>(interpreters);
    }

    /** Runs the suite and writes results.jsonl, results.md and PNGs to the output directory. */
    public List<RunRecord> run(Suite suite) throws IOException {
        Files.createDirectories(outDir);
        MachineInfo machine = MachineInfo.current();
        log.printf(Locale.ROOT, "machine: %d cores, %s, %s%n", machine.cores(), machine.cpuModel(), machine.jvm());
        double bandwidth = StreamBandwidth.copyBytesPerSecond();
        log.printf(Locale.ROOT, "STREAM copy bandwidth: %.2f GB/s%n", bandwidth / 1e9);
        // The STREAM arrays start a concurrent G1 mark cycle (seconds long on a busy 2-core machine)
        // that otherwise runs beside the first cases and slows them; collect them here, untimed.
        System.gc();
        Map<String, List<String>> byInterpreter = new LinkedHashMap<>();
        for (String peer : suite.peers()) {
            byInterpreter.computeIfAbsent(interpreters.getOrDefault(peer, "python3"), k -> new ArrayList<>()).add(peer);
        }
        Map<PeerRunner, List<String>> runners = new LinkedHashMap<>();
        Path scratch = Files.createTempDirectory("kforge-peers"); // the extracted peer script, not a result
        for (Map.Entry<String, List<String>> e : byInterpreter.entrySet()) {
            runners.put(PeerRunner.create(e.getKey(), scratch), e.getValue());
        }
        List<RunRecord> all = new ArrayList<>();
        Map<String, Floor> floors = new LinkedHashMap<>();
        LinePlot histories = new LinePlot("KrylovForge convergence, suite " + suite.name(), "iteration",
                "relative residual", true);
        warmKinds(suite);
        int total = suite.cases().size();
        int index = 0;
        long start = System.nanoTime();
        for (BenchCase c : suite.cases()) {
            index++;
            double elapsed = (System.nanoTime() - start) / 1e9;
            // Progress for a long run: case i/N, elapsed time, and a naive remaining-time estimate.
            log.printf(Locale.ROOT, "case %d/%d (%.0f s elapsed%s) %s: %s n=%d %s+%s rtol %.0e%n", index, total, elapsed,
                    index > 1 ? String.format(Locale.ROOT, ", ~%.0f s left", elapsed / (index - 1) * (total - index + 1)) : "",
                    c.id(), c.problem(), c.size(), c.solver(), c.preconditioner(), c.rtol());
            CsrMatrix a = Problems.build(c);
            // A CG case times each repetition against the STREAM bandwidth measured right before
            // it (the arrays stay allocated through the case, so no collection runs beside it).
            StreamBandwidth.Meter meter = hasFloor(c) ? new StreamBandwidth.Meter() : null;
            double[] bandwidths = new double[c.repeats()];
            double[] seconds = new double[c.repeats()];
            RunRecord ours = runOurs(c, a, histories, meter, bandwidths, seconds);
            all.add(ours);
            log.println("  " + describe(ours, c));
            if (meter != null) {
                meter = null;
                System.gc(); // the STREAM arrays, collected untimed before the peers run
                Floor floor = Floor.paired(cgBytesPerIteration(a), ours.iterations(), seconds, bandwidths);
                floors.put(c.id(), floor);
                log.println("  " + floor.note());
            }
            for (Map.Entry<PeerRunner, List<String>> e : runners.entrySet()) {
                for (RunRecord r : e.getKey().run(c, e.getValue(), 3600)) {
                    all.add(r);
                    log.println("  " + describe(r, c));
                }
            }
            log.flush();
        }
        write(suite, all, machine, bandwidth, floors);
        histories.write(outDir.resolve("convergence.png"), 900, 560);
        plots(suite, all);
        return all;
    }

    /**
     * The bandwidth floor of a CG case: the bytes it moves per iteration at the STREAM copy
     * bandwidth, each timed repetition against the bandwidth measured right before it.
     *
     * @param millisPerIteration the floor in ms per iteration at the median bandwidth
     * @param bandwidth          the median of the paired STREAM copy bandwidths, bytes per second
     * @param ratio              the median over repetitions of (ms per iteration ÷ its paired floor)
     * @param ratioMin           the smallest paired ratio
     * @param ratioMax           the largest paired ratio
     */
    public record Floor(double millisPerIteration, double bandwidth, double ratio, double ratioMin, double ratioMax) {
        /**
         * Pairs repetition r's time with the bandwidth measured right before it.
         *
         * @param bytesPerIteration bytes moved per iteration ({@link #cgBytesPerIteration})
         * @param iterations        iterations of every repetition
         * @param seconds           solve time of each repetition
         * @param bandwidths        STREAM copy bytes per second before each repetition
         * @return the floor, with the median and range of the paired ratios
         */
        public static Floor paired(double bytesPerIteration, int iterations, double[] seconds, double[] bandwidths) {
            if (seconds.length == 0 || seconds.length != bandwidths.length || iterations <= 0) {
                throw new IllegalArgumentException("internal: " + seconds.length + " times, " + bandwidths.length
                        + " bandwidths, " + iterations + " iterations");
            }
            double[] ratios = new double[seconds.length];
            for (int r = 0; r < seconds.length; r++) {
                ratios[r] = seconds[r] / iterations / (bytesPerIteration / bandwidths[r]);
            }
            Statistics rs = Statistics.of(ratios);
            double bw = Statistics.of(bandwidths).median();
            return new Floor(1e3 * bytesPerIteration / bw, bw, rs.median(), rs.min(), rs.max());
        }

        /**
         * The table's note.
         *
         * @return e.g. "floor 0.6000 ms/it at 58.1 GB/s (1.12× floor, paired runs 1.05-1.19)"
         */
        public String note() {
            return String.format(Locale.ROOT, "floor %.4f ms/it at %.1f GB/s (%.2f× floor, paired runs %.2f-%.2f)",
                    millisPerIteration, bandwidth / 1e9, ratio, ratioMin, ratioMax);
        }
    }

    /** Unpreconditioned CG cases get a bandwidth floor. */
    private static boolean hasFloor(BenchCase c) {
        return "cg".equals(c.solver()) && "none".equals(c.preconditioner());
    }

    /**
     * Untimed: every kind of case in the suite (problem, solver, preconditioner) solves a small
     * grid of its problem for {@link #KIND_WARMUP_SECONDS} before the first timed case. The
     * kernels the kinds share (products, dots, sweeps) are then compiled for all of them; before,
     * the first cases of a run were timed while the JIT still compiled them, e.g. IC(0)-PCG 32²
     * at 0.0115 ms/it as the first case and 0.0075 later in the same run.
     */
    private void warmKinds(Suite suite) throws IOException {
        Map<String, BenchCase> kinds = new LinkedHashMap<>();
        for (BenchCase c : suite.cases()) {
            if (!"file".equals(c.problem())) {
                int size = "laplace3d".equals(c.problem()) ? Math.min(c.size(), 16) : Math.min(c.size(), 64);
                kinds.putIfAbsent(c.problem() + " " + c.solver() + " " + c.preconditioner(),
                        new BenchCase("warm-up", c.problem(), size, null, c.solver(), c.preconditioner(), c.rtol(), 1, 0));
            }
        }
        long t0 = System.nanoTime();
        for (BenchCase c : kinds.values()) {
            CsrMatrix a = Problems.build(c);
            IterativeSolver solver = solverFor(c, a);
            DenseVector b = rhsOf(a);
            long end = System.nanoTime() + (long) (KIND_WARMUP_SECONDS * 1e9);
            while (System.nanoTime() < end) {
                solver.solve(a, b, DenseVector.zeros(a.rows()), optionsFor(c, preconditionerFor(c)));
            }
        }
        log.printf(Locale.ROOT, "warm-up: %d kinds of case, %.1f s (untimed)%n", kinds.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The case's solver (GMRES with the suites' restart length). */
    private static IterativeSolver solverFor(BenchCase c, CsrMatrix a) {
        return Solvers.choose(c.solver(), a, SolverParameters.defaults().withRestart(GMRES_RESTART));
    }

    /** b = A·1, the right-hand side of every case (the peers use the same). */
    private static DenseVector rhsOf(CsrMatrix a) {
        return DenseVector.wrap(a.multiply(DenseVector.ones(a.cols()).data()));
    }

    /** A fresh, not yet set up preconditioner of the case, or null for "none". */
    private static Preconditioner preconditionerFor(BenchCase c) {
        return "none".equals(c.preconditioner()) ? null : Preconditioners.create(c.preconditioner());
    }

    private static SolverOptions optionsFor(BenchCase c, Preconditioner m) {
        return SolverOptions.defaults().withRtol(c.rtol()).withMaxIterations(100_000).withPreconditioner(m);
    }

    /** Base name of an implementation ("scipy (1.17.1)" → "scipy"). */
    private static String family(RunRecord r) {
        String name = r.implementation();
        int cut = name.indexOf(" (");
        return cut < 0 ? name : name.substring(0, cut);
    }

    /**
     * time-per-iteration.png: ms/iteration per case and implementation (correct runs only);
     * scaling.png: solve time against n on log–log axes for cases that differ only in size.
     */
    private void plots(Suite suite, List<RunRecord> all) throws IOException {
        List<String> ids = new ArrayList<>();
        List<String> impls = new ArrayList<>();
        for (BenchCase c : suite.cases()) {
            ids.add(c.id());
        }
        for (RunRecord r : all) {
            if (!r.note().startsWith("unavailable") && !impls.contains(family(r))) {
                impls.add(family(r));
            }
        }
        BarChart bars = new BarChart("Time per iteration, suite " + suite.name(), "ms/iteration", ids);
        for (String impl : impls) {
            double[] v = new double[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                v[i] = Double.NaN;
                BenchCase c = suite.cases().get(i);
                for (RunRecord r : all) {
                    if (r.caseId().equals(c.id()) && family(r).equals(impl) && r.correct(c.rtol())) {
                        v[i] = r.millisPerIteration();
                    }
                }
            }
            bars.add(impl, v);
        }
        bars.write(outDir.resolve("time-per-iteration.png"), 1000, 520);

        Map<String, List<BenchCase>> families = new LinkedHashMap<>();
        for (BenchCase c : suite.cases()) {
            if (!"file".equals(c.problem())) {
                families.computeIfAbsent(c.problem() + " " + c.solver() + "+" + c.preconditioner(), k -> new ArrayList<>())
                        .add(c);
            }
        }
        LinePlot scaling = new LinePlot("Solve time vs unknowns (log-log), suite " + suite.name(), "log10 n",
                "solve seconds", true);
        int series = 0;
        for (Map.Entry<String, List<BenchCase>> e : families.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            for (String impl : impls) {
                List<double[]> points = new ArrayList<>();
                for (BenchCase c : e.getValue()) {
                    long n = "laplace3d".equals(c.problem()) ? (long) c.size() * c.size() * c.size()
                            : (long) c.size() * c.size();
                    for (RunRecord r : all) {
                        if (r.caseId().equals(c.id()) && family(r).equals(impl) && r.correct(c.rtol())) {
                            points.add(new double[] {Math.log10(n), r.solveSeconds().median()});
                        }
                    }
                }
                if (points.size() >= 2) {
                    points.sort((a, b) -> Double.compare(a[0], b[0]));
                    double[] x = new double[points.size()];
                    double[] y = new double[points.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = points.get(i)[0];
                        y[i] = points.get(i)[1];
                    }
                    scaling.add(e.getKey() + ", " + impl, x, y);
                    series++;
                }
            }
        }
        if (series > 0) {
            scaling.write(outDir.resolve("scaling.png"), 900, 560);
        }
    }

    /**
     * Bytes unpreconditioned CG moves per iteration with the kernels as issue #19 counts them
     * (the yardstick of its floor goal; the fused kernels now move less, see below).
     */
    public static double cgBytesPerIteration(CsrMatrix a) {
        long n = a.rows();
        long matrix = 12L * a.nnz() + 4L * (n + 1); // values + column indices + row pointers
        // Counted as separate kernels: SpMV + p'q reads p, writes q; the update reads p, q, x, r and
        // writes x, r; p = r + beta p reads 2 and writes 1: 11 vector passes of 8 bytes. The fused
        // sweep (x += alpha p, p = r + beta p, q = A p, p'q) then r -= alpha q, r'r moves 9.
        return matrix + 11.0 * 8.0 * n;
    }

    /**
     * Times the case, each repetition's solve time into {@code times}; with a meter, measures the
     * STREAM bandwidth right before each timed repetition into {@code bandwidths}.
     */
    private RunRecord runOurs(BenchCase c, CsrMatrix a, LinePlot histories, StreamBandwidth.Meter meter,
            double[] bandwidths, double[] times) {
        IterativeSolver solver = solverFor(c, a);
        DenseVector b = rhsOf(a);
        double[] cpu = new double[c.repeats()];
        SolverCpuClock clock = new SolverCpuClock();
        double setup = 0.0;
        SolveResult last = null;
        DenseVector x = DenseVector.zeros(a.rows());
        WarmUp warm = new WarmUp(System.nanoTime(), MIN_WARMUP_SECONDS, MAX_WARMUP_SECONDS);
        for (int rep = -c.warmup(); rep < c.repeats(); rep++) {
            if (rep == 0 && warm.goOn(System.nanoTime())) {
                rep = -1; // keep warming: a case of a few milliseconds would otherwise time the JIT
            }
            Preconditioner m = preconditionerFor(c);
            if (meter != null && rep >= 0) {
                bandwidths[rep] = meter.bytesPerSecond(StreamBandwidth.PAIRED_REPEATS);
            }
            long t0 = System.nanoTime();
            if (m != null) {
                m.setUp(a); // timed apart; the solve's own setUp call then finds it done
            }
            SolverOptions o = optionsFor(c, m);
            clock.start();
            long t1 = System.nanoTime();
            last = solver.solve(a, b, x, o);
            long t2 = System.nanoTime();
            double cpuSeconds = clock.elapsedSeconds();
            if (rep < 0) {
                warm.record(t2 - t1);
            }
            if (rep >= 0) {
                times[rep] = (t2 - t1) / 1e9;
                cpu[rep] = cpuSeconds;
                setup += (t1 - t0) / 1e9 / c.repeats();
            }
        }
        // True residual from x, by the harness itself: a fast wrong answer must never count.
        double[] ax = a.multiply(x.data());
        double rr = 0;
        double bb = 0;
        for (int i = 0; i < ax.length; i++) {
            double d = b.get(i) - ax[i];
            rr += d * d;
            bb += b.get(i) * b.get(i);
        }
        double[] h = last.history();
        double[] it = new double[h.length];
        double[] rel = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            it[i] = i;
            rel[i] = h[i] / Math.sqrt(bb);
        }
        histories.add(c.id(), it, rel);
        return new RunRecord(c.id(), "krylovforge", last.iterations(), Math.sqrt(rr / bb), setup, Statistics.of(times),
                last.converged() ? "" : "not converged: " + last.reason(), Statistics.of(cpu));
    }

    private static String describe(RunRecord r, BenchCase c) {
        if (!r.note().isEmpty() && r.note().startsWith("unavailable")) {
            return String.format(Locale.ROOT, "%-12s %s", r.implementation(), r.note());
        }
        return String.format(Locale.ROOT,
                "%-12s its %6d  rel.res %.2e %s setup %.3f s  solve %.3f s (spread %.0f%%)  %.4f ms/it  cpu %.4f ms/it",
                r.implementation(), r.iterations(), r.relResidual(), r.correct(c.rtol()) ? "ok   " : "WRONG",
                r.setupSeconds(), r.solveSeconds().median(), 100 * r.solveSeconds().spread(), r.millisPerIteration(),
                r.cpuMillisPerIteration());
    }

    private void write(Suite suite, List<RunRecord> all, MachineInfo machine, double bandwidth,
            Map<String, Floor> floors) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder jsonl = new StringBuilder();
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("suite", suite.name());
        head.put("date", ZonedDateTime.now().toString());
        head.put("machine", machine.toMap());
        head.put("streamCopyBytesPerSecond", bandwidth);
        jsonl.append(mapper.writeValueAsString(head)).append('\n');
        for (RunRecord r : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.caseId());
            m.put("implementation", r.implementation());
            m.put("iterations", r.iterations());
            m.put("relResidual", Double.isFinite(r.relResidual()) ? r.relResidual() : null);
            m.put("setupSeconds", r.setupSeconds());
            m.put("solveSecondsMedian", Double.isFinite(r.solveSeconds().median()) ? r.solveSeconds().median() : null);
            m.put("solveSecondsMin", Double.isFinite(r.solveSeconds().min()) ? r.solveSeconds().min() : null);
            m.put("solveSecondsMax", Double.isFinite(r.solveSeconds().max()) ? r.solveSeconds().max() : null);
            double cpuMedian = r.cpuSeconds().median();
            m.put("cpuSecondsMedian", Double.isFinite(cpuMedian) ? cpuMedian : null);
            m.put("note", r.note());
            Floor floor = floors.get(r.caseId());
            if (floor != null && r.implementation().equals("krylovforge")) {
                m.put("floorMillisPerIteration", floor.millisPerIteration());
                m.put("caseStreamCopyBytesPerSecond", floor.bandwidth());
                m.put("floorRatio", floor.ratio());
                m.put("floorRatioMin", floor.ratioMin());
                m.put("floorRatioMax", floor.ratioMax());
            }
            jsonl.append(mapper.writeValueAsString(m)).append('\n');
        }
        AtomicFiles.write(outDir.resolve("results.jsonl"), jsonl.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(outDir.resolve("results.md"),
                markdown(suite, all, machine, bandwidth, floors).getBytes(StandardCharsets.UTF_8));
    }

    /** The Markdown table: one row per case and implementation, ratios against KrylovForge. */
    public static String markdown(Suite suite, List<RunRecord> all, MachineInfo machine, double bandwidth,
            Map<String, Floor> floors) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark suite `").append(suite.name()).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Date %s. Machine: %d cores, %s, %s, load %.2f. STREAM copy %.2f GB/s. "
                + "Command: `./kforge bench --suite %s`.%n%n", ZonedDateTime.now().toLocalDate(), machine.cores(),
                machine.cpuModel(), machine.jvm(), machine.loadAverage(), bandwidth / 1e9, suite.name()));
        md.append("Times are medians of repeated runs; `ratio` = peer time ÷ KrylovForge time (> 1: KrylovForge faster). "
                + "A run whose true relative residual misses 10·rtol is marked wrong and gets no ratio. "
                + "KrylovForge uses its kernel pool (one thread per core); SciPy and PyAMG run with OPENBLAS_NUM_THREADS=1, "
                + "PETSc as one process.\n\n");
        md.append("CG's `floor`: the bytes it moves per iteration (`BenchRunner.cgBytesPerIteration`) at the STREAM "
                + "copy bandwidth measured right before each timed run of the case; the ratio is the median over the "
                + "runs of run time ÷ its own floor, with their range (the note names the median bandwidth; the "
                + "figure above is the run's start).\n\n");
        md.append("`cpu ms/iteration`: CPU time of the solving threads (KrylovForge: caller and kernel pool; peers: "
                + "their one thread), which a shared machine inflates far less than wall time.\n\n");
        md.append("| case | implementation | iterations | rel. residual | setup s | solve s | ms/iteration | cpu ms/iteration "
                + "| ratio (total time) | note |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (BenchCase c : suite.cases()) {
            RunRecord ours = null;
            for (RunRecord r : all) {
                if (r.caseId().equals(c.id()) && r.implementation().equals("krylovforge")) {
                    ours = r;
                }
            }
            for (RunRecord r : all) {
                if (!r.caseId().equals(c.id())) {
                    continue;
                }
                if (r.note().startsWith("unavailable")) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | | | | | | | | %s |%n", c.id(), r.implementation(),
                            r.note()));
                    continue;
                }
                String ratio = "";
                if (ours != null && r != ours && r.correct(c.rtol()) && ours.correct(c.rtol())) {
                    double mine = ours.setupSeconds() + ours.solveSeconds().median();
                    double theirs = r.setupSeconds() + r.solveSeconds().median();
                    ratio = String.format(Locale.ROOT, "%.2f", theirs / mine);
                }
                String note = r.correct(c.rtol()) ? r.note() : ("WRONG ANSWER " + r.note()).trim();
                if (r == ours && floors.containsKey(c.id())) {
                    note = floors.get(c.id()).note();
                }
                double cpuPerIt = r.cpuMillisPerIteration();
                md.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2e | %.3f | %.3f | %.4f | %s | %s | %s |%n", c.id(),
                        r.implementation(), r.iterations(), r.relResidual(), r.setupSeconds(), r.solveSeconds().median(),
                        r.millisPerIteration(), Double.isFinite(cpuPerIt) ? String.format(Locale.ROOT, "%.4f", cpuPerIt) : "",
                        ratio, note));
            }
        }
        return md.toString();
    }
}
