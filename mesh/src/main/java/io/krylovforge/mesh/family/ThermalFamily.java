package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import io.krylovforge.mesh.fem.DelaunayRefinement;
import io.krylovforge.mesh.fem.FemSystem;
import io.krylovforge.mesh.fem.P1Assembler;
import io.krylovforge.mesh.fem.PlanarDomain;
import io.krylovforge.mesh.fem.TriangleMesh;
import java.util.SplittableRandom;

/**
 * Steady heat conduction −ΔT = q (conductivity 1) in the SKR thermal block: the rectangle
 * [−.5,.5]×[−.8,.8] minus the slot [−.05,.05]×[−.4,.4], P1 elements on a quality Delaunay mesh.
 * Left edge (MATLAB edge 6): T = r1 ~ U(0, 100); right edge (MATLAB edge 1): heat flux
 * ∂T/∂n = r2 ~ U(−100, 0); the other edges and the slot walls are insulated. The matrix is fixed;
 * only the right-hand side varies. Sort key: (r1, r2, r3) (SKR uses the L1 distance of the three
 * boundary scalars).
 *
 * <p>The third scalar is not specified in our notes of the SKR generator; here it is a uniform
 * volumetric source r3 = q ~ U(0, 100), our choice, documented so that it can be changed.
 *
 * <p>Reference: Wang et al. (SKR), ICLR 2024, App. D.2 (after MATLAB's "Heat Transfer in Block with
 * Cavity" example).
 */
public final class ThermalFamily implements PdeFamily {
    private final TriangleMesh mesh;
    private final CsrMatrix matrix;
    private final int size;

    /** @param h longest mesh edge */
    public ThermalFamily(double h) {
        this.mesh = new DelaunayRefinement(h).mesh(PlanarDomain.slottedRectangle());
        FemSystem s = assemble(0, 0, 0);
        this.matrix = s.a();
        this.size = s.size();
    }

    /** {@return the P1 mesh every sample is assembled on} */
    public TriangleMesh mesh() {
        return mesh;
    }

    FemSystem assemble(double r1, double r2, double r3) {
        return new P1Assembler(mesh).source(ScalarField.constant(r3))
                .boundary(PlanarDomain.LEFT, BoundaryCondition.dirichlet(r1))
                .boundary(PlanarDomain.RIGHT, BoundaryCondition.neumann(r2))
                .assemble();
    }

    @Override
    public String name() {
        return "thermal";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean fixedMatrix() {
        return true;
    }

    @Override
    public boolean symmetric() {
        return true;
    }

    @Override
    public PdeInstance sample(SplittableRandom random) {
        double r1 = 100.0 * random.nextDouble();
        double r2 = -100.0 * random.nextDouble();
        double r3 = 100.0 * random.nextDouble();
        FemSystem s = assemble(r1, r2, r3);
        return new PdeInstance(name(), -1, matrix, s.b(), new double[] {r1, r2, r3}, new int[] {3}, s);
    }
}
