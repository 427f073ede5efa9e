package io.krylovforge.solvers.recycle;

/**
 * Small dense kernels (sizes up to the restart length m) on row-major {@code double[][]}: the
 * triangular solve and the thin QR the recycling solvers need. Nothing here is n-sized.
 */
final class SmallDense {
    private SmallDense() {
    }

    /** Solves the leading size×size upper triangle: R y = g. Returns false on a zero pivot. */
    static boolean solveUpper(double[][] r, double[] g, int size, double[] y) {
        for (int i = size - 1; i >= 0; i--) {
            double s = g[i];
            double[] ri = r[i];
            for (int j = i + 1; j < size; j++) {
                s -= ri[j] * y[j];
            }
            if (ri[i] == 0.0) {
                return false;
            }
            y[i] = s / ri[i];
        }
        return true;
    }

    /**
     * Thin QR of the rows×cols matrix a by modified Gram–Schmidt run twice (so Q is orthonormal
     * to working precision): a = q·r with q rows×cols, r cols×cols upper triangular. Returns
     * false if a is numerically rank deficient (a column loses all but 1e-12 of its norm).
     */
    static boolean qr(double[][] a, int rows, int cols, double[][] q, double[][] r) {
        for (int j = 0; j < cols; j++) {
            for (int i = 0; i < cols; i++) {
                r[i][j] = 0.0;
            }
            double orig = 0.0;
            for (int i = 0; i < rows; i++) {
                q[i][j] = a[i][j];
                orig += a[i][j] * a[i][j];
            }
            orig = Math.sqrt(orig);
            for (int pass = 0; pass < 2; pass++) {
                for (int l = 0; l < j; l++) {
                    double d = 0.0;
                    for (int i = 0; i < rows; i++) {
                        d += q[i][l] * q[i][j];
                    }
                    for (int i = 0; i < rows; i++) {
                        q[i][j] -= d * q[i][l];
                    }
                    r[l][j] += d;
                }
            }
            double nrm = 0.0;
            for (int i = 0; i < rows; i++) {
                nrm += q[i][j] * q[i][j];
            }
            nrm = Math.sqrt(nrm);
            if (!(nrm > 1e-12 * orig) || orig == 0.0) {
                return false;
            }
            r[j][j] = nrm;
            for (int i = 0; i < rows; i++) {
                q[i][j] /= nrm;
            }
        }
        return true;
    }
}
