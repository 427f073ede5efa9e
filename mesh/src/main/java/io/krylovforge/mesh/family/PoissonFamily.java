package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.Discretisation;
import io.krylovforge.mesh.fem.DelaunayRefinement;
import io.krylovforge.mesh.fem.P1Assembler;
import io.krylovforge.mesh.fem.PlanarDomain;
import io.krylovforge.mesh.fem.TriangleMesh;
import io.krylovforge.mesh.grid.GridAssembler;
import io.krylovforge.mesh.grid.Side;
import io.krylovforge.mesh.grid.StructuredGrid;
import java.util.SplittableRandom;

/**
 * Poisson −Δu = f on [0,1]² with Dirichlet data on all four edges; f(x, y) and the four edge
 * functions are random degree-5 Chebyshev series (coefficients U(−1, 1)) in the edge's own
 * coordinate, as in the SKR Poisson set (App. D.2, MATLAB {@code possion_generate.m}). The mesh
 * and matrix are fixed; only the right-hand side changes, the best case for subspace recycling.
 * Sort key: the 5×6 coefficient matrix (rows f, bottom, right, top, left).
 *
 * <p>Here f depends on x only, as the SKR generator does. The discretisation is the 5-point
 * stencil on an s×s node grid ((s−2)² unknowns); at the corners the x-edges' data wins. The SKR
 * paper uses MATLAB P1 FEM; {@link #fem(double)} gives that variant on a Delaunay mesh (corner
 * vertices take the first Dirichlet edge met).
 */
public final class PoissonFamily implements PdeFamily {
    /** Number of random functions (f and four edges) and coefficients per function. */
    public static final int FUNCTIONS = 5;
    /** Chebyshev coefficients per random source and boundary series. */
    public static final int COEFFICIENTS = 6;

    private final RhsAssembler assembler;
    private final int size;
    private CsrMatrix matrix; // assembled once: the operator does not depend on the sample

    /** Builds the system for one set of data; returns it with the same matrix each time. */
    interface RhsAssembler {
        Discretisation assemble(ChebyshevSeries f, ChebyshevSeries[] edges);
    }

    private final String name;

    PoissonFamily(String name, RhsAssembler assembler) {
        this.name = name;
        this.assembler = assembler;
        ChebyshevSeries zero = new ChebyshevSeries(new double[] {0.0}, 0.0, 1.0);
        Discretisation d = assembler.assemble(zero, new ChebyshevSeries[] {zero, zero, zero, zero});
        this.matrix = d.a();
        this.size = d.size();
    }

    /** The finite-difference variant on an s×s node grid. */
    public static PoissonFamily grid(int s) {
        if (s < 3) {
            throw new IllegalArgumentException("Poisson needs s >= 3 nodes per side, got " + s);
        }
        StructuredGrid g = StructuredGrid.unitSquareWithCells(s - 1);
        CsrMatrix pattern = new GridAssembler(g).assemble().a(); // Dirichlet on all sides, as every sample
        return new PoissonFamily("poisson", (f, e) -> new GridAssembler(g).pattern(pattern)
                .source((x, y, z) -> f.value(x))
                .boundary(Side.YMIN, BoundaryCondition.dirichlet((x, y, z) -> e[0].value(x)))
                .boundary(Side.XMAX, BoundaryCondition.dirichlet((x, y, z) -> e[1].value(y)))
                .boundary(Side.YMAX, BoundaryCondition.dirichlet((x, y, z) -> e[2].value(x)))
                .boundary(Side.XMIN, BoundaryCondition.dirichlet((x, y, z) -> e[3].value(y)))
                .assemble());
    }

    /**
     * The P1 finite-element variant (as in SKR's MATLAB generator) on a quality Delaunay mesh of
     * the unit square with edges no longer than h.
     */
    public static PoissonFamily fem(double h) {
        TriangleMesh mesh = new DelaunayRefinement(h).mesh(PlanarDomain.unitSquare());
        return new PoissonFamily("poisson-fem", (f, e) -> new P1Assembler(mesh)
                .source((x, y, z) -> f.value(x))
                .boundary(PlanarDomain.BOTTOM, BoundaryCondition.dirichlet((x, y, z) -> e[0].value(x)))
                .boundary(PlanarDomain.RIGHT, BoundaryCondition.dirichlet((x, y, z) -> e[1].value(y)))
                .boundary(PlanarDomain.TOP, BoundaryCondition.dirichlet((x, y, z) -> e[2].value(x)))
                .boundary(PlanarDomain.LEFT, BoundaryCondition.dirichlet((x, y, z) -> e[3].value(y)))
                .assemble());
    }

    @Override
    public String name() {
        return name;
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
        double[] params = new double[FUNCTIONS * COEFFICIENTS];
        for (int q = 0; q < params.length; q++) {
            params[q] = random.nextDouble(-1.0, 1.0);
        }
        ChebyshevSeries[] series = new ChebyshevSeries[FUNCTIONS];
        for (int r = 0; r < FUNCTIONS; r++) {
            double[] c = new double[COEFFICIENTS];
            System.arraycopy(params, r * COEFFICIENTS, c, 0, COEFFICIENTS);
            series[r] = new ChebyshevSeries(c, 0.0, 1.0);
        }
        Discretisation d = assembler.assemble(series[0],
                new ChebyshevSeries[] {series[1], series[2], series[3], series[4]});
        return new PdeInstance(name(), -1, matrix, d.b(), params, new int[] {FUNCTIONS, COEFFICIENTS}, d);
    }
}
