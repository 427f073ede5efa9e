package io.krylovforge.precond;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ChebyshevRecurrence;
import io.krylovforge.core.solve.LanczosEstimator;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;

/**
 * Chebyshev polynomial preconditioning: z = p(D⁻¹A) D⁻¹ r, where p of degree k−1 makes
 * 1 − λp(λ) the scaled Chebyshev polynomial of degree k on an interval [λlo, λhi] enclosing the
 * spectrum of D⁻¹A. Computed by k steps of Chebyshev iteration on D⁻¹A z = D⁻¹r from z = 0
 * (k − 1 products with A).
 *
 * <p>The interval comes from {@link LanczosEstimator} ({@value #LANCZOS_STEPS} seeded Lanczos
 * steps on D⁻¹A): λhi = 1.1·λmax (the Ritz value is a lower bound, and an interval that misses the top of
 * the spectrum can make p negative there), λlo = the smallest Ritz value (an overestimate of
 * λmin, which only weakens the polynomial near zero; p stays positive on (0, λhi]).
 *
 * <p>Requirements: symmetric A with positive diagonal; then M is SPD (p(D⁻¹A)D⁻¹ =
 * D^{-1/2} p(S) D^{-1/2} with S symmetric and p > 0 on its spectrum), so it may precondition CG.
 * A non-positive diagonal entry throws {@link PreconditionerFailedException} naming the row.
 *
 * <p>References: Saad, Iterative Methods for Sparse Linear Systems, 2nd ed., §12.3 and
 * Algorithm 12.1; Adams, Brezina, Hu, Tuminaro, J. Comput. Phys. 188 (2003).
 */
public final class ChebyshevPolynomial implements Preconditioner {
    static final int LANCZOS_STEPS = 20;
    private final int degree;
    private final long seed;
    private LinearOperator last;
    private CsrMatrix a;
    private double[] invDiag;
    private ChebyshevRecurrence interval;
    private double[] res;
    private double[] dir;

    /**
     * Chebyshev polynomial with {@code options}.
     *
     * @param options degree k and the Lanczos seed
     */
    public ChebyshevPolynomial(ChebyshevPolynomialOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("Chebyshev options must not be null");
        }
        this.degree = options.degree();
        this.seed = options.seed();
    }

    /**
     * Degree k ≥ 1 (k = 1 is scaled Jacobi), Lanczos start seeded with {@code seed}.
     *
     * @param degree polynomial degree k ≥ 1
     * @param seed   seed of the Lanczos start vector
     * @deprecated two positional numbers; use {@link #ChebyshevPolynomial(ChebyshevPolynomialOptions)}
     */
    @Deprecated
    public ChebyshevPolynomial(int degree, long seed) {
        this(new ChebyshevPolynomialOptions(degree, seed));
    }

    /**
     * Degree k with the default seed 42.
     *
     * @param degree polynomial degree k ≥ 1
     */
    public ChebyshevPolynomial(int degree) {
        this(ChebyshevPolynomialOptions.defaults().withDegree(degree));
    }

    /**
     * Degree of the Chebyshev polynomial in D⁻¹A.
     *
     * @return k
     */
    public int degree() {
        return degree;
    }

    /** {λlo, λhi}, the interval the polynomial targets (after set-up). */
    public double[] bounds() {
        return interval == null ? new double[2] : new double[] {interval.lo(), interval.hi()};
    }

    @Override
    public void setUp(LinearOperator op) {
        if (op == last) {
            return;
        }
        CsrMatrix matrix = PreconditionerSupport.requireSquareCsr(op, "chebyshev");
        invDiag = invertPositiveDiagonal(matrix, "chebyshev");
        PointJacobi d = new PointJacobi();
        d.setUp(matrix);
        LanczosEstimator.Bounds ev = new LanczosEstimator(LANCZOS_STEPS, seed).estimate(matrix, d,
                DenseVector.zeros(matrix.rows()));
        double upper = 1.1 * ev.max();
        double lower = Math.min(Math.max(ev.min(), upper * 1e-6), 0.5 * upper);
        interval = new ChebyshevRecurrence(lower, upper);
        a = matrix;
        res = new double[matrix.rows()];
        dir = new double[matrix.rows()];
        last = op;
    }

    @Override
    public void apply(Vector r, Vector z) {
        double[] rr = DenseVector.array(r);
        double[] zz = DenseVector.array(z);
        PreconditionerSupport.checkApply("chebyshev", a == null ? -1 : a.rows(), rr, zz);
        iterate(a, invDiag, interval, degree, rr, zz, true, res, dir);
    }

    /**
     * D⁻¹ as an array, requiring a positive diagonal.
     *
     * @throws PreconditionerFailedException naming the first row with d_i ≤ 0
     */
    public static double[] invertPositiveDiagonal(CsrMatrix m, String who) {
        double[] d = m.diagonal();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] > 0.0)) {
                throw new PreconditionerFailedException(
                        who + ": needs a positive diagonal, row " + i + " (0-based) has " + d[i]);
            }
            d[i] = 1.0 / d[i];
        }
        return d;
    }

    /**
     * {@code steps} Chebyshev iterations for A x = b preconditioned by D⁻¹ on the interval of
     * {@code cheb} (Saad Algorithm 12.1). With {@code zeroGuess} x is overwritten and the map b → x is the
     * linear polynomial preconditioner; otherwise x is improved in place (a smoother).
     *
     * @param res,dir scratch of length n
     */
    public static void iterate(CsrMatrix a, double[] invDiag, ChebyshevRecurrence cheb, int steps,
            double[] b, double[] x, boolean zeroGuess, double[] res, double[] dir) {
        final int n = a.rows();
        final int[] ptr = a.rowPtr();
        final int[] col = a.colIdx();
        final double[] val = a.values();
        final double theta = cheb.theta();
        double rho = cheb.firstRho();
        if (zeroGuess) {
            for (int i = 0; i < n; i++) {
                double di = invDiag[i] * b[i] / theta; // d = D^-1 b / theta
                dir[i] = di;
                x[i] = di; // x = d
            }
        } else {
            // the whole residual first: updating x row by row would turn this into Gauss-Seidel
            for (int i = 0; i < n; i++) {
                double ri = b[i];
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    ri -= val[k] * x[col[k]];
                }
                dir[i] = invDiag[i] * ri / theta; // d = D^-1 (b - A x) / theta
            }
            for (int i = 0; i < n; i++) {
                x[i] += dir[i]; // x <- x + d
            }
        }
        for (int step = 1; step < steps; step++) {
            double rhoNew = cheb.nextRho(rho);
            double c1 = cheb.directionWeight(rhoNew, rho);
            double c2 = cheb.correctionWeight(rhoNew);
            for (int i = 0; i < n; i++) {
                double ri = b[i];
                for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                    ri -= val[k] * x[col[k]];
                }
                res[i] = invDiag[i] * ri; // res = D^-1 (b - A x)
            }
            for (int i = 0; i < n; i++) {
                double di = c1 * dir[i] + c2 * res[i]; // d <- rho' rho d + 2 rho'/delta res
                dir[i] = di;
                x[i] += di; // x <- x + d
            }
            rho = rhoNew;
        }
    }

    @Override
    public String name() {
        return "chebyshev";
    }

    @Override
    public boolean isSymmetric() {
        return true;
    }
}
