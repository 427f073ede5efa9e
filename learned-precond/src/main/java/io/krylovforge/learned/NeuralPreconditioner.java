package io.krylovforge.learned;

import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.Preconditioner;

/**
 * A trained DCDM network as a preconditioner: z = ‖r‖·f(s·r/‖r‖) (z = 0 for r = 0), with the
 * input scale s = √(n / n_train) of {@link Dcdm} (1 on the training grid).
 *
 * <p>f is nonlinear (ReLU, biases), so M⁻¹ is neither linear nor symmetric: use it only in a
 * flexible method ({@code io.krylovforge.solvers.krylov.FlexibleGmres} or
 * {@code FlexibleConjugateGradient}), not in CG. FCG(2) with this preconditioner takes the same
 * steps as {@link Dcdm} in exact arithmetic (both A-orthogonalise against two directions and
 * line-search in the A-norm); DCDM recomputes the true residual each iteration, FCG updates it.
 * The scaling by ‖r‖ makes z homogeneous of degree one in r, which keeps the flexible basis
 * well scaled; FGMRES is invariant to a per-step scalar anyway. Works on whatever vectors the
 * evaluator accepts (host vectors always; device vectors with a device evaluator).
 *
 * <p>Reference: Kaneda et al., ICML 2023 (the network); Saad, SIAM J. Sci. Comput. 14 (1993)
 * (flexible preconditioning).
 */
public final class NeuralPreconditioner implements Preconditioner {
    private final NetworkEvaluator net;
    private final Grid grid;
    /** r/||r||, made on r's backend at the first apply (and again only if r moves to another backend). */
    private Vector in;
    private final double inputScale;

    /** The network evaluated on the host ({@link CpuConvNet}). */
    public NeuralPreconditioner(ConvNet net, Grid grid) {
        this(new CpuConvNet(net, grid));
    }

    /** Any network evaluator (host or device); the caller closes it. */
    public NeuralPreconditioner(NetworkEvaluator net) {
        this.net = net;
        this.grid = net.grid();
        this.inputScale = Dcdm.inputScale(net.architecture(), grid);
    }

    @Override
    public void setUp(LinearOperator a) {
        if (a.rows() != grid.size() || a.cols() != grid.size()) {
            throw new DimensionMismatchException("matrix is " + a.rows() + "x" + a.cols() + " but the network's grid "
                    + grid + " has " + grid.size() + " cells");
        }
    }

    @Override
    public void apply(Vector r, Vector z) {
        int n = grid.size();
        if (r.size() != n || z.size() != n) {
            throw new DimensionMismatchException("r has " + r.size() + " and z " + z.size()
                    + " entries; the grid has " + n);
        }
        double rn = r.norm2();
        if (rn == 0.0) {
            z.fill(0.0);
            return;
        }
        if (in == null || in.backend() != r.backend()) {
            in = r.zerosLike();
        }
        in.copyFrom(r);
        in.scale(inputScale / rn); // in = s r / ||r||
        net.apply(in, z); // z = f(s r / ||r||)
        z.scale(rn); // z <- ||r|| z
    }

    @Override
    public String name() {
        return "dcdm-net";
    }
}
