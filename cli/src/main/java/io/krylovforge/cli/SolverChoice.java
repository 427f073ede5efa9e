package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.learned.DcdmForMatrix;
import io.krylovforge.solvers.SolverSpec;
import io.krylovforge.solvers.Solvers;
import java.util.Iterator;

/**
 * The solver and preconditioner a {@link SolverSpec} names, for one matrix ({@code auto} decided
 * now) and built where {@code device} runs: the preconditioner's device form and DCDM's network
 * on the device (owned by the session), nothing built twice.
 */
record SolverChoice(IterativeSolver solver, Preconditioner preconditioner) {
    static SolverChoice of(SolverSpec spec, CsrMatrix a, java.nio.file.Path weights) {
        // on the host: nothing the session owns needs closing (CpuConvNet holds host memory only)
        return of(spec, a, weights, DeviceSolve.cpu());
    }

    static SolverChoice of(SolverSpec spec, CsrMatrix a, java.nio.file.Path weights, DeviceSolve device) {
        Preconditioner m = !device.onCpu() ? device.devicePreconditioner(spec.precond()) : spec.createPreconditioner();
        IterativeSolver s;
        if (spec.solver().equals("dcdm")) {
            s = dcdm(a, weights, device);
        } else if (spec.solver().equals("auto")) {
            s = Solvers.choose("auto", a, spec.parameters());
        } else {
            s = spec.createSolver();
        }
        return new SolverChoice(s, m);
    }

    /**
     * DCDM needs the grid behind the unknowns: n = k² is taken as a k×k grid, n = k³ as a k×k×k
     * one (unknowns ordered as core's Stencils). Without {@code --weights} the bundled weights are
     * picked by the stencil: rows of up to 7 entries on a cube (n = k³, 7-point 3D Laplacian) get
     * the 3D Poisson weights, everything else the 2D ones (n = 512² = 64³ is both a square and a
     * cube, so the row length decides).
     */
    private static IterativeSolver dcdm(CsrMatrix a, java.nio.file.Path weights, DeviceSolve device) {
        int n = a.rows();
        io.krylovforge.learned.ConvNet net = weights == null
                ? io.krylovforge.learned.Weights.readResource(looksLike3d(a)
                        ? io.krylovforge.learned.Dcdm.POISSON_3D_WEIGHTS
                        : io.krylovforge.learned.Dcdm.POISSON_2D_WEIGHTS)
                : io.krylovforge.learned.Weights.read(weights);
        int dims = net.architecture().spatialDims();
        boolean cube = looksLike3d(a);
        if (weights != null && (dims == 3) != cube) {
            // n = 64 is both 8x8 and 4x4x4: the stencil, not n alone, says which grid it is.
            throw new UserInputException(weights + ": the weights are for a " + dims + "D grid but the matrix"
                    + (cube ? " has a 7-point 3D stencil on a cube" : " is not a 7-point 3D stencil on a cube")
                    + "; use " + (cube ? "3D" : "2D") + " weights (or leave out --weights)");
        }
        int side = (int) Math.round(dims == 2 ? Math.sqrt(n) : Math.cbrt(n));
        long cells = dims == 2 ? (long) side * side : (long) side * side * side;
        if (cells != n) {
            throw new UserInputException("--solver dcdm needs a square (2D) or cubic (3D) grid matching the "
                    + dims + "D weights; n = " + n + " is not a " + (dims == 2 ? "square" : "cube"));
        }
        io.krylovforge.learned.Grid grid = dims == 2 ? io.krylovforge.learned.Grid.square(side)
                : io.krylovforge.learned.Grid.cube(side);
        // weights up once and activations allocated once, where the solve runs
        return new io.krylovforge.learned.Dcdm(device.own(
                io.krylovforge.learned.NetworkEvaluators.convNet(device.backend(), net, grid)));
    }

    /** n is a perfect cube and the longest row has 6 or 7 entries (a 7-point stencil, not a 5-point one). */
    static boolean looksLike3d(CsrMatrix a) {
        return DcdmForMatrix.looksLike3d(a);
    }

    /** Every solver name of the one registry (dcdm included, through its provider). */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Solvers.names().iterator();
        }
    }

    static final class PreconditionerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SolverSpec.preconditionerNames().iterator();
        }
    }
}
