package io.krylovforge.solvers.krylov;

/**
 * Plane rotations for the Hessenberg least-squares problem of GMRES-type methods:
 * [c s; −s c]·[a; b] = [r; 0]. Rotations are stored as two parallel arrays (c, s) owned by the
 * caller, so nothing is allocated per iteration.
 *
 * <p>Reference: Golub and Van Loan, Matrix Computations, 4th ed., Algorithm 5.1.3 (scaled to
 * avoid overflow).
 */
final class GivensRotation {
    private GivensRotation() {
    }

    /** Computes the rotation zeroing b against a; stores it in c[i], s[i]. */
    static void make(double a, double b, double[] c, double[] s, int i) {
        if (b == 0.0) {
            c[i] = 1.0;
            s[i] = 0.0;
        } else if (Math.abs(b) > Math.abs(a)) {
            double t = a / b;
            double sn = 1.0 / Math.sqrt(1.0 + t * t);
            s[i] = sn;
            c[i] = sn * t;
        } else {
            double t = b / a;
            double cs = 1.0 / Math.sqrt(1.0 + t * t);
            c[i] = cs;
            s[i] = cs * t;
        }
    }
}
