package io.krylovforge.datasets;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.StopReason;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.direct.ordering.GridShape;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.mesh.family.PdeInstance;
import io.krylovforge.solvers.SolverSpec;

/**
 * Samples of an SPD family solved by supernodal Cholesky with the family's shared pattern used
 * once per worker: the ordering (the cheaper of nested dissection on the grid and AMD) and the
 * symbolic analysis are done for the first sample a worker meets, then every sample costs one
 * numeric factorisation and two triangular solves. The true residual is recomputed; above rtol
 * one step of iterative refinement follows, and a sample still above rtol (or with a failed
 * pivot, reported with its column) is stored as not converged. Used by {@code auto} until the
 * registry offers {@code cholesky} itself.
 */
final class FactorizedSamples implements SampleSolver.Independent {
    private final SolverSpec spec;
    private final ThreadLocal<Cholesky> perWorker = new ThreadLocal<>();

    FactorizedSamples(SolverSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return String.format(java.util.Locale.ROOT, "auto -> cholesky (supernodal, ordering and symbolic analysis once"
                + " per worker, numeric factorisation per sample), rtol %.0e", spec.rtol());
    }

    @Override
    public Chain newChain() {
        return this::solve;
    }

    private Solved solve(PdeInstance system) {
        CsrMatrix a = system.a();
        double[] b = system.b();
        int n = a.rows();
        double[] x = new double[n];
        double bnorm = norm(b);
        if (bnorm == 0.0) {
            return new Solved(x, new SolveResult(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, 0.0, new double[] {0.0}, ""));
        }
        Cholesky c = perWorker.get();
        FactorStatus st;
        try {
            st = c == null ? null : c.factor(a);
        } catch (IllegalArgumentException differentPattern) {
            st = null;
        }
        if (st == null) {
            c = Cholesky.analyze(a, ordering(n));
            perWorker.set(c);
            st = c.factor(a);
        }
        if (!st.ok()) {
            return new Solved(x, new SolveResult(StopReason.DIVERGED_ZERO_PIVOT, 0, bnorm, 1.0, new double[] {bnorm},
                    st.message()));
        }
        c.solve(b, x);
        double[] r = new double[n];
        double rel = residual(a, b, x, r) / bnorm;
        int steps = 1;
        if (rel > spec.rtol()) {
            double[] dx = new double[n];
            c.solve(r, dx); // x <- x + A⁻¹ (b − A x)
            for (int i = 0; i < n; i++) {
                x[i] += dx[i];
            }
            rel = residual(a, b, x, r) / bnorm;
            steps++;
        }
        StopReason reason = rel <= spec.rtol() ? StopReason.CONVERGED_RTOL
                : rel * bnorm <= spec.atol() ? StopReason.CONVERGED_ATOL : StopReason.DIVERGED_STAGNATION;
        return new Solved(x, new SolveResult(reason, steps, rel * bnorm, rel, new double[] {bnorm, rel * bnorm},
                reason.converged() ? "" : "refinement did not reach rtol"));
    }

    /** Nested dissection on the m×m grid when n = m² (the 2D families), compared with AMD by predicted flops. */
    private static Ordering ordering(int n) {
        int m = (int) Math.round(Math.sqrt(n));
        return m * m == n ? Ordering.fewestFlops(Ordering.nestedDissection(GridShape.of(m, m)), Ordering.amd())
                : Ordering.amd();
    }

    /** r = b − A x; returns ‖r‖. */
    private static double residual(CsrMatrix a, double[] b, double[] x, double[] r) {
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        double sum = 0.0;
        for (int i = 0, n = a.rows(); i < n; i++) {
            double s = b[i];
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                s -= val[k] * x[col[k]];
            }
            r[i] = s;
            sum += s * s;
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] v) {
        double s = 0.0;
        for (double d : v) {
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
