package io.krylovforge.bench;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.recycle.LinearSystem;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.SequenceOptions.Method;
import io.krylovforge.solvers.recycle.SequenceOptions.SortMode;
import io.krylovforge.solvers.recycle.SequenceResult;
import io.krylovforge.solvers.recycle.SequenceSolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * SKR benchmark (ICLR 2024 paper, Table 1 "Darcy 6400" setting): 100 Darcy-like systems
 * −∇·(K∇h) = 1, K = exp(GRF) (FNO-style cosine-series Gaussian random field, α = 2.5, τ = 7, seeded),
 * 5-point finite differences on an 82×82 grid (80² = 6400 unknowns), rows as the paper's generator
 * (diagonal 4K_i, off-diagonal −K_j of the neighbour: nonsymmetric), b = h²·1.
 *
 * <p>Compares GMRES(40) in input order (GCRO-DR with k = 0) with SKR = greedy-sorted GCRO-DR(40, 20)
 * at rtol 1e-5 and 1e-8, without preconditioner and with Jacobi, max 10000 iterations, x₀ = 0.
 * GMRES may run on a seeded sample of the systems (they are i.i.d., so its per-system average
 * estimates the average over all; default: all); the recycling runs need the whole set. Also
 * reports GCRO-DR without sorting (recycling alone). Writes a Markdown table. About 2–4 minutes.
 *
 * <p>Usage: {@code SkrBenchmark [systems=100] [gmresSample=systems] [out=bench/results/skr.md]}.
 */
public final class SkrBenchmark {
    private static final int S = 82; // grid incl. boundary, 80x80 interior

    private SkrBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int systems = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : systems;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/results/skr.md");
        long seed = 2024;
        long tGen = System.nanoTime();
        List<LinearSystem> all = darcySequence(systems, seed);
        double genS = (System.nanoTime() - tGen) / 1e9;
        List<LinearSystem> gmresSet = new ArrayList<>();
        Random pick = new Random(seed + 1);
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < systems; i++) {
            idx.add(i);
        }
        java.util.Collections.shuffle(idx, pick);
        for (int i = 0; i < Math.min(sample, systems); i++) {
            gmresSet.add(all.get(idx.get(i)));
        }
        // JIT warm-up on a few systems at a loose tolerance (not timed)
        SequenceOptions warm = SequenceOptions.defaults().withSolverOptions(SolverOptions.defaults().withRtol(1e-3));
        new SequenceSolver(warm).solve(all.subList(0, Math.min(4, systems)));
        new SequenceSolver(warm.withMethod(Method.GMRES)).solve(all.subList(0, Math.min(2, systems)));

        StringBuilder md = new StringBuilder();
        md.append("# SKR benchmark: Darcy-like sequence, n = 6400\n\n");
        md.append(String.format(Locale.ROOT, "%d systems, K = exp(GRF(alpha=2.5, tau=7)), seed %d, "
                + "nonsymmetric 5-point FD (SKR generator rows), b = h^2. GMRES(40) = GcroDr(40, 0) in input "
                + "order on %d systems; GCRO-DR(40,20) recycling in input order (no sort); SKR = greedy sort + "
                + "GCRO-DR(40,20). Max 10000 its, x0 = 0, right preconditioning, residual tested = true "
                + "residual. Per-system averages: iterations and CPU ms of the solving thread (wall ms in "
                + "brackets; the machine is shared, so wall time is noisy). %d cores visible. Generation "
                + "%.1f s.%n%n", systems, seed, gmresSet.size(), Runtime.getRuntime().availableProcessors(), genS));
        md.append("| precond | rtol | GMRES ms | GMRES its | GCRO-DR unsorted ms | its | SKR ms | SKR its | "
                + "time speed-up GMRES/SKR | iteration speed-up | converged G/U/S | max rel. res. SKR | sort ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String prec : new String[] {"none", "jacobi"}) {
            for (double tol : new double[] {1e-5, 1e-8}) {
                Supplier<Preconditioner> factory = prec.equals("jacobi") ? Jacobi::new : null;
                SequenceOptions base = SequenceOptions.defaults()
                        .withSolverOptions(SolverOptions.defaults().withRtol(tol).withMaxIterations(10_000))
                        .withPreconditioner(factory, true);
                SequenceResult g = new SequenceSolver(base.withMethod(Method.GMRES).withSort(SortMode.NONE))
                        .solve(gmresSet);
                SequenceResult u = new SequenceSolver(base.withSort(SortMode.NONE)).solve(all);
                SequenceResult s = new SequenceSolver(base.withSort(SortMode.GREEDY)).solve(all);
                double gms = ms(g) / gmresSet.size();
                double git = (double) g.totalIterations() / gmresSet.size();
                double ums = ms(u) / systems;
                double uit = (double) u.totalIterations() / systems;
                double sms = ms(s) / systems;
                double sit = (double) s.totalIterations() / systems;
                double worst = 0.0;
                for (int i = 0; i < systems; i++) {
                    worst = Math.max(worst, relres(all.get(i).a(), all.get(i).b(), s.systems().get(i).x()));
                }
                String row = String.format(Locale.ROOT,
                        "| %s | %.0e | %.1f [%.1f] | %.1f | %.1f [%.1f] | %.1f | %.1f [%.1f] | %.1f | %.2f | %.1f "
                                + "| %d/%d/%d of %d | %.2e | %.1f |%n",
                        prec, tol, gms, g.totalSolveNanos() / 1e6 / gmresSet.size(), git, ums,
                        u.totalSolveNanos() / 1e6 / systems, uit, sms, s.totalSolveNanos() / 1e6 / systems, sit,
                        gms / sms, git / sit, g.convergedCount(), u.convergedCount(), s.convergedCount(), systems,
                        worst, s.sortNanos() / 1e6);
                md.append(row);
                System.out.print(row);
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println("wrote " + out);
    }

    /** z = D⁻¹ r. */
    static final class Jacobi implements Preconditioner {
        private double[] inv;
        private LinearOperator last;

        @Override
        public void setUp(LinearOperator a) {
            if (a == last) {
                return; // same operator as last set-up: nothing to redo
            }
            double[] d = ((CsrMatrix) a).diagonal();
            inv = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                inv[i] = 1.0 / d[i];
            }
            last = a;
        }

        @Override
        public void apply(Vector r, Vector z) {
            double[] ra = DenseVector.array(r);
            double[] za = DenseVector.array(z);
            for (int i = 0; i < ra.length; i++) {
                za[i] = inv[i] * ra[i]; // z = D^-1 r
            }
        }

        @Override
        public String name() {
            return "jacobi";
        }
    }

    /** The Darcy-like sequence; parameters = the K field (the SKR sort key). */
    static List<LinearSystem> darcySequence(int count, long seed) {
        int m = S - 2;
        int modes = 24;
        double alpha = 2.5;
        double tau = 7.0;
        double[][] cosTable = new double[modes][m];
        for (int k = 0; k < modes; k++) {
            for (int i = 0; i < m; i++) {
                cosTable[k][i] = Math.cos(Math.PI * k * (i + 1.0) / (S - 1.0));
            }
        }
        double[][] lam = new double[modes][modes];
        for (int k1 = 0; k1 < modes; k1++) {
            for (int k2 = 0; k2 < modes; k2++) {
                double ev = Math.pow(Math.PI * Math.PI * (k1 * k1 + k2 * k2) + tau * tau, -alpha / 2.0);
                lam[k1][k2] = k1 + k2 == 0 ? 0.0 : 2.0 * Math.pow(tau, alpha - 1) * ev; // zero-mean field
            }
        }
        double h = 1.0 / (S - 3.0);
        List<LinearSystem> out = new ArrayList<>();
        Random rnd = new Random(seed);
        for (int sys = 0; sys < count; sys++) {
            double[][] coef = new double[modes][modes];
            for (int k1 = 0; k1 < modes; k1++) {
                for (int k2 = 0; k2 < modes; k2++) {
                    coef[k1][k2] = lam[k1][k2] * rnd.nextGaussian();
                }
            }
            // field(i,j) = sum_k1 cos_k1(i) sum_k2 coef[k1][k2] cos_k2(j): separable, O(modes * m^2)
            double[][] tmp = new double[modes][m];
            for (int k1 = 0; k1 < modes; k1++) {
                for (int j = 0; j < m; j++) {
                    double s = 0.0;
                    for (int k2 = 0; k2 < modes; k2++) {
                        s += coef[k1][k2] * cosTable[k2][j];
                    }
                    tmp[k1][j] = s;
                }
            }
            double[] kf = new double[m * m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double s = 0.0;
                    for (int k1 = 0; k1 < modes; k1++) {
                        s += cosTable[k1][i] * tmp[k1][j];
                    }
                    kf[j * m + i] = Math.exp(s);
                }
            }
            CooBuilder coo = new CooBuilder(m * m, m * m, 5 * m * m);
            for (int j = 0; j < m; j++) {
                for (int i = 0; i < m; i++) {
                    int row = j * m + i;
                    coo.add(row, row, 4.0 * kf[row]);
                    if (i > 0) {
                        coo.add(row, row - 1, -kf[row - 1]);
                    }
                    if (i < m - 1) {
                        coo.add(row, row + 1, -kf[row + 1]);
                    }
                    if (j > 0) {
                        coo.add(row, row - m, -kf[row - m]);
                    }
                    if (j < m - 1) {
                        coo.add(row, row + m, -kf[row + m]);
                    }
                }
            }
            double[] b = new double[m * m];
            java.util.Arrays.fill(b, h * h);
            out.add(new LinearSystem(coo.build(), DenseVector.wrap(b), kf));
        }
        return out;
    }

    /** CPU ms when measured, else wall ms. */
    private static double ms(SequenceResult r) {
        long cpu = r.totalCpuNanos();
        return (cpu >= 0 ? cpu : r.totalSolveNanos()) / 1e6;
    }

    static double relres(LinearOperator a, Vector b, Vector x) {
        Vector r = b.zerosLike();
        a.apply(x, r);
        r.axpby(1.0, b, -1.0);
        return r.norm2() / b.norm2();
    }
}
