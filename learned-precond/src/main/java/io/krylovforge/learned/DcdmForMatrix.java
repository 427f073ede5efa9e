package io.krylovforge.learned;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.LinearOperator;
import io.krylovforge.core.linalg.Vector;
import io.krylovforge.core.solve.IterativeSolver;
import io.krylovforge.core.solve.SolveResult;
import io.krylovforge.core.solve.SolverOptions;
import java.nio.file.Path;

/**
 * DCDM whose grid is read off the matrix at each solve: n = k² unknowns are a k×k grid, n = k³ a
 * k×k×k one (unknowns ordered as core's Stencils). Without weights the bundled ones are picked by
 * the stencil: rows of up to 7 entries on a cube (n = k³, 7-point 3D Laplacian) get the 3D Poisson
 * weights, everything else the 2D ones (n = 512² = 64³ is both a square and a cube, so the row
 * length decides). This is the registry's {@code dcdm} ({@link DcdmSolverProvider}).
 */
public final class DcdmForMatrix implements IterativeSolver {
    private final Path weights;

    /** @param weights a weights file, or null for the bundled Poisson weights */
    public DcdmForMatrix(Path weights) {
        this.weights = weights;
    }

    /** The DCDM solver for {@code a}; a user error (IllegalArgumentException) when n fits no grid of the weights. */
    public static Dcdm forMatrix(CsrMatrix a, Path weights) {
        int n = a.rows();
        ConvNet net = weights == null
                ? Weights.readResource(looksLike3d(a) ? Dcdm.POISSON_3D_WEIGHTS : Dcdm.POISSON_2D_WEIGHTS)
                : Weights.read(weights);
        int dims = net.architecture().spatialDims();
        int side = (int) Math.round(dims == 2 ? Math.sqrt(n) : Math.cbrt(n));
        long cells = dims == 2 ? (long) side * side : (long) side * side * side;
        if (cells != n) {
            throw new IllegalArgumentException("--solver dcdm needs a square (2D) or cubic (3D) grid matching the "
                    + dims + "D weights; n = " + n + " is not a " + (dims == 2 ? "square" : "cube"));
        }
        return new Dcdm(net, dims == 2 ? Grid.square(side) : Grid.cube(side));
    }

    /** n is a perfect cube and the longest row has 6 or 7 entries (a 7-point stencil, not a 5-point one). */
    public static boolean looksLike3d(CsrMatrix a) {
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

    @Override
    public SolveResult solve(LinearOperator a, Vector b, Vector x, SolverOptions options) {
        if (!(a instanceof CsrMatrix csr)) {
            throw new IllegalArgumentException("--solver dcdm needs an assembled (CSR) matrix to read its grid from");
        }
        return forMatrix(csr, weights).solve(a, b, x, options);
    }

    @Override
    public String name() {
        return "dcdm";
    }
}
