package io.krylovforge.learned.poisson;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DenseVector;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.precond.PointJacobi;
import io.krylovforge.direct.Cholesky;
import io.krylovforge.direct.FactorStatus;
import io.krylovforge.precond.amg.Aggregation;
import io.krylovforge.precond.amg.StrengthOfConnection;
import io.krylovforge.solvers.krylov.ConjugateGradient;
import java.util.Arrays;

/**
 * The weight-free data {@link NeuralPoissonNet} runs on for one system A u = b: the matrix, 1/diag A,
 * and a Galerkin coarse space from smoothed aggregation, giving the coarse correction
 * C r = P (PᵀAP)⁻¹ Pᵀ r. The coarse correction is what carries global information across the
 * domain in one step (a purely local network cannot: the Green's function of −Δ is global).
 *
 * <p>Setup: standard aggregation of A's strength graph (θ = 0.1, {@link Aggregation#standard}),
 * tentative prolongator T (one 1 per row, the node's aggregate), smoothed P = (I − ω D⁻¹A)² T with
 * ω = (4/3)/λ̃, λ̃ ≈ ρ(D⁻¹A) from 20 power steps (×1.05), then A_c = PᵀAP assembled sparse and
 * factorised by the supernodal sparse {@link Cholesky} (AMD ordering) of the {@code direct}
 * module. A_c is as large as the aggregate count (about n/7 on P1 meshes).
 *
 * <p>Requirements: A symmetric positive definite with a positive diagonal (an assembled
 * {@code MixedBoundaryPoisson} system with at least one Dirichlet segment). Everything is
 * deterministic; C is symmetric, so it is its own adjoint in back-propagation.
 *
 * <p>Reference: Vaněk, Mandel, Brezina, Algebraic multigrid by smoothed aggregation, Computing 56
 * (1996); Trottenberg, Oosterlee, Schüller, Multigrid (2001), §A.2 (two-grid correction).
 */
public final class TwoLevelSystem {
    private final CsrMatrix a;
    private final int n;
    private final int[] ptr;
    private final int[] col;
    private final double[] val;
    private final double[] b;
    private final double[] invDiag;
    // P in CSR (n × nc)
    private final int nc;
    private final int[] pPtr;
    private final int[] pCol;
    private final double[] pVal;
    private final Cholesky chol; // sparse Cholesky factor of A_c
    private final double[] coarseWork;
    /** Per-thread substitution workspace of {@link #coarseSolve} (allocated once per thread). */
    private final ThreadLocal<double[]> coarseScratch;
    /** Jacobi smoothing steps applied to the tentative prolongator (2: wider, more accurate interpolation). */
    static final int PROLONGATION_SMOOTHING_STEPS = 2;
    /** Strength threshold: drops the near-zero couplings of right-angled P1 triangles, which otherwise give oversized aggregates. */
    static final double STRENGTH_THETA = 0.1;

    /** Sets up the coarse space for A (copied by reference, never modified) and right-hand side b. */
    public TwoLevelSystem(CsrMatrix a, double[] b) {
        if (a.rows() != a.cols() || b.length != a.rows()) {
            throw new DimensionMismatchException("need a square matrix and a matching right-hand side; got "
                    + a.rows() + "x" + a.cols() + " and " + b.length);
        }
        this.a = a;
        this.n = a.rows();
        this.ptr = a.rowPtr();
        this.col = a.colIdx();
        this.val = a.values();
        this.b = b.clone();
        this.invDiag = new double[n];
        double[] d = a.diagonal();
        for (int i = 0; i < n; i++) {
            if (!(d[i] > 0) || !Double.isFinite(d[i])) {
                throw new IllegalArgumentException("diagonal entry " + i + " is " + d[i] + "; need a positive diagonal (SPD matrix)");
            }
            invDiag[i] = 1.0 / d[i];
        }
        Aggregation agg = Aggregation.standard(StrengthOfConnection.symmetric(a, STRENGTH_THETA));
        int[] index = agg.index();
        this.nc = Math.max(1, agg.count());
        double omega = 4.0 / 3.0 / (1.05 * spectralRadiusDinvA());
        // tentative T: one 1 per row (isolated nodes: empty row), then P = (I − ω D⁻¹A)^k T
        int[] tp = new int[n + 1];
        int[] tc = new int[n];
        double[] tv = new double[n];
        int tn = 0;
        for (int i = 0; i < n; i++) {
            if (index[i] >= 0) {
                tc[tn] = index[i];
                tv[tn++] = 1.0;
            }
            tp[i + 1] = tn;
        }
        Object[] p = {tp, tc, tv};
        for (int step = 0; step < PROLONGATION_SMOOTHING_STEPS; step++) {
            p = smoothRows((int[]) p[0], (int[]) p[1], (double[]) p[2], omega);
        }
        this.pPtr = (int[]) p[0];
        this.pCol = (int[]) p[1];
        this.pVal = (double[]) p[2];
        double[] acc = new double[nc];
        int[] touched = new int[nc];
        boolean[] seen = new boolean[nc];
        // A_c = Pᵀ (A P): row i of AP via a sparse accumulator, then scattered by Pᵀ
        CooBuilder ac = new CooBuilder(nc, nc, 8 * nc);
        for (int i = 0; i < n; i++) {
            int cnt = 0;
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = col[k];
                for (int q = pPtr[j]; q < pPtr[j + 1]; q++) {
                    int c = pCol[q];
                    if (!seen[c]) {
                        seen[c] = true;
                        touched[cnt++] = c;
                    }
                    acc[c] += val[k] * pVal[q];
                }
            }
            for (int q = pPtr[i]; q < pPtr[i + 1]; q++) {
                int r = pCol[q];
                double pr = pVal[q];
                for (int t = 0; t < cnt; t++) {
                    ac.add(r, touched[t], pr * acc[touched[t]]);
                }
            }
            for (int t = 0; t < cnt; t++) {
                acc[touched[t]] = 0.0;
                seen[touched[t]] = false;
            }
        }
        CsrMatrix coarse = ac.build();
        this.chol = Cholesky.analyze(coarse);
        FactorStatus st = chol.factor(coarse);
        if (!st.ok()) {
            throw new IllegalArgumentException("coarse matrix is not positive definite (pivot at coarse unknown "
                    + st.column() + "); the system must be SPD");
        }
        this.coarseScratch = ThreadLocal.withInitial(() -> new double[nc]);
        this.coarseWork = new double[nc];
    }

    /** Rows of (I − ω D⁻¹A) Q for Q in CSR (q rows = n, nc columns). */
    private Object[] smoothRows(int[] qp, int[] qc, double[] qv, double omega) {
        double[] acc = new double[nc];
        int[] touched = new int[nc];
        boolean[] seen = new boolean[nc];
        int[] pp = new int[n + 1];
        int cap = Math.max(16, 2 * qv.length + val.length);
        int[] pc = new int[cap];
        double[] pv = new double[cap];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            int cnt = 0;
            for (int q = qp[i]; q < qp[i + 1]; q++) { // Q_i
                int c = qc[q];
                if (!seen[c]) {
                    seen[c] = true;
                    touched[cnt++] = c;
                }
                acc[c] += qv[q];
            }
            double f = omega * invDiag[i];
            for (int k = ptr[i]; k < ptr[i + 1]; k++) { // − ω/a_ii Σ_j a_ij Q_j
                int j = col[k];
                for (int q = qp[j]; q < qp[j + 1]; q++) {
                    int c = qc[q];
                    if (!seen[c]) {
                        seen[c] = true;
                        touched[cnt++] = c;
                    }
                    acc[c] -= f * val[k] * qv[q];
                }
            }
            if (nnz + cnt > pc.length) {
                int grown = Math.max(pc.length * 2, nnz + cnt);
                pc = Arrays.copyOf(pc, grown);
                pv = Arrays.copyOf(pv, grown);
            }
            for (int t = 0; t < cnt; t++) {
                int c = touched[t];
                pc[nnz] = c;
                pv[nnz++] = acc[c];
                acc[c] = 0.0;
                seen[c] = false;
            }
            pp[i + 1] = nnz;
        }
        return new Object[] {pp, Arrays.copyOf(pc, nnz), Arrays.copyOf(pv, nnz)};
    }

    private double spectralRadiusDinvA() {
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 1.0 + 0.5 * Math.sin(1.7 * i); // deterministic start, not an eigenvector
        }
        double lambda = 1.0;
        for (int it = 0; it < 20; it++) {
            multiply(v, w);
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                w[i] *= invDiag[i];
                num += w[i] * w[i];
                den += v[i] * v[i];
            }
            lambda = Math.sqrt(num / den);
            double s = 1.0 / Math.sqrt(num);
            for (int i = 0; i < n; i++) {
                v[i] = w[i] * s;
            }
        }
        return lambda;
    }

    /** {@return the number of unknowns} */
    public int size() {
        return n;
    }

    /** {@return the number of coarse unknowns (aggregates)} */
    public int coarseSize() {
        return nc;
    }

    /** {@return the right-hand side (a copy)} */
    public double[] rhs() {
        return b.clone();
    }

    double[] b() {
        return b;
    }

    double[] invDiag() {
        return invDiag;
    }

    /**
     * Jacobi-PCG ({@link ConjugateGradient} with {@link PointJacobi}) from x[0..n)
     * (in: guess, out: iterate), at most {@code maxIterations} steps or until ‖b − Ax‖ ≤ rtol·‖b‖:
     * the K-step refinement that makes the training target (NPSolver's "iterative physics
     * supervision") and the reference solutions of the tests. x may be longer than n.
     */
    public SolveResult refine(double[] x, int maxIterations, double rtol) {
        if (x.length < n) {
            throw new DimensionMismatchException("x has " + x.length + " entries; the system has " + n);
        }
        DenseVector xv = DenseVector.wrap(x.length == n ? x : Arrays.copyOf(x, n));
        SolverOptions o = SolverOptions.defaults().withRtol(rtol).withMaxIterations(maxIterations)
                .withNonzeroGuess(true).withPreconditioner(new PointJacobi());
        SolveResult r = new ConjugateGradient().solve(a, DenseVector.wrap(b), xv, o);
        if (x.length != n) {
            System.arraycopy(DenseVector.array(xv), 0, x, 0, n);
        }
        return r;
    }

    /** y = A x. */
    public void multiply(double[] x, double[] y) {
        for (int i = 0; i < n; i++) {
            double s = 0.0;
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                s += val[k] * x[col[k]];
            }
            y[i] = s;
        }
    }

    /** r = b − A u. */
    public void residual(double[] u, double[] r) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = ptr[i], end = ptr[i + 1]; k < end; k++) {
                s -= val[k] * u[col[k]];
            }
            r[i] = s;
        }
    }

    /** c = P A_c⁻¹ Pᵀ r (overwrites c). Not thread-safe: uses a shared coarse workspace. */
    public void coarseCorrection(double[] r, double[] c) {
        double[] y = coarseWork;
        Arrays.fill(y, 0.0);
        for (int i = 0; i < n; i++) { // y = Pᵀ r
            double ri = r[i];
            for (int q = pPtr[i]; q < pPtr[i + 1]; q++) {
                y[pCol[q]] += pVal[q] * ri;
            }
        }
        solveCoarse(y);
        for (int i = 0; i < n; i++) { // c = P e
            double s = 0.0;
            for (int q = pPtr[i]; q < pPtr[i + 1]; q++) {
                s += pVal[q] * y[pCol[q]];
            }
            c[i] = s;
        }
    }

    /**
     * y ← A_c⁻¹ y in place (forward then backward substitution with the sparse Cholesky factor):
     * the coarse solve of {@link #coarseCorrection}, for evaluators that form Pᵀr and P e
     * elsewhere (a device). Allocates nothing after a thread's first call; safe to call from
     * several threads on different arrays.
     */
    public void coarseSolve(double[] y) {
        if (y.length != nc) {
            throw new DimensionMismatchException("coarse vector has " + y.length + " entries, the coarse space " + nc);
        }
        solveCoarse(y);
    }

    private void solveCoarse(double[] y) {
        chol.solve(y, y, coarseScratch.get()); // y ← A_c⁻¹ y, in place
    }

    /**
     * The arrays {@link NeuralPoissonNet#forward} reads, for evaluators that run it elsewhere
     * (a device): A in CSR, b, 1/diag A, and P (n × coarseSize) in CSR. Copies; P's columns within
     * a row are in assembly order (not sorted), which is the order the host sums them in.
     */
    public Operators operators() {
        return new Operators(n, ptr.clone(), col.clone(), val.clone(), b.clone(), invDiag.clone(), nc,
                pPtr.clone(), pCol.clone(), pVal.clone());
    }

    /** See {@link #operators()}: CSR arrays of A (n × n) and of P (n × coarseSize), b and 1/diag A. */
    public record Operators(int n, int[] aPtr, int[] aCol, double[] aVal, double[] b, double[] invDiag,
            int coarseSize, int[] pPtr, int[] pCol, double[] pVal) {
    }
}
