package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.grid.CoefficientScheme;
import io.krylovforge.mesh.grid.GridAssembler;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.mesh.grid.StructuredGrid;
import java.util.SplittableRandom;

/**
 * Darcy flow −∇·(K∇h) = 1 on [0,1]², h = 0 on the boundary, K = exp(GRF) with the FNO/SKR
 * sampler ({@link GaussianRandomField}, α = 2.5, τ = 7), 5-point stencil on an s×s node grid, so
 * (s−2)² unknowns (s = 52, 82, 102, 152, 202 give the SKR sizes 2500 … 40000). Row scaling as in
 * SKR: interior rows carry Σ face coefficients on the diagonal and b = h²f.
 *
 * <p>The default {@link CoefficientScheme#HARMONIC_MEAN} gives a symmetric positive definite
 * matrix; {@link CoefficientScheme#SKR_NONSYMMETRIC} reproduces the paper's non-symmetric matrices
 * (diagonal 4K_i, off-diagonal −K_j). Sort key: the s×s field K.
 *
 * <p>Reference: Wang et al., Accelerating Data Generation for Neural Operators via Krylov Subspace
 * Recycling, ICLR 2024, App. D.2; Li et al., FNO, ICLR 2021.
 */
public final class DarcyFamily implements PdeFamily {
    private final int s;
    private final CoefficientScheme scheme;
    private final GaussianRandomField grf;
    private final StructuredGrid grid;
    private final CsrMatrix pattern; // shared by every sample: only the values change

    /**
     * @param s      nodes per side including the boundary (≥ 3)
     * @param scheme face-coefficient scheme
     */
    public DarcyFamily(int s, CoefficientScheme scheme) {
        if (s < 3) {
            throw new IllegalArgumentException("Darcy needs s >= 3 nodes per side, got " + s);
        }
        this.s = s;
        this.scheme = scheme;
        this.grf = GaussianRandomField.fno(s);
        this.grid = StructuredGrid.unitSquareWithCells(s - 1);
        this.pattern = new GridAssembler(grid).assemble().a();
    }

    @Override
    public String name() {
        return scheme == CoefficientScheme.SKR_NONSYMMETRIC ? "darcy-skr" : "darcy";
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
        return scheme != CoefficientScheme.SKR_NONSYMMETRIC;
    }

    /** K = exp(GRF) at the s×s nodes. */
    double[] sampleField(SplittableRandom random) {
        double[] k = grf.sample(random);
        for (int p = 0; p < k.length; p++) {
            k[p] = Math.exp(k[p]);
        }
        return k;
    }

    /** The operator −∇·(K∇·) + c with K at the nodes, f = 1, zero Dirichlet data. */
    GridSystem assemble(double[] k, double reaction) {
        return new GridAssembler(grid).pattern(pattern).kappa(k).scheme(scheme).reaction(reaction)
                .source(ScalarField.constant(1.0)).assemble();
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        double[] k = sampleField(random);
        GridSystem sys = assemble(k, 0.0);
        return new PdeInstance(name(), -1, sys.a(), sys.b(), k, new int[] {s, s}, sys);
    }
}
