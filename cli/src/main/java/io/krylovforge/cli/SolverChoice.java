package io.krylovforge.cli;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.Preconditioner;
import io.krylovforge.precond.Preconditioners;
import io.krylovforge.precond.SsorPreconditioner;
import io.krylovforge.solvers.SolverParameters;
import io.krylovforge.solvers.Solvers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Maps CLI names to a solver and a preconditioner through the two registries. */
record SolverChoice(IterativeSolver solver, Preconditioner preconditioner) {
    static SolverChoice of(String solverName, String precondName, int restart, double omega, CsrMatrix a) {
        return of(solverName, precondName, restart, omega, a, null);
    }

    static SolverChoice of(String solverName, String precondName, int restart, double omega, CsrMatrix a,
            java.nio.file.Path weights) {
        // on the host: nothing the session owns needs closing (CpuConvNet holds host memory only)
        return of(solverName, precondName, restart, omega, a, weights, DeviceSolve.cpu());
    }

    /**
     * The solver and preconditioner built for where {@code device} runs: the preconditioner's
     * device form and DCDM's network on the device (owned by the session), nothing built twice.
     */
    static SolverChoice of(String solverName, String precondName, int restart, double omega, CsrMatrix a,
            java.nio.file.Path weights, DeviceSolve device) {
        SolverParameters params = SolverParameters.defaults().withRestart(restart).withOmega(omega);
        Preconditioner m = !device.onCpu() ? device.devicePreconditioner(precondName) : switch (precondName) {
            case "none" -> null;
            case "ssor" -> new SsorPreconditioner(omega); // the CLI's --omega applies to SSOR too
            default -> Preconditioners.create(precondName);
        };
        IterativeSolver s = "dcdm".equals(solverName) ? dcdm(a, weights, device) : Solvers.choose(solverName, a, params);
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
        int n = a.rows();
        long side = Math.round(Math.cbrt(n));
        if (side * side * side != n || n < 8) {
            return false;
        }
        int[] rowPtr = a.rowPtr();
        int longest = 0;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, rowPtr[i + 1] - rowPtr[i]);
        }
        return longest == 6 || longest == 7;
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(Solvers.names());
            names.add("dcdm");
            return names.iterator();
        }
    }

    static final class PreconditionerNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Preconditioners.names().iterator();
        }
    }
}
