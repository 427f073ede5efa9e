package io.krylovforge.precond.amg;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.ChebyshevRecurrence;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.precond.ChebyshevPolynomial;
import io.krylovforge.precond.PreconditionerSupport;

/**
 * The relaxation methods an AMG level can use, each built for one level matrix.
 *
 * <ul>
 * <li>{@link #SYMMETRIC_GAUSS_SEIDEL} (PyAMG's default): a forward then a backward sweep.</li>
 * <li>{@link #JACOBI}: x ← x + ω D⁻¹(b − Ax) with ω = 4/(3ρ(D⁻¹A)).</li>
 * <li>{@link #CHEBYSHEV}: degree-3 Chebyshev on [ρ/30, 1.1ρ] of D⁻¹A (PyAMG's bounds).</li>
 * </ul>
 * A zero (or, for Jacobi/Chebyshev, non-positive) diagonal throws
 * {@link PreconditionerFailedException} naming the row.
 */
public enum SmootherKind {
    /** A forward then a backward Gauss–Seidel sweep (the default). */
    SYMMETRIC_GAUSS_SEIDEL {
        @Override
        Smoother create(CsrMatrix a, long seed) {
            return new GaussSeidel(a);
        }
    },
    /** Damped Jacobi with ω = 4/(3ρ(D⁻¹A)). */
    JACOBI {
        @Override
        Smoother create(CsrMatrix a, long seed) {
            CsrMatrix v = a;
            double[] invDiag = ChebyshevPolynomial.invertPositiveDiagonal(v, "amg jacobi smoother");
            double rho = LevelSupport.spectralRadius(a, seed);
            return new Jacobi(v, invDiag, 4.0 / (3.0 * rho));
        }
    },
    /** Degree-3 Chebyshev polynomial in D⁻¹A on [ρ/30, 1.1ρ]. */
    CHEBYSHEV {
        @Override
        Smoother create(CsrMatrix a, long seed) {
            CsrMatrix v = a;
            double[] invDiag = ChebyshevPolynomial.invertPositiveDiagonal(v, "amg chebyshev smoother");
            double rho = LevelSupport.spectralRadius(a, seed);
            return new Chebyshev(v, invDiag, rho / 30.0, 1.1 * rho, 3);
        }
    };

    abstract Smoother create(CsrMatrix a, long seed);

    private static final class GaussSeidel implements Smoother {
        private final CsrMatrix a;
        /** A's arrays, copied once here: the accessors copy on every call, which cost two passes per sweep. */
        private final int[] rowPtr;
        private final int[] colIdx;
        private final double[] values;
        private final double[] invDiag;

        GaussSeidel(CsrMatrix m) {
            this.a = m;
            int[] diagPtr = PreconditionerSupport.diagonalPointers(a, "amg gauss-seidel smoother");
            this.invDiag = new double[diagPtr.length];
            this.rowPtr = a.rowPtr();
            this.colIdx = a.colIdx();
            this.values = a.values();
            final double[] val = values;
            for (int i = 0; i < diagPtr.length; i++) {
                double d = val[diagPtr[i]];
                if (d == 0.0) {
                    throw new PreconditionerFailedException(
                            "amg gauss-seidel smoother: zero diagonal in row " + i + " (0-based)");
                }
                invDiag[i] = 1.0 / d;
            }
        }

        @Override
        public void smooth(double[] b, double[] x) {
            final int n = a.rows();
            final int[] ptr = rowPtr;
            final int[] col = colIdx;
            final double[] val = values;
            final double[] dinv = invDiag;
            for (int i = 0; i < n; i++) {
                double s = b[i];
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    s -= val[k] * x[col[k]];
                }
                x[i] += s * dinv[i]; // forward: x_i <- x_i + (b - A x)_i / a_ii
            }
            for (int i = n - 1; i >= 0; i--) {
                double s = b[i];
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    s -= val[k] * x[col[k]];
                }
                x[i] += s * dinv[i]; // backward sweep
            }
        }

        @Override
        public String name() {
            return "symmetric gauss-seidel";
        }
    }

    private static final class Jacobi implements Smoother {
        private final CsrMatrix a;
        private final double[] invDiag;
        private final double omega;
        private final double[] work;

        Jacobi(CsrMatrix a, double[] invDiag, double omega) {
            this.a = a;
            this.invDiag = invDiag;
            this.omega = omega;
            this.work = new double[a.rows()];
        }

        @Override
        public void smooth(double[] b, double[] x) {
            final int n = a.rows();
            final double[] r = work;
            a.residual(b, x, r); // r = b - A x (same sums as the CSR loop, no copy of A's arrays)
            for (int i = 0; i < n; i++) {
                x[i] += omega * invDiag[i] * r[i]; // x <- x + w D^-1 r
            }
        }

        @Override
        public String name() {
            return "jacobi";
        }
    }

    private static final class Chebyshev implements Smoother {
        private final CsrMatrix a;
        private final double[] invDiag;
        private final ChebyshevRecurrence interval;
        private final int degree;
        private final double[] res;
        private final double[] dir;

        Chebyshev(CsrMatrix a, double[] invDiag, double lo, double hi, int degree) {
            this.a = a;
            this.invDiag = invDiag;
            this.interval = new ChebyshevRecurrence(lo, hi);
            this.degree = degree;
            this.res = new double[a.rows()];
            this.dir = new double[a.rows()];
        }

        @Override
        public void smooth(double[] b, double[] x) {
            ChebyshevPolynomial.iterate(a, invDiag, interval, degree, b, x, false, res, dir);
        }

        @Override
        public String name() {
            return "chebyshev";
        }
    }
}
