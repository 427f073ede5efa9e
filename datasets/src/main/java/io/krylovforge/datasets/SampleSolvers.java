package io.krylovforge.datasets;

import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import io.krylovforge.solvers.krylov.PreconditionerSide;
import io.krylovforge.solvers.recycle.GcroDr;
import io.krylovforge.solvers.recycle.GcroDrOptions;
import io.krylovforge.solvers.recycle.Orthogonalization;
import io.krylovforge.solvers.recycle.RecycleSpace;
import io.krylovforge.solvers.recycle.SequenceOptions;
import io.krylovforge.solvers.recycle.sort.GreedySort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@link SampleSolver}s by name: every registry solver ({@link Solvers#names()}) as
 * independent solves from a zero guess, one chain per sample; and {@code gcrodr}, SKR (Krylov
 * subspace recycling): each shard is ordered by {@link GreedySort} on the parameter arrays and
 * solved in contiguous chains of at most 250 samples by GCRO-DR(restart, {@value #RECYCLE}), each carrying a {@link RecycleSpace}
 * from system to system. Results are stored in the original sample order either way.
 *
 * <p>Reference: H. Wang et al., "Accelerating data generation for neural operators via Krylov
 * subspace recycling", ICLR 2024 (Alg. 1 sort, Alg. 2 GCRO-DR).
 */
public final class SampleSolvers {
    /** Recycle space dimension k of {@code gcrodr} (SKR default). */
    public static final int RECYCLE = GcroDr.DEFAULT_RECYCLE;

    private SampleSolvers() {
    }

    /** Names accepted by {@link #create}. */
    public static List<String> names() {
        List<String> n = new ArrayList<>(Solvers.names());
        n.add("gcrodr");
        return n;
    }

    /** The strategy for {@code spec}'s solver and preconditioner; checks both names now. */
    public static SampleSolver create(DatasetSpec spec) {
        Preconditioners.create(spec.precond()); // fail fast on an unknown name
        SolverOptions options = SolverOptions.defaults().withRtol(spec.rtol())
                .withMaxIterations(spec.maxIterations());
        if (spec.solver().equals("gcrodr")) {
            if (spec.restart() <= RECYCLE) {
                throw new DatasetArgumentException("gcrodr needs --restart > " + RECYCLE
                        + " (recycle space k = " + RECYCLE + "), got " + spec.restart());
            }
            return new Recycling(spec.restart(), RECYCLE, spec.precond(), options);
        }
        SolverParameters params = SolverParameters.defaults().withRestart(spec.restart());
        if (!Solvers.names().contains(spec.solver())) {
            throw new DatasetArgumentException("unknown solver '" + spec.solver() + "'; valid names: "
                    + String.join(", ", names()));
        }
        return new Independent(spec.solver(), spec.precond(), params, options);
    }

    /** SKR: greedy-sorted shard, one GCRO-DR chain with a recycle space carried along. */
    static final class Recycling implements SampleSolver {
        /** Longest recycling chain inside a shard. */
        static final int CHAIN_LENGTH = 250;
        /** Refresh period of the recycle space: the measured default of sequences. */
        static final int REFRESH_EVERY = SequenceOptions.DEFAULT_REFRESH_EVERY;

        private final int restart;
        private final int recycle;
        private final String precond;
        private final SolverOptions options;

        Recycling(int restart, int recycle, String precond, SolverOptions options) {
            this.restart = restart;
            this.recycle = recycle;
            this.precond = precond;
            this.options = options;
        }

        @Override
        public String name() {
            return "gcrodr(" + restart + "," + recycle + ")" + (precond.equals("none") ? "" : "+" + precond)
                    + " (SKR: GreedySort per shard, recycling chains of <= " + CHAIN_LENGTH + ", refresh every "
                    + REFRESH_EVERY + " cycles)";
        }

        @Override
        public boolean needsParameters() {
            return true;
        }

        /**
         * The greedy order cut into contiguous chains of at most {@value #CHAIN_LENGTH} samples, so
         * a shard's chains run on several workers. The cut depends only on the shard size, never on
         * the thread count, so shards stay byte-identical; each chain starts one cold solve.
         */
        @Override
        public int[][] chains(int n, double[][] parameters) {
            int[] order = new GreedySort().order(parameters);
            int count = Math.max(1, (n + CHAIN_LENGTH - 1) / CHAIN_LENGTH);
            int[][] out = new int[count][];
            for (int c = 0; c < count; c++) {
                int from = (int) ((long) n * c / count);
                int to = (int) ((long) n * (c + 1) / count);
                out[c] = Arrays.copyOfRange(order, from, to);
            }
            return out;
        }

        @Override
        public Chain newChain() {
            GcroDr g = new GcroDr(new GcroDrOptions(restart, recycle, PreconditionerSide.RIGHT,
                    Orthogonalization.MODIFIED, REFRESH_EVERY));
            RecycleSpace space = RecycleSpace.empty();
            Preconditioner m = precond.equals("none") ? null : Preconditioners.create(precond);
            SolverOptions o = options.withPreconditioner(m);
            return system -> {
                DenseVector x = DenseVector.zeros(system.size());
                SolveResult r = g.solve(system.a(), DenseVector.wrap(system.b().clone()), x, o, space);
                return new Solved(x.data(), r);
            };
        }
    }

    /** One registry solve per sample, zero initial guess, a fresh preconditioner per chain. */
    static final class Independent implements SampleSolver {
        private final String solver;
        private final String precond;
        private final SolverParameters params;
        private final SolverOptions options;

        Independent(String solver, String precond, SolverParameters params, SolverOptions options) {
            this.solver = solver;
            this.precond = precond;
            this.params = params;
            this.options = options;
        }

        @Override
        public String name() {
            return solver + (precond.equals("none") ? "" : "+" + precond) + " (independent)";
        }

        @Override
        public Chain newChain() {
            IterativeSolver s = Solvers.create(solver, params);
            Preconditioner m = precond.equals("none") ? null : Preconditioners.create(precond);
            SolverOptions o = options.withPreconditioner(m);
            return system -> solveOne(s, o, system);
        }

        private static Solved solveOne(IterativeSolver s, SolverOptions o, PdeInstance system) {
            DenseVector x = DenseVector.zeros(system.size());
            SolveResult r = s.solve(system.a(), DenseVector.wrap(system.b().clone()), x, o);
            return new Solved(x.data(), r);
        }
    }
}
