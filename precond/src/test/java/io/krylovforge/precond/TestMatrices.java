package io.krylovforge.precond;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.SplittableRandom;

/** Matrices built in code for the preconditioner tests, and small checks shared by them. */
public final class TestMatrices {
    private TestMatrices() {
    }

    /** 2D 5-point Laplacian on an m×m interior grid, Dirichlet boundary, row-major numbering. */
    public static CsrMatrix laplace2d(int m) {
        int n = m * m;
        int[] ptr = new int[n + 1];
        int[] col = new int[5 * n];
        double[] val = new double[5 * n];
        int q = 0;
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                int i = y * m + x;
                if (y > 0) {
                    col[q] = i - m;
                    val[q++] = -1.0;
                }
                if (x > 0) {
                    col[q] = i - 1;
                    val[q++] = -1.0;
                }
                col[q] = i;
                val[q++] = 4.0;
                if (x < m - 1) {
                    col[q] = i + 1;
                    val[q++] = -1.0;
                }
                if (y < m - 1) {
                    col[q] = i + m;
                    val[q++] = -1.0;
                }
                ptr[i + 1] = q;
            }
        }
        return CsrMatrix.of(n, n, ptr, col, val);
    }

    /**
     * Upwind convection–diffusion −Δu + β·∇u on an m×m grid (h = 1/(m+1), β = (beta, beta/2)):
     * a nonsymmetric M-matrix.
     */
    public static CsrMatrix convectionDiffusion2d(int m, double beta) {
        double h = 1.0 / (m + 1);
        double bx = beta * h;
        double by = 0.5 * beta * h;
        CooBuilder coo = new CooBuilder(m * m, m * m);
        for (int y = 0; y < m; y++) {
            for (int x = 0; x < m; x++) {
                int i = y * m + x;
                coo.add(i, i, 4.0 + bx + by);
                if (x > 0) {
                    coo.add(i, i - 1, -1.0 - bx);
                }
                if (x < m - 1) {
                    coo.add(i, i + 1, -1.0);
                }
                if (y > 0) {
                    coo.add(i, i - m, -1.0 - by);
                }
                if (y < m - 1) {
                    coo.add(i, i + m, -1.0);
                }
            }
        }
        return coo.build();
    }

    /** S A S with S a seeded random diagonal in [1, 10]: SPD, badly scaled. */
    public static CsrMatrix badlyScaled(CsrMatrix a, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[a.rows()];
        for (int i = 0; i < s.length; i++) {
            s[i] = 1.0 + 9.0 * rnd.nextDouble();
        }
        int[] ptr = a.rowPtr();
        int[] col = a.colIdx();
        double[] val = a.values();
        for (int i = 0; i < s.length; i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                val[k] *= s[i] * s[col[k]];
            }
        }
        return a.withValues(val);
    }

    /** Seeded uniform random vector in [-1, 1). */
    public static double[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2.0 * rnd.nextDouble() - 1.0;
        }
        return v;
    }

    /** ‖b − Ax‖/‖b‖ recomputed from scratch. */
    public static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double rr = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(rr / bb);
    }

    /** PCG (m may be null) on A x = b from x = 0; x is written. */
    public static SolveResult pcg(CsrMatrix a, double[] b, double[] x, Preconditioner m, double rtol) {
        SolverOptions opts = SolverOptions.defaults().withRtol(rtol).withMaxIterations(5000)
                .withPreconditioner(m);
        return new ConjugateGradient().solve(a, DenseVector.wrap(b), DenseVector.wrap(x), opts);
    }

    /** z = M⁻¹ r on host arrays. */
    public static double[] apply(Preconditioner m, double[] r) {
        double[] z = new double[r.length];
        m.apply(DenseVector.wrap(r.clone()), DenseVector.wrap(z));
        return z;
    }

    /**
     * Preconditioned Richardson x ← x + M⁻¹(b − Ax) from x = 0 until the relative residual is
     * ≤ rtol; returns the iterations used, or -1 after maxIterations.
     */
    public static int richardson(CsrMatrix a, double[] b, double[] x, Preconditioner m, double rtol,
            int maxIterations) {
        m.setUp(a);
        java.util.Arrays.fill(x, 0.0);
        double[] r = new double[b.length];
        for (int k = 0; k <= maxIterations; k++) {
            double[] ax = a.multiply(x);
            for (int i = 0; i < r.length; i++) {
                r[i] = b[i] - ax[i]; // r = b - A x
            }
            if (relativeResidual(a, b, x) <= rtol) {
                return k;
            }
            double[] z = apply(m, r);
            for (int i = 0; i < x.length; i++) {
                x[i] += z[i]; // x <- x + M^-1 r
            }
        }
        return -1;
    }
}
