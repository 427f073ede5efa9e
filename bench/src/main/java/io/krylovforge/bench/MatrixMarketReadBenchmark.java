package io.krylovforge.bench;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times {@link MatrixMarket#read} on a large file (compare with {@code scipy.io.mmread} via
 * {@code bench/scripts/mmread_vs_scipy.sh}).
 *
 * <pre>
 * generate FILE GRID [laplace|random]  write the 5-point Laplacian of a GRID x GRID grid
 *                                      (GRID^2 rows, about 5 GRID^2 nonzeros); "random" adds a
 *                                      seeded perturbation so values need all 17 digits
 * read FILE [REPEATS]                  2 warm-up reads, then the best of REPEATS (default 3)
 * </pre>
 *
 * Output is one {@code key=value} line per result, for the script to pick up.
 */
public final class MatrixMarketReadBenchmark {
    private MatrixMarketReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("generate")) {
            boolean random = args.length > 3 && args[3].equals("random");
            generate(Path.of(args[1]), Integer.parseInt(args[2]), random);
        } else if (args.length >= 2 && args[0].equals("read")) {
            read(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
        } else {
            System.err.println("usage: generate FILE GRID [laplace|random] | read FILE [REPEATS]");
            System.exit(2);
        }
    }

    private static void generate(Path file, int grid, boolean random) throws IOException {
        CsrMatrix a = laplacian2d(grid, random ? 42L : 0L);
        long t0 = System.nanoTime();
        MatrixMarket.write(file, a, "5-point Laplacian on a " + grid + "x" + grid + " grid"
                + (random ? ", values perturbed (seed 42)" : ""));
        double s = (System.nanoTime() - t0) * 1e-9;
        System.out.printf(Locale.ROOT, "generated=%s rows=%d nnz=%d bytes=%d write_s=%.3f%n",
                file, a.rows(), a.nnz(), Files.size(file), s);
    }

    /** The 5-point Laplacian (4 on the diagonal, -1 to grid neighbours) in CSR. */
    static CsrMatrix laplacian2d(int grid, long seed) {
        int n = grid * grid;
        int[] ptr = new int[n + 1];
        int[] col = new int[5 * n];
        double[] val = new double[5 * n];
        SplittableRandom rnd = seed == 0 ? null : new SplittableRandom(seed);
        int k = 0;
        for (int y = 0; y < grid; y++) {
            for (int x = 0; x < grid; x++) {
                int i = y * grid + x;
                // columns ascending: south, west, centre, east, north
                if (y > 0) {
                    col[k] = i - grid;
                    val[k++] = -1.0;
                }
                if (x > 0) {
                    col[k] = i - 1;
                    val[k++] = -1.0;
                }
                col[k] = i;
                val[k++] = 4.0;
                if (x < grid - 1) {
                    col[k] = i + 1;
                    val[k++] = -1.0;
                }
                if (y < grid - 1) {
                    col[k] = i + grid;
                    val[k++] = -1.0;
                }
                ptr[i + 1] = k;
            }
        }
        if (rnd != null) {
            for (int q = 0; q < k; q++) {
                val[q] *= 1.0 + 1e-3 * rnd.nextDouble();
            }
        }
        return CsrMatrix.of(n, n, ptr, col, val);
    }

    private static void read(Path file, int repeats) throws IOException {
        CsrMatrix a = null;
        for (int w = 0; w < 2; w++) {
            a = MatrixMarket.read(file); // warm-up: JIT compiles the tokenizer and parser
        }
        double best = Double.POSITIVE_INFINITY;
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            a = MatrixMarket.read(file);
            best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
        }
        System.out.printf(Locale.ROOT, "ours_best_s=%.4f rows=%d nnz=%d repeats=%d%n",
                best, a.rows(), a.nnz(), repeats);
    }
}
