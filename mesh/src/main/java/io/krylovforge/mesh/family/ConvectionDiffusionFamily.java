package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.grid.ConvectionScheme;
import io.krylovforge.mesh.grid.GridAssembler;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.mesh.grid.StructuredGrid;
import java.util.SplittableRandom;

/**
 * Convection–diffusion −Δu + β·∇u = 1 on [0,1]², u = 0 on the boundary, β = Pe·(cos θ, sin θ)
 * with Péclet number Pe log-uniform in [1, peMax] and θ ~ U(0, 2π); 5-point diffusion, central
 * (default) or upwind convection on an s×s node grid. The matrices are non-symmetric; with
 * central differences they lose the M-matrix property when the cell Péclet number Pe·h/2 exceeds
 * 1, which is part of what makes them hard. Sort key: β (two numbers).
 */
public final class ConvectionDiffusionFamily implements PdeFamily {
    private final int s;
    private final double peMax;
    private final ConvectionScheme scheme;
    private final StructuredGrid grid;
    private final CsrMatrix pattern; // shared by every sample: only the values change

    /**
     * @param s      nodes per side including the boundary
     * @param peMax  largest Péclet number (≥ 1)
     * @param scheme convection scheme
     */
    public ConvectionDiffusionFamily(int s, double peMax, ConvectionScheme scheme) {
        if (s < 3) {
            throw new IllegalArgumentException("convdiff needs s >= 3 nodes per side, got " + s);
        }
        if (!(peMax >= 1) || !Double.isFinite(peMax)) {
            throw new IllegalArgumentException("peMax must be finite and >= 1, got " + peMax);
        }
        this.s = s;
        this.peMax = peMax;
        this.scheme = scheme;
        this.grid = StructuredGrid.unitSquareWithCells(s - 1);
        this.pattern = new GridAssembler(grid).assemble().a();
    }

    @Override
    public String name() {
        return "convdiff";
    }

    @Override
    public int size() {
        return (s - 2) * (s - 2);
    }

    @Override
    public boolean fixedMatrix() {
        return false;
    }

    @Override
    public boolean symmetric() {
        return false;
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        double pe = Math.exp(random.nextDouble() * Math.log(peMax));
        double theta = 2 * Math.PI * random.nextDouble();
        double[] beta = {pe * Math.cos(theta), pe * Math.sin(theta)};
        GridSystem sys = new GridAssembler(grid).pattern(pattern).convection(beta, scheme)
                .source(ScalarField.constant(1.0)).assemble();
        return new PdeInstance(name(), -1, sys.a(), sys.b(), beta, new int[] {2}, sys);
    }
}
