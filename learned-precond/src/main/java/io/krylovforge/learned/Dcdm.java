package io.krylovforge.learned;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.ConvergenceTest;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import io.krylovforge.core.solve.SolverSupport;
import io.krylovforge.core.solve.StopReason;

/**
 * DCDM, the deep conjugate direction method: each search direction is a network's estimate of
 * A⁻¹r, made A-conjugate to the previous two directions.
 *
 * <pre>
 *   r = b − A x0 (x0 = 0 unless nonzeroGuess)
 *   repeat: q = f(s·r/‖r‖),  s = √(n / n_train)
 *           q ← q − Σ_{j=k−1,k−2} (qᵀA p_j / p_jᵀA p_j) p_j      (A-orthogonalise)
 *           α = qᵀr / qᵀA q;  x ← x + α q;  r ← b − A x          (true residual)
 * </pre>
 *
 * <p>The input scale s makes the per-cell size of the network's input the same as in training
 * (unit-norm vectors on the n_train cells of the training grid recorded in the weights), so a net
 * trained on a small grid sees residual patches of the magnitude it was trained on; the biases
 * and ReLUs make f sensitive to that magnitude. On the training grid s = 1, the paper's
 * r/‖r‖. (Measured with the bundled 3D weights, trained on 16³, random rhs, rtol 1e-4: 32³ 13
 * iterations with s vs 26 without; 64³ 23 vs stagnation at 1e-2.)
 *
 * <p>Requires A symmetric positive definite with the grid's size, ordered as the grid
 * ({@link Grid}). The iteration uses only {@link Vector} operations and the network's
 * {@link NetworkEvaluator#apply(Vector, Vector)}, so with a device evaluator (gpu module) and
 * device vectors and operator the whole solve stays on the device. Stopping rule: the shared
 * {@link ConvergenceTest} on the true residual ‖b − Ax‖, recomputed every iteration (so a
 * reported convergence needs no re-check). qᵀAq ≤ 0 stops with DIVERGED_INDEFINITE_MATRIX
 * (DIVERGED_BREAKDOWN when the network's direction vanishes), NaN with DIVERGED_NAN. Because f is
 * nonlinear, the method is not a Krylov method: there is no finite-termination guarantee and
 * orthogonality to older directions is lost; iteration counts depend on how well f was trained
 * for this A. A poorly trained f can reach a fixed point where f(r) adds nothing to the last two
 * directions: the steps then shrink geometrically to nothing and the iteration would repeat
 * itself exactly, so {@value #STALL_LIMIT} consecutive steps with ‖αq‖ ≤ 1e-14·‖x‖ stop with
 * DIVERGED_STAGNATION. The options' preconditioner is not used: the network plays its role.
 * Cost per iteration: one network evaluation and two products with A. The evaluator's buffers
 * are reused across solves, so one instance runs one solve at a time.
 *
 * <p>Reference: Kaneda, Akar, Chen, Trevino Kala, Hyde, Teran, "A Deep Conjugate Direction
 * Method for Iteratively Solving Linear Systems", ICML 2023, Algorithm 1; code
 * {@code lib/conjugate_gradient.py::dcdm} (docs/papers.md §4.4).
 */
public final class Dcdm implements IterativeSolver {
    /** Consecutive negligible steps (‖αq‖ ≤ 1e-14·‖x‖) that end the solve with DIVERGED_STAGNATION. */
    static final int STALL_LIMIT = 3;

    /**
     * Resource name, relative to this package (what {@link Weights#readResource} takes), of the bundled
     * 2D weights (trained on the 32×32 5-point Laplacian).
     */
    public static final String POISSON_2D_WEIGHTS = "dcdm-poisson2d-32.kfw";

    /**
     * Resource name (relative to this package) of the bundled 3D weights (trained on the 16³ 7-point Laplacian by
     * {@code kforge train dcdm --dims 3 --grid 16 --seed 1 --samples 200 --epochs 10 --lanczos 200}).
     */
    public static final String POISSON_3D_WEIGHTS = "dcdm-poisson3d-16.kfw";

    private final NetworkEvaluator net;
    private final Grid grid;
    private final double inputScale;

    /** DCDM with network {@code net} evaluated on the host ({@link CpuConvNet}) for systems on {@code grid}. */
    public Dcdm(ConvNet net, Grid grid) {
        this(new CpuConvNet(net, grid));
    }

    /** DCDM with a network evaluator (host or device); the grid is the evaluator's. The caller closes it. */
    public Dcdm(NetworkEvaluator net) {
        this.net = net;
        this.grid = net.grid();
        this.inputScale = inputScale(net.architecture(), grid);
    }

    /**
     * √(cells of {@code grid} / cells of the net's training grid): the factor that gives a unit-norm
     * input on {@code grid} the per-cell size of a unit-norm training vector.
     */
    static double inputScale(Architecture a, Grid grid) {
        double trained = (double) a.gridX() * a.gridY() * a.gridZ();
        return Math.sqrt(grid.size() / trained);
    }

    /** DCDM with the bundled 2D Poisson weights, on an n×n grid (any n: the net is fully convolutional). */
    public static Dcdm poisson2d(int n) {
        return new Dcdm(Weights.readResource(POISSON_2D_WEIGHTS), Grid.square(n));
    }

    /** DCDM with the bundled 3D Poisson weights, on an n×n×n grid (any n: the net is fully convolutional). */
    public static Dcdm poisson3d(int n) {
        return new Dcdm(Weights.readResource(POISSON_3D_WEIGHTS), Grid.cube(n));
    }

    @Override
    public String name() {
        return "dcdm";
    }

    /** {@return the grid the vectors are reshaped onto} */
    public Grid grid() {
        return grid;
    }

    /** {@return the network evaluator that makes the directions} */
    public NetworkEvaluator network() {
        return net;
    }

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        ConvergenceTest test = SolverSupport.begin(a, b, x, options);
        if (a.rows() != grid.size()) {
            throw new DimensionMismatchException("matrix has " + a.rows() + " rows but the DCDM grid " + grid
                    + " has " + grid.size() + " cells");
        }
        SolveResult early = SolverSupport.finishEarly(a, x, options.withPreconditioner(null), test);
        if (early != null) {
            return early;
        }
        // work vectors on b's backend, so a device solve stays on the device
        Vector r = b.zerosLike();
        SolverSupport.initialResidual(a, b, x, options, r);
        Vector in = b.zerosLike();
        Vector q = b.zerosLike();
        Vector aq = b.zerosLike();
        // the two previous directions and their images under A, rotated by swapping references
        Vector p1 = b.zerosLike();
        Vector ap1 = b.zerosLike();
        Vector p2 = b.zerosLike();
        Vector ap2 = b.zerosLike();
        double pap1 = 0.0;
        double pap2 = 0.0;
        int kept = 0;

        double rnorm = r.norm2();
        StopReason reason = test.check(0, rnorm);
        int k = 0;
        int stalled = 0;
        while (reason == null) {
            in.copyFrom(r);
            in.scale(inputScale / rnorm); // in = s r / ||r||
            net.apply(in, q); // q = f(s r / ||r||)
            a.apply(q, aq);
            if (kept >= 1) {
                double c = q.dot(ap1) / pap1;
                q.axpy(-c, p1); // q <- q - c p_{k-1}
                aq.axpy(-c, ap1); // A q follows without another product
            }
            if (kept >= 2) {
                double c = q.dot(ap2) / pap2;
                q.axpy(-c, p2); // q <- q - c p_{k-2}
                aq.axpy(-c, ap2);
            }
            double qaq = q.dot(aq);
            if (!(qaq > 0.0)) {
                StopReason why = Double.isNaN(qaq) ? StopReason.DIVERGED_NAN
                        : q.norm2() == 0.0 ? StopReason.DIVERGED_BREAKDOWN : StopReason.DIVERGED_INDEFINITE_MATRIX;
                return test.result(why, k, rnorm, "q'Aq = " + qaq);
            }
            double alpha = q.dot(r) / qaq;
            x.axpy(alpha, q); // x <- x + alpha q
            double step = Math.abs(alpha) * q.norm2();
            stalled = step <= 1e-14 * x.norm2() ? stalled + 1 : 0;
            SolverSupport.residual(a, b, x, r); // r <- b - A x (true residual)
            rnorm = r.norm2();
            k++;
            // p_{k-2} <- p_{k-1}, p_{k-1} <- q (swap storage; q and aq are overwritten next iteration)
            Vector t = p2;
            p2 = p1;
            p1 = q;
            q = t;
            t = ap2;
            ap2 = ap1;
            ap1 = aq;
            aq = t;
            pap2 = pap1;
            pap1 = qaq;
            kept = Math.min(kept + 1, 2);
            reason = test.check(k, rnorm);
            if (reason == null && stalled >= STALL_LIMIT) {
                return test.result(StopReason.DIVERGED_STAGNATION, k, rnorm, STALL_LIMIT
                        + " consecutive steps below 1e-14 ||x||: the network adds no new direction");
            }
        }
        return test.result(reason, k, rnorm, "");
    }
}
