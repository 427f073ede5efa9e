package io.krylovforge.solvers.recycle;

import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.core.solve.PreconditionerFailedException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;
import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Deflated (preconditioned) conjugate gradients with a deflation space recycled across a sequence
 * of SPD systems.
 *
 * <p><b>Method</b> (Saad, Yeung, Erhel, Guyomarc'h 2000, Alg. "Deflated-CG"): with W (n×k) and
 * the k×k matrix WᵀAW, start from x₀ ← x₀ + W(WᵀAW)⁻¹Wᵀr₀ (so Wᵀr₀ = 0), and run CG with search
 * directions made A-orthogonal to W: p = z + βp − Wμ, (WᵀAW)μ = (AW)ᵀz, z = M⁻¹r. Per iteration
 * this costs k extra dot products and k axpys. The solver keeps the first {@code collect} search
 * directions P and A·P of each solve; at the end it takes the k Ritz vectors of smallest Ritz
 * values of A in span[W, P] — the symmetric-definite problem (ZᵀAZ)y = θ(ZᵀZ)y, Z = [W P], where
 * ZᵀAZ = diag(WᵀAW, pᵢᵀApᵢ) by the A-conjugacy of deflated CG and ZᵀZ is formed explicitly; it is
 * reduced to a standard symmetric problem through the eigen-decomposition of the (column-scaled)
 * ZᵀZ, dropping directions with relative eigenvalue below 1e-10 (Commons Math
 * {@link EigenDecomposition}). The new W goes into the caller's {@link DeflationSpace}; A·W is
 * recomputed when the next system has another operator.
 *
 * <p><b>Requirements</b>: A symmetric positive definite, M symmetric positive definite (the
 * deflation space is built from A alone; any W keeps the method correct, a good one makes it fast).
 * <b>Stopping rule</b>: as {@code ConjugateGradient}: ‖r‖ from the recurrence, recomputed from
 * b − Ax before CONVERGED (at most 5 replacements, then DIVERGED_STAGNATION). pᵀAp ≤ 0 gives
 * DIVERGED_INDEFINITE_MATRIX, rᵀz ≤ 0 DIVERGED_INDEFINITE_PRECONDITIONER; a WᵀAW that is not
 * positive definite makes the solve drop the space (plain PCG).
 *
 * <p>References: Y. Saad, M. Yeung, J. Erhel, F. Guyomarc'h, "A deflated version of the conjugate
 * gradient algorithm", SIAM J. Sci. Comput. 21 (2000) 1909–1926; M. L. Parks et al. (2006) for
 * recycling across a sequence.
 */
public final class RecycledConjugateGradient implements IterativeSolver {
    private final int k;
    private final int collect;

    /** k = 10 deflation vectors from the first 20 search directions. */
    public RecycledConjugateGradient() {
        this(RecycledConjugateGradientOptions.defaults());
    }

    /**
     * RCG with {@code options}.
     *
     * @param options deflation dimension k and directions collected per solve
     */
    public RecycledConjugateGradient(RecycledConjugateGradientOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("RCG options must not be null");
        }
        this.k = options.deflation();
        this.collect = options.collect();
    }

    /**
     * @param k       deflation dimension (≥ 0; 0 is plain PCG)
     * @param collect search directions kept per solve for the next space (≥ k)
     * @deprecated two positional ints; use {@link #RecycledConjugateGradient(RecycledConjugateGradientOptions)}
     */
    @Deprecated
    public RecycledConjugateGradient(int k, int collect) {
        this(new RecycledConjugateGradientOptions(k, collect));
    }

    @Override
    public String name() {
        return "rcg";
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        return solve(a, b, x, options, DeflationSpace.empty());
    }

    /**
     * Solves the SPD system A x = b with deflation by (and refresh of) the caller's space.
     *
     * @param space deflation space (in/out)
     */
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options, DeflationSpace space) {
        SolverSupport.checkInput(a, b, x);
        if (space == null) {
            throw new IllegalArgumentException("deflation space must not be null (use DeflationSpace.empty())");
        }
        ConvergenceTest test = new ConvergenceTest(options, b.norm2());
        if (test.bnorm() == 0.0) {
            x.fill(0.0);
            test.record(0, 0.0);
            return test.result(StopReason.CONVERGED_ZERO_RHS, 0, 0.0, "");
        }
        Preconditioner m = options.preconditioner();
        if (m != null) {
            SolveResult failed = SolverSupport.setUpPreconditioner(m, a, test);
            if (failed != null) {
                return failed;
            }
        }
        space.reserve(b.size(), k, collect, b);
        Vector r = b.zerosLike();
        Vector z = m != null ? b.zerosLike() : r;
        Vector p = b.zerosLike();
        Vector q = b.zerosLike();
        if (options.nonzeroGuess()) {
            SolverSupport.residual(a, b, x, r);
        } else {
            x.fill(0.0);
            r.copyFrom(b); // r = b - A 0
        }
        int kw = space.dim;
        double[][] waw = null;
        double[][] cholL = null;
        if (kw > 0) {
            if (!space.builtFor(a)) {
                for (int i = 0; i < kw; i++) {
                    a.apply(space.w[i], space.aw[i]); // AW = A W for this operator
                }
            }
            waw = new double[kw][kw];
            double[] row = new double[kw];
            for (int i = 0; i < kw; i++) {
                BlockOps.dots(space.aw, kw, space.w[i], row, 0);
                System.arraycopy(row, 0, waw[i], 0, kw);
            }
            cholL = cholesky(waw, kw);
            if (cholL == null) {
                space.dim = 0; // W'AW not SPD (A indefinite on W?): fall back to plain PCG
                kw = 0;
            }
        }
        space.markBuiltFor(a);
        double[] mu = new double[Math.max(kw, 1)];
        double[] tmp = new double[Math.max(kw, 1)];
        if (kw > 0) {
            // x += W (W'AW)^-1 W' r, r -= AW (W'AW)^-1 W' r
            BlockOps.dots(space.w, kw, r, tmp, 0);
            cholSolve(cholL, kw, tmp, mu);
            for (int i = 0; i < kw; i++) {
                x.axpy(mu[i], space.w[i]);
                r.axpy(-mu[i], space.aw[i]);
            }
        }
        double rr = r.dot(r);
        StopReason reason = test.check(0, Math.sqrt(rr));
        int its = 0;
        int replacements = 0;
        int kept = 0;
        double[] pAp = new double[collect];
        double rho = 0.0;
        boolean restart = true;
        String detail = "";
        SolveResult result = null;
        try {
            while (result == null) {
                if (reason != null) {
                    if (reason.converged()) {
                        double trueNorm = SolverSupport.trueResidualNorm(a, b, x, q);
                        result = test.confirm(its, trueNorm, replacements++);
                        if (result != null) {
                            break;
                        }
                        r.copyFrom(q); // r = b - A x, replacing the drifted recurrence
                        rr = r.dot(r);
                        restart = true;
                        reason = null;
                    } else {
                        result = test.result(reason, its, SolverSupport.trueResidualNorm(a, b, x, q), detail);
                        break;
                    }
                }
                if (m != null) {
                    m.apply(r, z); // z = M^-1 r
                }
                double rhoNew = m != null ? r.dot(z) : rr;
                if (!(rhoNew > 0.0)) {
                    reason = Double.isNaN(rhoNew) ? StopReason.DIVERGED_NAN : StopReason.DIVERGED_INDEFINITE_PRECONDITIONER;
                    detail = "r'M^-1 r = " + rhoNew;
                    continue;
                }
                if (restart) {
                    p.copyFrom(z); // p = z
                    restart = false;
                } else {
                    p.axpby(1.0, z, rhoNew / rho); // p = z + beta p
                }
                if (kw > 0) {
                    BlockOps.dots(space.aw, kw, z, tmp, 0); // (AW)' z
                    cholSolve(cholL, kw, tmp, mu);
                    for (int i = 0; i < kw; i++) {
                        p.axpy(-mu[i], space.w[i]); // p -= W mu: A-orthogonal to W
                    }
                }
                rho = rhoNew;
                a.apply(p, q); // q = A p
                double pq = p.dot(q);
                if (!(pq > 0.0)) {
                    reason = Double.isNaN(pq) ? StopReason.DIVERGED_NAN : StopReason.DIVERGED_INDEFINITE_MATRIX;
                    detail = "p'Ap = " + pq;
                    continue;
                }
                if (kept < collect && k > 0) {
                    space.p[kept].copyFrom(p); // keep p and Ap for the next deflation space
                    space.ap[kept].copyFrom(q);
                    pAp[kept++] = pq;
                }
                double alpha = rho / pq;
                rr = b.backend().cgUpdate(alpha, p, q, x, r); // x += alpha p, r -= alpha q
                its++;
                reason = test.check(its, Math.sqrt(rr));
            }
        } catch (PreconditionerFailedException e) {
            result = test.result(StopReason.DIVERGED_PRECONDITIONER_FAILED, its,
                    SolverSupport.trueResidualNorm(a, b, x, q), e.getMessage());
        }
        if (k > 0 && kw + kept > 0) {
            refresh(space, kw, waw, kept, pAp);
        }
        return result;
    }

    /** W ← k smallest Ritz vectors of A in span[W, P]; AW alongside. */
    private void refresh(DeflationSpace s, int kw, double[][] waw, int kept, double[] pAp) {
        int q = kw + kept;
        Vector[] z = new Vector[q];
        Vector[] az = new Vector[q];
        for (int i = 0; i < kw; i++) {
            z[i] = s.w[i];
            az[i] = s.aw[i];
        }
        for (int i = 0; i < kept; i++) {
            z[kw + i] = s.p[i];
            az[kw + i] = s.ap[i];
        }
        double[] scale = new double[q];
        double[][] zz = new double[q][q];
        double[] row = new double[q];
        for (int i = 0; i < q; i++) {
            BlockOps.dots(z, q, z[i], row, 0);
            System.arraycopy(row, 0, zz[i], 0, q);
        }
        for (int i = 0; i < q; i++) {
            scale[i] = 1.0 / Math.sqrt(zz[i][i]);
        }
        // F = Z'AZ: block diagonal by A-conjugacy (W'AW, p_i'Ap_i)
        double[][] f = new double[q][q];
        for (int i = 0; i < kw; i++) {
            for (int j = 0; j < kw; j++) {
                f[i][j] = 0.5 * (waw[i][j] + waw[j][i]);
            }
        }
        for (int i = 0; i < kept; i++) {
            f[kw + i][kw + i] = pAp[i];
        }
        try {
            double[][] sz = new double[q][q];
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    sz[i][j] = zz[i][j] * scale[i] * scale[j];
                    f[i][j] *= scale[i] * scale[j];
                }
            }
            EigenDecomposition es = new EigenDecomposition(new Array2DRowRealMatrix(sz, false));
            double[] lam = es.getRealEigenvalues();
            double lmax = 0.0;
            for (double l : lam) {
                lmax = Math.max(lmax, l);
            }
            RealMatrix qv = es.getV();
            int rank = 0;
            for (double l : lam) {
                if (l > 1e-10 * lmax) {
                    rank++;
                }
            }
            if (rank == 0) {
                return;
            }
            double[][] t = new double[q][rank]; // T = Q_r Lambda_r^-1/2: (ZD T)'(ZD T) = I
            int c = 0;
            for (int l = 0; l < q; l++) {
                if (lam[l] > 1e-10 * lmax) {
                    double sc = 1.0 / Math.sqrt(lam[l]);
                    for (int i = 0; i < q; i++) {
                        t[i][c] = qv.getEntry(i, l) * sc;
                    }
                    c++;
                }
            }
            RealMatrix tm = new Array2DRowRealMatrix(t, false);
            RealMatrix red = tm.transpose().multiply(new Array2DRowRealMatrix(f, false)).multiply(tm);
            red = red.add(red.transpose()).scalarMultiply(0.5);
            EigenDecomposition er = new EigenDecomposition(red);
            double[] theta = er.getRealEigenvalues();
            Integer[] order = new Integer[rank];
            for (int i = 0; i < rank; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (i1, i2) -> Double.compare(theta[i1], theta[i2]));
            int kn = Math.min(k, rank);
            RealMatrix coefAll = tm.multiply(er.getV()); // q x rank
            double[] coef = new double[q];
            for (int l = 0; l < kn; l++) {
                int col = order[l];
                for (int i = 0; i < q; i++) {
                    coef[i] = coefAll.getEntry(i, col) * scale[i];
                }
                BlockOps.combine(z, 0, q, coef, 0, s.wNext[l], 0.0); // w_l = Z y_l
                BlockOps.combine(az, 0, q, coef, 0, s.awNext[l], 0.0); // Aw_l = AZ y_l
            }
            Vector[] oldW = s.w;
            Vector[] oldAw = s.aw;
            s.w = s.wNext;
            s.aw = s.awNext;
            s.wNext = oldW;
            s.awNext = oldAw;
            s.dim = kn;
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            // eigensolver failure: keep the old space
        }
    }

    /** Lower Cholesky factor of the symmetric part of a, or null if not positive definite. */
    static double[][] cholesky(double[][] a, int size) {
        double[][] l = new double[size][size];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.5 * (a[i][j] + a[j][i]);
                for (int t = 0; t < j; t++) {
                    s -= l[i][t] * l[j][t];
                }
                if (i == j) {
                    if (!(s > 0.0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    /** Solves L Lᵀ out = rhs. */
    static void cholSolve(double[][] l, int size, double[] rhs, double[] out) {
        for (int i = 0; i < size; i++) {
            double s = rhs[i];
            for (int t = 0; t < i; t++) {
                s -= l[i][t] * out[t];
            }
            out[i] = s / l[i][i];
        }
        for (int i = size - 1; i >= 0; i--) {
            double s = out[i];
            for (int t = i + 1; t < size; t++) {
                s -= l[t][i] * out[t];
            }
            out[i] = s / l[i][i];
        }
    }
}
