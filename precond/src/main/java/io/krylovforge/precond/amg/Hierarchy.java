package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.direct.SparseFactorization;
import io.krylovforge.direct.dense.DenseLu;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An AMG hierarchy as plain data: the levels, finest first, and the coarse-grid solver, plus
 * the preallocated per-level vectors one cycle needs (so a cycle allocates nothing).
 *
 * <p>{@link #toString()} prints PyAMG's level table: unknowns, nonzeros and share per level,
 * operator complexity Σ nnz(Aₗ)/nnz(A₀) and grid complexity Σ nₗ/n₀.
 */
public final class Hierarchy {
    /**
     * Coarse grids that sparse Cholesky cannot factorise (not SPD) and that are larger than this
     * are smoothed instead of factorised (dense LU is n³/3).
     */
    static final int MAX_DENSE_COARSE = 2000;
    /** Symmetric Gauss–Seidel sweeps standing in for a coarse solve when it is too large. */
    static final int COARSE_SWEEPS = 20;

    private final List<Level> levels;
    private final CsrMatrix[] a;
    private final CsrMatrix[] p;
    private final CsrMatrix[] r;
    private final double[][] x;
    private final double[][] b;
    private final double[][] res;
    private final SparseFactorization coarseFactor;
    private final DenseLu coarseLu;
    private final Smoother coarseSmoother;
    private final double[] coarseWork;

    Hierarchy(List<Level> levels, CsrMatrix[] a, CsrMatrix[] p, CsrMatrix[] r, SparseFactorization coarseFactor,
            DenseLu coarseLu, Smoother coarseSmoother) {
        this.levels = List.copyOf(levels);
        this.a = a;
        this.p = p;
        this.r = r;
        int count = a.length;
        this.x = new double[count][];
        this.b = new double[count][];
        this.res = new double[count][];
        for (int l = 0; l < count; l++) {
            x[l] = new double[a[l].rows()];
            b[l] = new double[a[l].rows()];
            res[l] = new double[a[l].rows()];
        }
        this.coarseFactor = coarseFactor;
        this.coarseLu = coarseLu;
        this.coarseSmoother = coarseSmoother;
        this.coarseWork = new double[a[count - 1].rows()];
    }

    /** {@return the levels, finest first} */
    public List<Level> levels() {
        return levels;
    }

    /** {@return the number of levels} */
    public int size() {
        return levels.size();
    }

    /** Σ nnz(Aₗ) / nnz(A₀). */
    public double operatorComplexity() {
        double total = 0;
        for (CsrMatrix m : a) {
            total += m.nnz();
        }
        return total / Math.max(1, a[0].nnz());
    }

    /** Σ nₗ / n₀. */
    public double gridComplexity() {
        double total = 0;
        for (CsrMatrix m : a) {
            total += m.rows();
        }
        return total / Math.max(1, a[0].rows());
    }

    /** {@return the name of the coarse-grid solver} */
    public String coarseSolver() {
        if (coarseFactor != null) {
            return "sparse Cholesky (nnz(L) = " + coarseFactor.factorNonzeros() + ")";
        }
        return coarseLu != null ? "dense LU" : COARSE_SWEEPS + " symmetric Gauss-Seidel sweeps";
    }

    /**
     * One cycle for A₀ x = rhs: x is the initial guess on entry ({@code zeroGuess} ignores and
     * overwrites it) and the improved iterate on exit.
     */
    void cycle(double[] rhs, double[] sol, boolean zeroGuess, Cycle shape) {
        if (zeroGuess) {
            Arrays.fill(sol, 0.0);
        }
        visit(0, rhs, sol, shape.gamma());
    }

    private void visit(int l, double[] rhs, double[] sol, int gamma) {
        int last = a.length - 1;
        if (l == last) {
            coarseSolve(rhs, sol);
            return;
        }
        Level level = levels.get(l);
        level.pre().smooth(rhs, sol);
        double[] coarseRhs = b[l + 1];
        double[] coarseSol = x[l + 1];
        Arrays.fill(coarseSol, 0.0);
        a[l].residual(rhs, sol, res[l]); // res = b - A x
        r[l].multiply(res[l], coarseRhs); // b_c = R res
        // W-cycle as PyAMG: gamma cycles on the coarse problem, each from the last one's
        // result; the exact coarse solve needs no repeat.
        int visits = l + 1 == last ? 1 : gamma;
        for (int v = 0; v < visits; v++) {
            visit(l + 1, coarseRhs, coarseSol, gamma);
        }
        p[l].multiplyAdd(coarseSol, sol); // x <- x + P x_c
        level.post().smooth(rhs, sol);
    }

    private void coarseSolve(double[] rhs, double[] sol) {
        if (coarseFactor != null) {
            coarseFactor.solve(rhs, sol); // x = A_c^-1 b
            return;
        }
        if (coarseLu != null) {
            coarseLu.solve(rhs, 0, sol, 0, coarseWork); // x = A_c^-1 b
            return;
        }
        Arrays.fill(sol, 0.0);
        for (int s = 0; s < COARSE_SWEEPS; s++) {
            coarseSmoother.smooth(rhs, sol);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("MultilevelSolver\n");
        sb.append(String.format(Locale.ROOT, "Number of Levels:     %d%n", a.length));
        sb.append(String.format(Locale.ROOT, "Operator Complexity: %6.3f%n", operatorComplexity()));
        sb.append(String.format(Locale.ROOT, "Grid Complexity:     %6.3f%n", gridComplexity()));
        sb.append("Coarse Solver:        ").append(coarseSolver()).append('\n');
        sb.append("  level   unknowns     nonzeros\n");
        long total = 0;
        for (CsrMatrix m : a) {
            total += m.nnz();
        }
        for (int l = 0; l < a.length; l++) {
            sb.append(String.format(Locale.ROOT, "%6d %11d %12d [%5.2f%%]%n", l, a[l].rows(), a[l].nnz(),
                    100.0 * a[l].nnz() / Math.max(1, total)));
        }
        return sb.toString();
    }
}
