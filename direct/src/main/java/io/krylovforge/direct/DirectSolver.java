package io.krylovforge.direct;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;
import java.util.Locale;
import java.util.function.Function;

/**
 * A sparse direct factorisation behind the {@link IterativeSolver} shape, so the registry, the
 * CLI and the batch generator use it like any solver: analyse (once per pattern; kept while the
 * pattern stays the same), factorise (skipped when handed the matrix it last factorised), solve,
 * then up to {@link #REFINEMENT_STEPS} steps of iterative refinement x ← x + A⁻¹(b − Ax). The
 * true residual is recomputed before CONVERGED is reported; a residual above the tolerance after
 * refinement (a singular, inconsistent or too ill-conditioned system) is DIVERGED_STAGNATION, a
 * zero pivot DIVERGED_ZERO_PIVOT naming the column. The initial guess is ignored. A solver built
 * with a fallback (a supernodal LU with perturbed pivots, falling back to {@code SparseLu}) retries a
 * sample whose residual fails with the fallback's factorisation, and says so in the result message.
 *
 * <p>An instance holds the cached factors and its solve workspace, so it serves one thread at a
 * time; repeated solves of one order allocate no n-sized arrays (a batch of thousands of samples
 * otherwise spends its time on garbage collection and on the page faults of a growing heap).
 */
public final class DirectSolver implements IterativeSolver {
    /** Refinement steps at most; each costs one product and one pair of triangular solves. */
    public static final int REFINEMENT_STEPS = 2;

    private final String name;
    private final Function<CsrMatrix, SparseFactorization> analyzer;
    private SparseFactorization factors;
    private CsrMatrix factored;
    private FactorStatus lastStatus;
    private final Function<CsrMatrix, SparseFactorization> fallbackAnalyzer;
    private SparseFactorization fallback;
    private CsrMatrix fallbackFactored;
    private FactorStatus fallbackStatus;
    /** Solve-and-refine steps of the last {@link #solveRefined} call. */
    private int refinedSteps;
    /** Workspace of the last order solved: solution, residual, correction, trial residual. */
    private double[] xh = new double[0];
    private double[] r = new double[0];
    private double[] d = new double[0];
    private double[] rTry = new double[0];

    /**
     * @param name     registry name ("lu", "cholesky", "ldlt")
     * @param analyzer orders and analyses a pattern, returning a factorisation ready for {@code factor}
     */
    public DirectSolver(String name, Function<CsrMatrix, SparseFactorization> analyzer) {
        this(name, analyzer, null);
    }

    /**
     * @param name             registry name
     * @param analyzer         orders and analyses a pattern, returning a factorisation ready for {@code factor}
     * @param fallbackAnalyzer the same for the factorisation tried when the first one's residual
     *                         fails after refinement (analysed on first need, then kept per pattern),
     *                         or null for none
     */
    public DirectSolver(String name, Function<CsrMatrix, SparseFactorization> analyzer,
            Function<CsrMatrix, SparseFactorization> fallbackAnalyzer) {
        this.name = name;
        this.analyzer = analyzer;
        this.fallbackAnalyzer = fallbackAnalyzer;
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        if (!(a instanceof CsrMatrix csr)) {
            throw new IllegalArgumentException(name + " is a direct solver and needs an assembled CsrMatrix, got "
                    + a.getClass().getSimpleName());
        }
        if (test.bnorm() == 0.0) {
            return SolverSupport.zeroRhs(x, test);
        }
        test.record(0, test.bnorm());
        FactorStatus status = factorize(csr);
        if (!status.ok()) {
            x.fill(0.0);
            return test.result(StopReason.DIVERGED_ZERO_PIVOT, 0, test.bnorm(),
                    status.column() >= 0 ? "column " + status.column() + ": " + status.message() : status.message());
        }
        int n = csr.rows();
        if (xh.length != n) {
            xh = new double[n];
            r = new double[n];
            d = new double[n];
            rTry = new double[n];
        }
        // b is only read (SparseFactorization.solve leaves it unchanged), so a dense b is used in place
        double[] bh = b instanceof DenseVector dense ? dense.data() : b.toArray();
        double[] xh = this.xh;
        double rnorm = solveRefined(factors, csr, bh, xh, test, 0);
        int steps = refinedSteps;
        StopReason reason = test.reasonFor(rnorm);
        if (reason == null && fallbackAnalyzer != null) {
            double first = rnorm;
            FactorStatus fs = factorizeFallback(csr);
            if (!fs.ok()) {
                x.fill(0.0);
                return test.result(StopReason.DIVERGED_ZERO_PIVOT, steps, test.bnorm(), String.format(Locale.ROOT,
                        "%s left a residual of %.2e of ||b|| after refinement; %s then failed: %s", name,
                        first / test.bnorm(), fallback.name(),
                        fs.column() >= 0 ? "column " + fs.column() + ": " + fs.message() : fs.message()));
            }
            double[] xf = new double[n];
            double rf = solveRefined(fallback, csr, bh, xf, test, steps);
            steps = refinedSteps;
            if (rf < rnorm) {
                rnorm = rf;
                xh = xf;
            }
            StopReason fr = test.reasonFor(rnorm);
            if (fr != null) {
                x.setFrom(xh);
                return test.result(fr, steps, rnorm, String.format(Locale.ROOT,
                        "%s left a residual of %.2e of ||b|| after refinement (%s); solved by %s instead",
                        name, first / test.bnorm(), lastStatus.message(), fallback.name()));
            }
        }
        x.setFrom(xh);
        if (reason == null) {
            reason = test.reasonFor(rnorm);
        }
        if (reason == null) {
            return test.result(StopReason.DIVERGED_STAGNATION, steps, rnorm, String.format(Locale.ROOT,
                    "%s factorised%s, but the residual stays at %.2e of ||b|| after refinement: the matrix is singular"
                            + " or too ill-conditioned for this right-hand side", name,
                    fallback == null ? "" : " (and " + fallback.name() + ")", rnorm / test.bnorm()));
        }
        return test.result(reason, steps, rnorm, "");
    }

    /**
     * x = A⁻¹·b with f, then up to {@link #REFINEMENT_STEPS} refinement steps, each kept only if it
     * lowers the residual; records the residuals as steps after {@code stepsBefore}, leaves the
     * step count in {@link #refinedSteps} and returns ‖b − A·x‖.
     */
    private double solveRefined(SparseFactorization f, CsrMatrix csr, double[] bh, double[] xh,
            ConvergenceTest test, int stepsBefore) {
        int n = csr.rows();
        double[] r = this.r;
        double[] d = this.d;
        double[] rTry = this.rTry;
        f.solve(bh, xh);
        double rnorm = residual(csr, bh, xh, r);
        int steps = stepsBefore + 1;
        test.record(steps, rnorm);
        for (int k = 0; k < REFINEMENT_STEPS && !test.satisfied(rnorm) && Double.isFinite(rnorm); k++) {
            f.solve(r, d);
            for (int i = 0; i < n; i++) {
                d[i] += xh[i]; // candidate x + A⁻¹ r, kept only if it lowers the residual
            }
            double tried = residual(csr, bh, d, rTry);
            steps++;
            test.record(steps, tried);
            if (!(tried < rnorm)) {
                break;
            }
            System.arraycopy(d, 0, xh, 0, n);
            double[] swap = r;
            r = rTry;
            rTry = swap;
            rnorm = tried;
        }
        this.r = r; // the refinement swaps residual buffers
        this.rTry = rTry;
        refinedSteps = steps;
        return rnorm;
    }

    /** The fallback's analysis is kept while the pattern stays the same, like the first one's. */
    private FactorStatus factorizeFallback(CsrMatrix a) {
        if (a == fallbackFactored && fallbackStatus != null) {
            return fallbackStatus;
        }
        if (fallback == null || fallbackFactored == null || !fallbackFactored.samePattern(a)) {
            fallback = fallbackAnalyzer.apply(a);
        }
        fallbackStatus = fallback.factor(a);
        fallbackFactored = a;
        return fallbackStatus;
    }

    /** Analysis reused while the pattern is the same; numbers reused for the very same matrix. */
    private FactorStatus factorize(CsrMatrix a) {
        if (a == factored && lastStatus != null) {
            return lastStatus;
        }
        if (factors == null || factored == null || !factored.samePattern(a)) {
            factors = analyzer.apply(a);
        }
        lastStatus = factors.factor(a);
        factored = a;
        return lastStatus;
    }

    /** r ← b − A·x; returns ‖r‖. */
    private static double residual(CsrMatrix a, double[] b, double[] x, double[] r) {
        a.multiply(x, r);
        double s = 0.0;
        for (int i = 0; i < r.length; i++) {
            double v = b[i] - r[i];
            r[i] = v;
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** The factorisation of the last solve (null before one), for reports: nnz, flops, name. */
    public SparseFactorization factorization() {
        return factors;
    }

    @Override
    public String name() {
        return name;
    }
}
