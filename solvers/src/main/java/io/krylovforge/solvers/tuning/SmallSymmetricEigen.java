package io.krylovforge.solvers.tuning;

import java.util.Arrays;

/**
 * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations (robust, and the
 * matrices here are 6×6). Used for minimum-norm least squares through the pseudo-inverse.
 */
final class SmallSymmetricEigen {
    private SmallSymmetricEigen() {
    }

    /**
     * Decomposes symmetric {@code a} (n×n, row-major, destroyed) into eigenvalues (returned) and
     * eigenvectors as the columns of {@code v} (n×n, row-major, overwritten).
     */
    static double[] decompose(double[] a, int n, double[] v) {
        Arrays.fill(v, 0.0);
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1.0;
        }
        for (int sweep = 0; sweep < 60; sweep++) {
            double off = 0.0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p * n + q] * a[p * n + q];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p * n + q];
                    if (Math.abs(apq) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
                    if (theta == 0.0) {
                        t = 1.0;
                    }
                    double c = 1.0 / Math.sqrt(t * t + 1.0);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k * n + p];
                        double akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p * n + k];
                        double aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k * n + p];
                        double vkq = v[k * n + q];
                        v[k * n + p] = c * vkp - s * vkq;
                        v[k * n + q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = a[i * n + i];
        }
        return w;
    }

    /** Minimum-norm solution of the normal equations G θ = h (G symmetric PSD, n×n). */
    static double[] minimumNormSolve(double[] g, double[] h, int n) {
        double[] a = g.clone();
        double[] v = new double[n * n];
        double[] w = decompose(a, n, v);
        double max = 0.0;
        for (double x : w) {
            max = Math.max(max, Math.abs(x));
        }
        double cut = 1e-12 * max;
        double[] theta = new double[n];
        for (int k = 0; k < n; k++) {
            if (Math.abs(w[k]) <= cut) {
                continue; // null-space direction: the minimum-norm solution leaves it out
            }
            double proj = 0.0;
            for (int i = 0; i < n; i++) {
                proj += v[i * n + k] * h[i];
            }
            proj /= w[k];
            for (int i = 0; i < n; i++) {
                theta[i] += proj * v[i * n + k];
            }
        }
        return theta;
    }
}
