package io.krylovforge.learned;

import io.krylovforge.core.linalg.LinearOperator;
import java.util.Arrays;
import java.util.Random;

/**
 * Ritz pairs of a symmetric operator from m Lanczos steps with full re-orthogonalisation
 * (classical Gram–Schmidt twice, so the basis stays orthonormal to working precision and no
 * spurious copies appear), start vector A·randn as in DCDM's {@code datasetcreate.py}. The
 * tridiagonal T is diagonalised by the implicit QL method (EISPACK tql2, as in JAMA).
 *
 * <p>Cost: m products with A plus O(m²n) for the orthogonalisation and the Ritz vectors; meant
 * for the small m (hundreds) of CPU training. Ritz values below 1e-8 (null space) are dropped.
 *
 * <p>References: Paige, The computation of eigenvalues and eigenvectors of very large sparse
 * matrices (1971); Bowdler, Martin, Reinsch, Wilkinson, The QR and QL algorithms for symmetric
 * matrices, Numer. Math. 11 (1968).
 */
final class RitzVectors {
    /** Ritz values ascending and the matching unit Ritz vectors (vectors[i] has length n). */
    record Pairs(double[] values, double[][] vectors) {
    }

    private RitzVectors() {
    }

    static Pairs compute(LinearOperator a, int m, long seed) {
        int n = a.rows();
        m = Math.min(m, n);
        Random rnd = new Random(seed);
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextGaussian();
        }
        double[][] v = new double[m][];
        double[] w = new double[n];
        a.apply(g, w); // v0 ∝ A randn
        double[] alpha = new double[m];
        double[] beta = new double[m];
        int steps = 0;
        double nrm = norm(w);
        for (int j = 0; j < m; j++) {
            v[j] = new double[n];
            for (int i = 0; i < n; i++) {
                v[j][i] = w[i] / nrm;
            }
            steps = j + 1;
            a.apply(v[j], w); // w = A v_j
            alpha[j] = dot(w, v[j]);
            for (int pass = 0; pass < 2; pass++) { // w <- w - V (V' w), twice
                for (int k = 0; k <= j; k++) {
                    double c = dot(w, v[k]);
                    axpy(-c, v[k], w);
                }
            }
            nrm = norm(w);
            if (j + 1 < m) {
                beta[j] = nrm;
                if (!(nrm > 1e-10 * Math.abs(alpha[j]) + 1e-300)) {
                    break; // invariant subspace found: T is exact
                }
            }
        }
        double[] d = Arrays.copyOf(alpha, steps);
        double[] e = new double[steps];
        for (int i = 1; i < steps; i++) {
            e[i] = beta[i - 1]; // tql2 convention: e[i] couples rows i-1 and i
        }
        double[][] z = new double[steps][steps];
        for (int i = 0; i < steps; i++) {
            z[i][i] = 1.0;
        }
        tql2(d, e, z, steps);
        int keep = 0;
        for (int i = 0; i < steps; i++) {
            if (d[i] >= 1e-8) {
                keep++;
            }
        }
        double[] values = new double[keep];
        double[][] vectors = new double[keep][];
        int out = 0;
        for (int i = 0; i < steps; i++) {
            if (d[i] < 1e-8) {
                continue;
            }
            double[] y = new double[n];
            for (int j = 0; j < steps; j++) {
                axpy(z[j][i], v[j], y); // y = V z_i
            }
            double ny = norm(y);
            for (int t = 0; t < n; t++) {
                y[t] /= ny;
            }
            values[out] = d[i];
            vectors[out++] = y;
        }
        return new Pairs(values, vectors);
    }

    /**
     * Symmetric tridiagonal eigenproblem by implicit QL (tql2). In: d diagonal, e[1..n-1]
     * sub-diagonal, v identity (or an accumulated transform). Out: d eigenvalues ascending, the
     * columns of v the eigenvectors.
     */
    static void tql2(double[] d, double[] e, double[][] v, int n) {
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        if (n > 0) {
            e[n - 1] = 0.0;
        }
        double f = 0.0;
        double tst1 = 0.0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n) {
                if (Math.abs(e[m]) <= eps * tst1) {
                    break;
                }
                m++;
            }
            if (m > l) {
                int iter = 0;
                do {
                    if (++iter > 60) {
                        throw new IllegalStateException("internal: tql2 did not converge");
                    }
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2.0 * e[l]);
                    double r = StrictMath.hypot(p, 1.0);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1.0;
                    double c2 = c;
                    double c3 = c;
                    double el1 = e[l + 1];
                    double s = 0.0;
                    double s2 = 0.0;
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = StrictMath.hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        for (int k = 0; k < n; k++) {
                            h = v[k][i + 1];
                            v[k][i + 1] = s * v[k][i] + c * h;
                            v[k][i] = c * v[k][i] - s * h;
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0.0;
        }
        for (int i = 0; i < n - 1; i++) { // selection sort, ascending
            int k = i;
            double p = d[i];
            for (int j = i + 1; j < n; j++) {
                if (d[j] < p) {
                    k = j;
                    p = d[j];
                }
            }
            if (k != i) {
                d[k] = d[i];
                d[i] = p;
                for (int j = 0; j < n; j++) {
                    double t = v[j][i];
                    v[j][i] = v[j][k];
                    v[j][k] = t;
                }
            }
        }
    }

    static double dot(double[] x, double[] y) {
        double s = 0.0;
        for (int i = 0, n = x.length; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    static double norm(double[] x) {
        return Math.sqrt(dot(x, x));
    }

    static void axpy(double a, double[] x, double[] y) {
        for (int i = 0, n = x.length; i < n; i++) {
            y[i] += a * x[i];
        }
    }

}
