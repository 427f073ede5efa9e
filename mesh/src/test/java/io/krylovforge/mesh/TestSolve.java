package io.krylovforge.mesh;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.solvers.krylov.ConjugateGradient;

/** Test helpers: solve assembled systems and check the residual ourselves. */
public final class TestSolve {
    private TestSolve() {
    }

    /** CG at rtol 1e-12; asserts convergence and a recomputed relative residual below 1e-10. */
    public static double[] cg(CsrMatrix a, double[] b) {
        DenseVector x = DenseVector.zeros(b.length);
        SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b.clone()), x,
                SolverOptions.defaults().withRtol(1e-12).withMaxIterations(100_000));
        assertTrue(r.converged(), () -> "CG did not converge: " + r.summary());
        double[] u = x.toArray();
        assertTrue(relativeResidual(a, b, u) < 1e-10, "true residual too large");
        return u;
    }

    /** Dense LU with partial pivoting, for small non-symmetric systems. */
    public static double[] dense(CsrMatrix a, double[] b) {
        int n = b.length;
        double[][] m = a.toDense();
        double[] x = b.clone();
        for (int k = 0; k < n; k++) {
            int piv = k;
            for (int i = k + 1; i < n; i++) {
                if (Math.abs(m[i][k]) > Math.abs(m[piv][k])) {
                    piv = i;
                }
            }
            double[] t = m[k];
            m[k] = m[piv];
            m[piv] = t;
            double tb = x[k];
            x[k] = x[piv];
            x[piv] = tb;
            double[] mk = m[k];
            for (int i = k + 1; i < n; i++) {
                double[] mi = m[i];
                double l = mi[k] / mk[k];
                if (l != 0.0) {
                    for (int j = k; j < n; j++) {
                        mi[j] -= l * mk[j];
                    }
                    x[i] -= l * x[k];
                }
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = x[i];
            for (int j = i + 1; j < n; j++) {
                s -= m[i][j] * x[j];
            }
            x[i] = s / m[i][i];
        }
        assertTrue(relativeResidual(a, b, x) < 1e-10, "LU residual too large");
        return x;
    }

    public static double relativeResidual(CsrMatrix a, double[] b, double[] x) {
        double[] ax = a.multiply(x);
        double rr = 0.0;
        double bb = 0.0;
        for (int i = 0; i < b.length; i++) {
            rr += (b[i] - ax[i]) * (b[i] - ax[i]);
            bb += b[i] * b[i];
        }
        return Math.sqrt(rr / Math.max(bb, Double.MIN_NORMAL));
    }

    /** Least-squares slope of log(err) against log(h). */
    public static double slope(double[] h, double[] err) {
        int n = h.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(h[i]);
            double y = Math.log(err[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
