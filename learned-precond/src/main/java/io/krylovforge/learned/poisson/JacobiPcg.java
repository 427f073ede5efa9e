package io.krylovforge.learned.poisson;

/**
 * Plain-array Jacobi-preconditioned CG for {@link TwoLevelSystem}s: the K-step refinement that
 * makes the training target (NPSolver's "iterative physics supervision") and a reference solver.
 * Stops after {@code maxIterations} steps or when ‖b − A x‖₂ ≤ rtol·‖b‖₂ (recurrence residual).
 * All scratch comes from the caller-sized {@link Work}, so repeated calls allocate nothing.
 *
 * <p>Reference: Saad, Iterative Methods for Sparse Linear Systems (2003), Alg. 9.1.
 */
public final class JacobiPcg {
    private JacobiPcg() {
    }

    /** Scratch vectors for systems of up to {@code capacity} unknowns. */
    public static final class Work {
        final int capacity;
        final double[] r;
        final double[] z;
        final double[] p;
        final double[] q;

        /** @param capacity the largest number of unknowns these vectors serve */
        public Work(int capacity) {
            this.capacity = capacity;
            r = new double[capacity];
            z = new double[capacity];
            p = new double[capacity];
            q = new double[capacity];
        }
    }

    /**
     * Runs PCG from x[0..n) (in: guess, out: iterate).
     *
     * @return the number of iterations taken
     */
    public static int solve(TwoLevelSystem sys, double[] x, int maxIterations, double rtol, Work w) {
        int n = sys.size();
        if (w.capacity < n || x.length < n) {
            throw new IllegalArgumentException("work holds " + w.capacity + " and x has " + x.length
                    + " entries; the system has " + n);
        }
        double[] b = sys.b();
        double[] dinv = sys.invDiag();
        double[] r = w.r;
        double[] z = w.z;
        double[] p = w.p;
        double[] q = w.q;
        double bb = 0.0;
        for (int i = 0; i < n; i++) {
            bb += b[i] * b[i];
        }
        double tol2 = rtol * rtol * bb;
        sys.residual(x, r); // r <- b - A x
        double rho = 0.0;
        double rr = 0.0;
        for (int i = 0; i < n; i++) {
            z[i] = dinv[i] * r[i]; // z <- D⁻¹ r
            p[i] = z[i];
            rho += r[i] * z[i];
            rr += r[i] * r[i];
        }
        int k = 0;
        while (k < maxIterations && rr > tol2 && rho > 0) {
            sys.multiply(p, q); // q <- A p
            double pq = 0.0;
            for (int i = 0; i < n; i++) {
                pq += p[i] * q[i];
            }
            if (!(pq > 0)) {
                break; // breakdown: A not SPD numerically; keep the iterate
            }
            double alpha = rho / pq;
            double rhoNew = 0.0;
            rr = 0.0;
            for (int i = 0; i < n; i++) {
                x[i] += alpha * p[i]; // x <- x + alpha p
                r[i] -= alpha * q[i]; // r <- r - alpha q
                z[i] = dinv[i] * r[i];
                rhoNew += r[i] * z[i];
                rr += r[i] * r[i];
            }
            double beta = rhoNew / rho;
            rho = rhoNew;
            for (int i = 0; i < n; i++) {
                p[i] = z[i] + beta * p[i]; // p <- z + beta p
            }
            k++;
        }
        return k;
    }
}
