package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.FactorTooLargeException;
import io.krylovforge.direct.SparseFactorization;
import io.krylovforge.direct.dense.DenseLu;
import io.krylovforge.precond.PreconditionerSupport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Smoothed-aggregation algebraic multigrid, after PyAMG's {@code smoothed_aggregation_solver}.
 *
 * <p>Set-up, level by level until {@code maxLevels} or at most {@code maxCoarse} unknowns:
 * symmetric strength of connection (θ) → standard aggregation → tentative prolongator T from the
 * near-nullspace candidate B = 1 (piecewise constant, columns normalised) → Jacobi-smoothed
 * prolongator P = (I − ω D⁻¹A) T with ω = (4/3)/ρ(D⁻¹A), ρ from 15 Lanczos steps → R = Pᵀ and
 * Galerkin coarse operator A_c = R A P. The coarsest level is solved by dense LU
 * (PyAMG uses a pseudo-inverse; a singular coarse matrix throws
 * {@link PreconditionerFailedException}).
 *
 * <p>As a preconditioner, {@code apply} is one cycle from a zero guess; with the default
 * symmetric Gauss–Seidel (or Jacobi/Chebyshev) smoothing and R = Pᵀ the cycle is symmetric and,
 * for SPD A, positive definite, so it may precondition CG. {@link #solve} runs cycles as a
 * stand-alone stationary solver. Set-up costs O(nnz) per level over primitive arrays.
 *
 * <p>Requirements: a symmetric {@link CsrMatrix} with positive diagonal (SPD for guarantees).
 * {@link #update} with a matrix of the same pattern keeps the aggregates and redoes the numeric
 * stages only.
 *
 * <p>References: Vaněk, Mandel, Brezina, Computing 56 (1996); Bell, Olson, Schroder, PyAMG
 * (pyamg/aggregation/aggregation.py, pyamg/multilevel.py); Trottenberg, Oosterlee, Schüller,
 * Multigrid (2001), §2.4 for the cycles.
 */
public final class SmoothedAggregationAmg implements Preconditioner {
    private final double theta;
    private final int maxLevels;
    private final int maxCoarse;
    private final SmootherKind smoother;
    private final Cycle cycle;
    private final long seed;
    private final boolean denseCoarse;
    private LinearOperator last;
    private CsrMatrix pattern;
    private Hierarchy hierarchy;
    /** Aggregates of every level of the last set-up, reused by {@link #update}. */
    private List<Aggregation> aggregates = List.of();

    /** AMG with {@link AmgOptions#defaults()} (PyAMG's). */
    public SmoothedAggregationAmg() {
        this(AmgOptions.defaults());
    }

    /**
     * AMG with {@code options}: {@code new SmoothedAggregationAmg(AmgOptions.defaults().withTheta(0.08))}.
     *
     * @param options strength threshold, level limits, smoother, cycle and seed
     */
    public SmoothedAggregationAmg(AmgOptions options) {
        this(options, false);
    }

    private SmoothedAggregationAmg(AmgOptions options, boolean denseCoarse) {
        if (options == null) {
            throw new IllegalArgumentException("AMG options must not be null");
        }
        this.theta = options.theta();
        this.maxLevels = options.maxLevels();
        this.maxCoarse = options.maxCoarse();
        this.smoother = options.smoother();
        this.cycle = options.cycle();
        this.seed = options.seed();
        this.denseCoarse = denseCoarse;
    }

    /**
     * The options this preconditioner was built with.
     *
     * @return θ, level limits, smoother, cycle and seed
     */
    public AmgOptions options() {
        return new AmgOptions(theta, maxLevels, maxCoarse, smoother, cycle, seed);
    }

    /**
     * Builder with PyAMG's defaults: θ = 0, 10 levels, max coarse 10, symmetric GS, V-cycle.
     *
     * @return a builder with the defaults
     * @deprecated the options record is the one configuration shape: use
     *             {@link #SmoothedAggregationAmg(AmgOptions)} with {@link AmgOptions#defaults()} and its {@code withX}
     */
    @Deprecated
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fluent front of {@link AmgOptions} (each setter is the record's {@code withX}, validated there).
     *
     * @deprecated use {@link AmgOptions} and {@link SmoothedAggregationAmg#SmoothedAggregationAmg(AmgOptions)}
     */
    @Deprecated
    public static final class Builder {
        private AmgOptions options = AmgOptions.defaults();
        private boolean denseCoarse;

        private Builder() {
        }

        /**
         * Strength threshold θ in [0, 1] (default 0: every off-diagonal entry is strong).
         *
         * @param value θ in [0, 1]
         * @return this builder
         */
        public Builder theta(double value) {
            options = options.withTheta(value);
            return this;
        }

        /**
         * Most levels, counting the finest (≥ 1; default 10).
         *
         * @param value level limit ≥ 1
         * @return this builder
         */
        public Builder maxLevels(int value) {
            options = options.withMaxLevels(value);
            return this;
        }

        /**
         * Stop coarsening at this many unknowns or fewer (≥ 1; default 10).
         *
         * @param value coarsest size ≥ 1
         * @return this builder
         */
        public Builder maxCoarse(int value) {
            options = options.withMaxCoarse(value);
            return this;
        }

        /**
         * Pre- and post-smoother (default symmetric Gauss–Seidel).
         *
         * @param value the smoother
         * @return this builder
         */
        public Builder smoother(SmootherKind value) {
            options = options.withSmoother(value);
            return this;
        }

        /**
         * Cycle shape (default V).
         *
         * @param value the cycle
         * @return this builder
         */
        public Builder cycle(Cycle value) {
            options = options.withCycle(value);
            return this;
        }

        /**
         * Seed of the Lanczos start vectors (default 42).
         *
         * @param value the seed
         * @return this builder
         */
        public Builder seed(long value) {
            options = options.withSeed(value);
            return this;
        }

        /**
         * Skips the sparse Cholesky coarse solve: dense LU up to 2000 unknowns, smoothing above
         * (the solver before the direct module existed; tests compare the two).
         */
        Builder denseCoarse() {
            denseCoarse = true;
            return this;
        }

        /**
         * A preconditioner with these settings; the hierarchy is built by {@code setUp}.
         *
         * @return a new, not yet set-up preconditioner
         */
        public SmoothedAggregationAmg build() {
            return new SmoothedAggregationAmg(options, denseCoarse);
        }
    }

    /**
     * The hierarchy of the last set-up ({@code null} before).
     *
     * @return the levels; {@code toString()} prints the PyAMG-style table
     */
    public Hierarchy hierarchy() {
        return hierarchy;
    }

    /** The aggregates of every coarsened level of the last set-up or update (tests check reuse). */
    List<Aggregation> aggregates() {
        return aggregates;
    }

    @Override
    public void setUp(LinearOperator op) {
        if (op == last) {
            return;
        }
        CsrMatrix matrix = PreconditionerSupport.requireSquareCsr(op, "amg");
        List<Aggregation> fresh = new ArrayList<>();
        hierarchy = build(matrix, List.of(), fresh);
        aggregates = fresh;
        pattern = matrix;
        last = op;
    }

    /**
     * New values on the set-up pattern: keeps the aggregates of every level (the symbolic
     * stage: strength and aggregation) and redoes only the numeric stages (tentative and
     * smoothed P, Galerkin products, smoothers, coarse LU). Any other matrix gets a full set-up.
     */
    @Override
    public void update(LinearOperator op) {
        if (op == last) {
            return;
        }
        if (pattern != null && op instanceof CsrMatrix m && m.samePattern(pattern)) {
            List<Aggregation> used = new ArrayList<>();
            hierarchy = build(m, aggregates, used);
            aggregates = used;
            last = op;
            return;
        }
        setUp(op);
    }

    /**
     * Builds the hierarchy; level l uses {@code reuse.get(l)} as its aggregates when given (and
     * sized for that level), else aggregates afresh. The aggregates used go into {@code used}.
     */
    private Hierarchy build(CsrMatrix matrix, List<Aggregation> reuse, List<Aggregation> used) {
        List<CsrMatrix> as = new ArrayList<>();
        List<CsrMatrix> ps = new ArrayList<>();
        List<CsrMatrix> rs = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        CsrMatrix a = matrix;
        double[] candidate = new double[a.rows()];
        Arrays.fill(candidate, 1.0); // near-nullspace of the Laplacian: constants
        while (as.size() + 1 < maxLevels && a.rows() > maxCoarse) {
            int level = as.size();
            Aggregation agg;
            if (level < reuse.size() && reuse.get(level).index().length == a.rows()) {
                agg = reuse.get(level);
            } else {
                agg = Aggregation.standard(StrengthOfConnection.symmetric(a, theta));
            }
            if (agg.count() == 0 || agg.count() >= a.rows()) {
                break; // no coarsening possible: stop here and solve this level directly
            }
            used.add(agg);
            double[] coarseCandidate = new double[agg.count()];
            CsrMatrix t = LevelSupport.tentative(agg, candidate, coarseCandidate);
            double[] invDiag = invertDiagonal(a, as.size());
            double rho = LevelSupport.spectralRadius(a, seed + as.size());
            CsrMatrix p = LevelSupport.smoothProlongator(a, invDiag, 4.0 / 3.0 / rho, t);
            CsrMatrix r = p.transpose();
            CsrMatrix coarse = SparseMatrixProduct.multiply(r, SparseMatrixProduct.multiply(a, p));
            Smoother sm = smoother.create(a, seed + 1000 + as.size());
            levels.add(new Level(a, p, r, sm, sm));
            as.add(a);
            ps.add(p);
            rs.add(r);
            a = coarse;
            candidate = coarseCandidate;
        }
        as.add(a);
        levels.add(new Level(a, null, null, null, null));
        SparseFactorization coarseFactor = denseCoarse ? null : coarseCholesky(a);
        DenseLu lu = null;
        Smoother coarseSmoother = null;
        if (coarseFactor != null) {
            // exact coarse solve by sparse Cholesky (analysed with AMD), any size that fits
        } else if (a.rows() <= Hierarchy.MAX_DENSE_COARSE) {
            int n = a.rows();
            double[] dense = new double[n * n];
            int[] ptr = a.rowPtr();
            int[] col = a.colIdx();
            double[] val = a.values();
            for (int i = 0; i < n; i++) {
                for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                    dense[i * n + col[k]] = val[k];
                }
            }
            lu = new DenseLu(n, dense, 0);
        } else {
            coarseSmoother = SmootherKind.SYMMETRIC_GAUSS_SEIDEL.create(a, seed);
        }
        return new Hierarchy(levels, as.toArray(new CsrMatrix[0]), ps.toArray(new CsrMatrix[0]),
                rs.toArray(new CsrMatrix[0]), coarseFactor, lu, coarseSmoother);
    }

    /**
     * Sparse Cholesky of the coarsest operator, or null when it is not SPD (then the dense LU or
     * the smoother takes over) or its factor would not fit the heap.
     */
    private static SparseFactorization coarseCholesky(CsrMatrix coarse) {
        try {
            Cholesky chol = Cholesky.analyze(coarse);
            return chol.factor(coarse).ok() ? chol : null;
        } catch (FactorTooLargeException e) {
            return null;
        }
    }

    private static double[] invertDiagonal(CsrMatrix a, int level) {
        double[] d = a.diagonal();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] > 0.0)) {
                throw new PreconditionerFailedException("amg: level " + level
                        + " needs a positive diagonal, row " + i + " (0-based) has " + d[i]);
            }
            d[i] = 1.0 / d[i];
        }
        return d;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("amg", hierarchy == null ? -1 : hierarchy.levels().get(0).a().rows(), rr, zz);
        hierarchy.cycle(rr, zz, true, cycle); // z = one cycle for A z = r from z = 0
    }

    /**
     * Stand-alone multigrid: cycles on A x = b from the guess in x until
     * ‖b − Ax‖ ≤ rtol·‖b‖ or {@code maxCycles} cycles. Sets up on first use.
     *
     * @param a         the matrix the hierarchy is built for (set up here if needed)
     * @param b         the right-hand side
     * @param x         guess in, solution out
     * @param rtol      stop when ‖b − Ax‖ ≤ rtol·‖b‖
     * @param maxCycles cycle limit
     * @return the stop reason, cycles done and the true residual history
     */
    public SolveResult solve(CsrMatrix a, double[] b, double[] x, double rtol, int maxCycles) {
        if (!(rtol > 0.0) || maxCycles < 0) {
            throw new IllegalArgumentException("need rtol > 0 and maxCycles >= 0, got rtol=" + rtol
                    + ", maxCycles=" + maxCycles);
        }
        if (b.length != a.rows() || x.length != a.rows()) {
            throw new DimensionMismatchException("matrix is " + a.rows()
                    + "x" + a.cols() + " but b has " + b.length + " and x has " + x.length + " entries");
        }
        try {
            setUp(a);
        } catch (PreconditionerFailedException e) {
            return new SolveResult(StopReason.DIVERGED_PRECONDITIONER_FAILED, 0, Double.NaN, Double.NaN,
                    new double[0], e.getMessage());
        }
        double bnorm = norm(b);
        if (bnorm == 0.0) {
            Arrays.fill(x, 0.0);
            return new SolveResult(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, 0.0, new double[] {0.0}, "");
        }
        double[] r = new double[b.length];
        double[] history = new double[maxCycles + 1];
        double rnorm = residualNorm(a, b, x, r);
        history[0] = rnorm;
        int k = 0;
        StopReason reason = null;
        while (reason == null) {
            if (!Double.isFinite(rnorm)) {
                reason = StopReason.DIVERGED_NAN;
            } else if (rnorm <= rtol * bnorm) {
                reason = StopReason.CONVERGED_RTOL;
            } else if (rnorm > 1e5 * history[0]) {
                reason = StopReason.DIVERGED_DTOL;
            } else if (k >= maxCycles) {
                reason = StopReason.DIVERGED_MAX_ITERATIONS;
            } else {
                hierarchy.cycle(b, x, false, cycle); // x <- cycle(x)
                k++;
                rnorm = residualNorm(a, b, x, r);
                history[k] = rnorm;
            }
        }
        return new SolveResult(reason, k, rnorm, rnorm / bnorm, Arrays.copyOf(history, k + 1), "");
    }

    private static double residualNorm(CsrMatrix a, double[] b, double[] x, double[] r) {
        a.multiply(x, r);
        double s = 0.0;
        for (int i = 0; i < r.length; i++) {
            double d = b[i] - r[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private static double norm(double[] v) {
        double s = 0.0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }

    @Override
    public String name() {
        return "amg";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
