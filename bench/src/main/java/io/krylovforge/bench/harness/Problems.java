package io.krylovforge.bench.harness;

import io.krylovforge.core.io.MatrixMarket;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Builds a case's matrix exactly as the peer script does (same generator, same ordering), so
 * both sides solve the same system with b = A·ones.
 */
public final class Problems {
    /** Péclet number of the "convdiff2d" generator (fixed so peers can rebuild it). */
    public static final double CONVDIFF_PECLET = 1.0;

    private Problems() {
    }

    public static CsrMatrix build(BenchCase c) throws IOException {
        return switch (c.problem()) {
            case "laplace2d" -> Stencils.laplacian2d(c.size(), c.size());
            case "laplace3d" -> Stencils.laplacian3d(c.size(), c.size(), c.size());
            case "convdiff2d" -> Stencils.convectionDiffusion2d(c.size(), c.size(), CONVDIFF_PECLET);
            case "file" -> MatrixMarket.read(Path.of(c.file()));
            default -> throw new IllegalArgumentException("case " + c.id() + ": unknown problem '" + c.problem()
                    + "' (laplace2d, laplace3d, convdiff2d, file)");
        };
    }
}
