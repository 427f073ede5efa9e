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
 * zero pivot DIVERGED_ZERO_PIVOT naming the column. The initial guess is ignored.
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
        this.name = name;
        this.analyzer = analyzer;
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
        double[] r = this.r;
        double[] d = this.d;
        double[] rTry = this.rTry;
        factors.solve(bh, xh);
        double rnorm = residual(csr, bh, xh, r);
        test.record(1, rnorm);
        int steps = 1;
        for (int k = 0; k < REFINEMENT_STEPS && !test.satisfied(rnorm) && Double.isFinite(rnorm); k++) {
            factors.solve(r, d);
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
        this.r = r;
        this.rTry = rTry;
        x.setFrom(xh);
        StopReason reason = test.reasonFor(rnorm);
        if (reason == null) {
            return test.result(StopReason.DIVERGED_STAGNATION, steps, rnorm, String.format(Locale.ROOT,
                    "%s factorised, but the residual stays at %.2e of ||b|| after refinement: the matrix is singular"
                            + " or too ill-conditioned for this right-hand side", name, rnorm / test.bnorm()));
        }
        return test.result(reason, steps, rnorm, "");
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
