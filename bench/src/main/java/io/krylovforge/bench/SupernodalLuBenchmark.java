package io.krylovforge.bench;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.SparseFactorization;
import io.krylovforge.direct.dense.DenseKernels;
import io.krylovforge.direct.lu.SparseLu;
import io.krylovforge.direct.lu.SupernodalLu;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.mesh.family.Families;
import io.krylovforge.mesh.family.PdeFamily;
import io.krylovforge.mesh.family.PdeInstance;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Per-sample numeric factorisation + solve of the {@code convdiff} family with the analysis
 * reused: {@link SparseLu} ("lu"), {@link SupernodalLu} with AMD ("slu-amd") and with its default
 * ordering, the fewer-flops of AMD and graph nested dissection ("slu"). Samples are drawn with
 * seeds 1000, 1001, ...; after two untimed passes the methods take turns for {@code --rounds}
 * timed passes (so load changes hit them alike), and each row gives the median and minimum thread
 * CPU time per sample. The samples are also written to {@code DIR/convdiff-R.bin} (little-endian:
 * n, nnz, count, row pointers, column indices, then per sample the values and b) for
 * {@code bench/scripts/supernodal_lu_petsc.py}, which times PETSc's LU on the same matrices.
 *
 * <p>Usage: {@code bench/scripts/run.sh io.krylovforge.bench.SupernodalLuBenchmark [--sizes 64,128,256]
 * [--samples 20,20,5] [--rounds 4] [--methods lu,slu-amd,slu] [--dir DIR]}.
 */
public final class SupernodalLuBenchmark {
    private SupernodalLuBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args see the class comment
     * @throws IOException when the samples cannot be written
     */
    public static void main(String[] args) throws IOException {
        int[] sizes = {64, 128, 256};
        int[] samples = {20, 20, 5};
        int rounds = 4;
        String[] methods = {"lu", "slu-amd", "slu"};
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kforge-slu-bench");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--sizes" -> sizes = ints(args[i + 1]);
                case "--samples" -> samples = ints(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--methods" -> methods = args[i + 1].split(",");
                case "--dir" -> dir = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (samples.length != sizes.length) {
            throw new IllegalArgumentException("--samples needs one count per size");
        }
        Files.createDirectories(dir);
        for (int k = 0; k < sizes.length; k++) {
            run(sizes[k], samples[k], rounds, methods, dir);
        }
    }

    private static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static SparseFactorization analyze(String method, CsrMatrix a) {
        return switch (method) {
            case "lu" -> SparseLu.analyze(a);
            case "slu" -> SupernodalLu.analyze(a);
            case "slu-amd" -> SupernodalLu.analyze(a, Ordering.amd(), DenseKernels.best());
            case "slu-java" -> SupernodalLu.analyze(a, Ordering.fewestFlops(Ordering.amd(),
                    Ordering.nestedDissection()), DenseKernels.java());
            default -> throw new IllegalArgumentException("unknown method " + method
                    + "; valid: lu, slu, slu-amd, slu-java");
        };
    }

    private static void run(int resolution, int count, int rounds, String[] methods, Path dir) throws IOException {
        PdeFamily family = Families.create("convdiff", resolution);
        List<PdeInstance> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(family.sample(new SplittableRandom(1000 + i)));
        }
        write(list, dir.resolve("convdiff-" + resolution + ".bin"));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CsrMatrix a0 = list.get(0).a();
        int n = a0.rows();
        System.out.printf(Locale.ROOT, "convdiff %d² (n = %d, nnz = %d), %d samples × %d rounds, dense kernels %s%n",
                resolution, n, a0.nnz(), count, rounds, DenseKernels.best().name());
        SparseFactorization[] fs = new SparseFactorization[methods.length];
        double[] analyse = new double[methods.length];
        for (int q = 0; q < methods.length; q++) {
            long t0 = mx.getCurrentThreadCpuTime();
            fs[q] = analyze(methods[q], a0);
            analyse[q] = (mx.getCurrentThreadCpuTime() - t0) / 1e6;
        }
        double[][] times = new double[methods.length][rounds * count];
        double[] worst = new double[methods.length];
        double[] x = new double[n];
        for (int round = -2; round < rounds; round++) {
            for (int q = 0; q < methods.length; q++) {
                for (int i = 0; i < count; i++) {
                    PdeInstance s = list.get(i);
                    long c = mx.getCurrentThreadCpuTime();
                    FactorStatus st = fs[q].factor(s.a());
                    if (!st.ok()) {
                        throw new IllegalStateException(methods[q] + ": " + st.message());
                    }
                    fs[q].solve(s.b(), x);
                    double t = (mx.getCurrentThreadCpuTime() - c) / 1e6;
                    if (round >= 0) {
                        times[q][round * count + i] = t;
                        worst[q] = Math.max(worst[q],
                                s.a().relativeResidual(DenseVector.wrap(s.b()), DenseVector.wrap(x)));
                    }
                }
            }
        }
        for (int q = 0; q < methods.length; q++) {
            double[] sorted = times[q].clone();
            Arrays.sort(sorted);
            String ordering = fs[q] instanceof SupernodalLu s ? ", " + s.analysis().supernodes()
                    + " supernodes, ordering " + s.orderingName() : "";
            System.out.printf(Locale.ROOT, "  %-8s analyse %6.1f ms | factor+solve thread CPU ms/sample: median %7.2f,"
                    + " min %7.2f | nnz(L+U) %d | worst residual %.1e%s%n", methods[q], analyse[q],
                    sorted[sorted.length / 2], sorted[0], fs[q].factorNonzeros(), worst[q], ordering);
        }
    }

    /** The samples in the little-endian layout the PETSc script reads. */
    private static void write(List<PdeInstance> list, Path file) throws IOException {
        CsrMatrix a0 = list.get(0).a();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
            out.writeInt(Integer.reverseBytes(a0.rows()));
            out.writeInt(Integer.reverseBytes(a0.nnz()));
            out.writeInt(Integer.reverseBytes(list.size()));
            for (int p : a0.rowPtr()) {
                out.writeInt(Integer.reverseBytes(p));
            }
            for (int p : a0.colIdx()) {
                out.writeInt(Integer.reverseBytes(p));
            }
            for (PdeInstance s : list) {
                for (double v : s.a().values()) {
                    out.writeLong(Long.reverseBytes(Double.doubleToLongBits(v)));
                }
                for (double v : s.b()) {
                    out.writeLong(Long.reverseBytes(Double.doubleToLongBits(v)));
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
