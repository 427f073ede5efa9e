package io.krylovforge.mesh.grid;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Assembles −∇·(K∇u) + β·∇u + c·u = f on a {@link StructuredGrid} with the vertex-centred finite
 * volume method, which on a uniform grid is the classical 5-point (2D) or 7-point (3D) finite
 * difference stencil, scaled by the cell volume (interior rows of −Δ read 4, −1, −1, −1, −1 with
 * right-hand side h²f, as in the SKR generators).
 *
 * <p><b>Method.</b> Each node owns the dual cell around it (half cells on boundary faces, quarter
 * cells at corners). The flux between neighbours i, j through their shared dual face of area A is
 * K_ij (u_i − u_j) A / h, with K_ij from the {@link CoefficientScheme} (harmonic mean by
 * default), so the matrix is symmetric whenever the PDE is (no convection, symmetric scheme).
 * Dirichlet nodes are eliminated (their couplings move to b, keeping symmetry); Neumann and Robin
 * faces add g·A to b and α·A to the diagonal. Boundary rows are first-order locally, the global
 * error is still O(h²) (supraconvergence of vertex-centred schemes, see Manteuffel and White,
 * SIAM J. Numer. Anal. 23 (1986) 1986–1004). Convection uses central or upwind face values.
 * A node on several sides is Dirichlet if any of them is.
 *
 * <p><b>Requirements.</b> K &gt; 0 at every node; α ≥ 0. With only Neumann sides and c = 0 the
 * matrix is singular (constants are in the null space); that is the PDE's nature, not checked.
 *
 * <p>Usage: {@code new GridAssembler(StructuredGrid.unitSquareWithCells(64)).kappa(k).source(f)
 * .boundary(Side.XMIN, BoundaryCondition.neumann(0)).assemble()}. Unset sides are u = 0.
 */
public final class GridAssembler {
    private final StructuredGrid grid;
    private double[] kappa;
    private CoefficientScheme scheme = CoefficientScheme.HARMONIC_MEAN;
    private double reaction;
    private double[] velocity;
    private ConvectionScheme convection = ConvectionScheme.CENTRAL;
    private ScalarField source = ScalarField.constant(0.0);
    private final Map<Side, BoundaryCondition> boundaries = new EnumMap<>(Side.class);
    private CsrMatrix pattern;

    /**
     * An assembler on {@code grid}; defaults κ = 1, f = 0, no reaction or convection, u = 0 on
     * every side.
     *
     * @param grid the grid
     */
    public GridAssembler(StructuredGrid grid) {
        this.grid = Objects.requireNonNull(grid, "grid");
        BoundaryCondition zero = BoundaryCondition.dirichlet(0.0);
        for (Side s : Side.values()) {
            if (s.axis() < grid.dimension()) {
                boundaries.put(s, zero);
            }
        }
    }

    /** K at every node (length {@link StructuredGrid#nodeCount()}, all &gt; 0). Default 1. */
    public GridAssembler kappa(double[] nodal) {
        if (nodal.length != grid.nodeCount()) {
            throw new DimensionMismatchException(
                    "kappa has " + nodal.length + " values, grid has " + grid.nodeCount() + " nodes");
        }
        for (int p = 0; p < nodal.length; p++) {
            if (!(nodal[p] > 0.0) || !Double.isFinite(nodal[p])) {
                throw new IllegalArgumentException("kappa must be finite and > 0, node " + p + " has " + nodal[p]);
            }
        }
        this.kappa = nodal.clone();
        return this;
    }

    /** K evaluated at the nodes. */
    public GridAssembler kappa(ScalarField k) {
        double[] nodal = new double[grid.nodeCount()];
        double[] c = grid.coordinates();
        for (int p = 0; p < nodal.length; p++) {
            nodal[p] = k.value(c[3 * p], c[3 * p + 1], c[3 * p + 2]);
        }
        return kappa(nodal);
    }

    /** How node values of K become face couplings. Default {@link CoefficientScheme#HARMONIC_MEAN}. */
    public GridAssembler scheme(CoefficientScheme value) {
        this.scheme = Objects.requireNonNull(value, "scheme");
        return this;
    }

    /** The constant c in + c·u (negative for Helmholtz, −k²). Default 0. */
    public GridAssembler reaction(double c) {
        if (!Double.isFinite(c)) {
            throw new IllegalArgumentException("reaction must be finite, got " + c);
        }
        this.reaction = c;
        return this;
    }

    /** Constant velocity β (one component per dimension) and the face scheme. */
    public GridAssembler convection(double[] beta, ConvectionScheme how) {
        if (beta.length != grid.dimension()) {
            throw new DimensionMismatchException(
                    "velocity has " + beta.length + " components, grid is " + grid.dimension() + "D");
        }
        this.velocity = beta.clone();
        this.convection = Objects.requireNonNull(how, "scheme");
        return this;
    }

    /** The source f. Default 0. */
    public GridAssembler source(ScalarField f) {
        this.source = Objects.requireNonNull(f, "source");
        return this;
    }

    /** The condition on one side. Default u = 0. */
    public GridAssembler boundary(Side side, BoundaryCondition bc) {
        if (side.axis() >= grid.dimension()) {
            throw new IllegalArgumentException("side " + side + " does not exist on a 2D grid");
        }
        boundaries.put(side, Objects.requireNonNull(bc, "bc"));
        return this;
    }

    /**
     * Assemble into the pattern of {@code shared}, an earlier assembly on the same grid with the
     * same Dirichlet sides: the new matrix shares its row pointers and column indices, so the
     * samples of a family hold one pattern (and a direct solver's {@code samePattern} check is an
     * identity test). {@link #assemble()} throws IllegalArgumentException if the stencil does not
     * fit that pattern.
     *
     * @param shared a matrix assembled by a GridAssembler on this grid with the same Dirichlet sides
     * @return this assembler
     */
    public GridAssembler pattern(CsrMatrix shared) {
        this.pattern = Objects.requireNonNull(shared, "shared");
        return this;
    }

    /**
     * Assembles the system, writing the rows straight in CSR order (each row's columns are
     * increasing because unknowns are numbered in node order), with no triplet list or sort.
     *
     * @return the matrix, right-hand side and numbering
     */
    public GridSystem assemble() {
        final StructuredGrid g = grid;
        final int dim = g.dimension();
        final int[] n = {g.nx(), g.ny(), g.nz()};
        final double[] h = {g.hx(), g.hy(), g.hz()};
        final int[] stride = {1, g.nx() + 1, (g.nx() + 1) * (g.ny() + 1)};
        final int nodes = g.nodeCount();
        final double[][] axes = axes(n);
        // the condition of side (axis a, low/high) at [2a]/[2a+1], looked up once, not per node
        final BoundaryCondition[] sides = new BoundaryCondition[2 * dim];
        for (int a = 0; a < dim; a++) {
            sides[2 * a] = boundaries.get(Side.of(a, false));
            sides[2 * a + 1] = boundaries.get(Side.of(a, true));
        }

        // Classify nodes: Dirichlet if on any Dirichlet side.
        int[] nodeToUnknown = new int[nodes];
        double[] dirichlet = new double[nodes];
        int count = 0;
        int[] idx = new int[3];
        double[] xyz = new double[3];
        for (int p = 0; p < nodes; p++) {
            position(p, n, axes, idx, xyz);
            BoundaryCondition d = null;
            for (int a = 0; a < dim && d == null; a++) {
                if (idx[a] == 0 && sides[2 * a].isDirichlet()) {
                    d = sides[2 * a];
                } else if (idx[a] == n[a] && sides[2 * a + 1].isDirichlet()) {
                    d = sides[2 * a + 1];
                }
            }
            if (d != null) {
                nodeToUnknown[p] = -1;
                dirichlet[p] = d.g().value(xyz[0], xyz[1], xyz[2]);
            } else {
                nodeToUnknown[p] = count++;
            }
        }
        int[] unknownToNode = new int[count];
        for (int p = 0; p < nodes; p++) {
            if (nodeToUnknown[p] >= 0) {
                unknownToNode[nodeToUnknown[p]] = p;
            }
        }

        // Slots of one row in column order: (axis dim-1 .. 0, side -1), the diagonal, (axis 0 .. dim-1, side +1).
        final int slots = 2 * dim + 1;
        int[] slotCol = new int[slots];
        double[] slotVal = new double[slots];
        CsrMatrix shared = pattern;
        if (shared != null && shared.rows() != count) {
            throw new IllegalArgumentException("shared pattern has " + shared.rows() + " rows, this grid has "
                    + count + " unknowns");
        }
        int[] rowPtr = shared != null ? shared.rowPtr() : new int[count + 1];
        int[] colIdx = shared != null ? shared.colIdx() : new int[slots * count];
        double[] values = new double[shared != null ? shared.nnz() : slots * count];
        int at = 0;
        double[] b = new double[count];
        double[] w = new double[3];
        for (int row = 0; row < count; row++) {
            int p = unknownToNode[row];
            position(p, n, axes, idx, xyz);
            for (int k = 0; k < slots; k++) {
                slotCol[k] = -1; // a loop, not Arrays.fill: the JIT did not inline that call here
            }
            double volume = 1.0;
            for (int a = 0; a < dim; a++) {
                w[a] = (idx[a] == 0 || idx[a] == n[a]) ? 0.5 * h[a] : h[a];
                volume *= w[a];
            }
            double kp = kappa == null ? 1.0 : kappa[p];
            double diag = reaction * volume;
            double rhs = source.value(xyz[0], xyz[1], xyz[2]) * volume;
            for (int a = 0; a < dim; a++) {
                double area = volume / w[a];
                double beta = velocity == null ? 0.0 : velocity[a];
                for (int s = -1; s <= 1; s += 2) {
                    int ni = idx[a] + s;
                    double vn = s * beta; // outward normal velocity on this face
                    if (ni >= 0 && ni <= n[a]) {
                        int q = p + s * stride[a];
                        double kq = kappa == null ? 1.0 : kappa[q];
                        double dDiag;
                        double off;
                        switch (scheme) {
                            case HARMONIC_MEAN -> {
                                double kf = 2.0 * kp * kq / (kp + kq);
                                dDiag = kf * area / h[a];
                                off = -dDiag;
                            }
                            case ARITHMETIC_MEAN -> {
                                dDiag = 0.5 * (kp + kq) * area / h[a];
                                off = -dDiag;
                            }
                            default -> { // SKR_NONSYMMETRIC: own K on the diagonal, neighbour's off it
                                dDiag = kp * area / h[a];
                                off = -kq * area / h[a];
                            }
                        }
                        if (vn != 0.0) {
                            if (convection == ConvectionScheme.CENTRAL) {
                                dDiag += 0.5 * vn * area; // flux vn·A·(u_p + u_q)/2
                                off += 0.5 * vn * area;
                            } else if (vn > 0.0) {
                                dDiag += vn * area;        // outflow carries u_p
                            } else {
                                off += vn * area;          // inflow carries u_q
                            }
                        }
                        diag += dDiag;
                        int col = nodeToUnknown[q];
                        if (col >= 0) {
                            int slot = s < 0 ? dim - 1 - a : dim + 1 + a;
                            slotCol[slot] = col;
                            slotVal[slot] = off;
                        } else {
                            rhs -= off * dirichlet[q]; // eliminated Dirichlet neighbour
                        }
                    } else {
                        // A Neumann or Robin face (Dirichlet nodes are not unknowns).
                        BoundaryCondition bc = sides[2 * a + (s > 0 ? 1 : 0)];
                        rhs += bc.g().value(xyz[0], xyz[1], xyz[2]) * area;
                        diag += bc.alpha() * area + vn * area;
                    }
                }
            }
            slotCol[dim] = row;
            slotVal[dim] = diag;
            if (shared != null && rowPtr[row] != at) {
                throw patternMismatch(row);
            }
            for (int k = 0; k < slots; k++) {
                if (slotCol[k] >= 0) {
                    if (shared != null) {
                        if (at >= rowPtr[row + 1] || colIdx[at] != slotCol[k]) {
                            throw patternMismatch(row);
                        }
                    } else {
                        colIdx[at] = slotCol[k];
                    }
                    values[at++] = slotVal[k];
                }
            }
            if (shared == null) {
                rowPtr[row + 1] = at;
            } else if (rowPtr[row + 1] != at) {
                throw patternMismatch(row);
            }
            b[row] = rhs;
        }
        CsrMatrix a = shared != null ? shared.withValues(values) : CsrMatrix.of(count, count, rowPtr, colIdx, values);
        return new GridSystem(g, a, b, unknownToNode, nodeToUnknown, dirichlet);
    }

    private static IllegalArgumentException patternMismatch(int row) {
        return new IllegalArgumentException("the stencil of row " + row + " (0-based) does not fit the shared"
                + " pattern: it was assembled on another grid or with other Dirichlet sides");
    }

    /** Node (p) → grid indices and coordinates, from the per-axis coordinate tables {@code axes}. */
    private static void position(int p, int[] n, double[][] axes, int[] idx, double[] xyz) {
        int i = p % (n[0] + 1);
        int rest = p / (n[0] + 1);
        int j = rest % (n[1] + 1);
        int k = rest / (n[1] + 1);
        idx[0] = i;
        idx[1] = j;
        idx[2] = k;
        xyz[0] = axes[0][i];
        xyz[1] = axes[1][j];
        xyz[2] = axes[2][k];
    }

    /** The grid's node coordinates per axis, computed once per assembly (the same values as {@code grid.x(i)}). */
    private double[][] axes(int[] n) {
        double[][] axes = {new double[n[0] + 1], new double[n[1] + 1], new double[n[2] + 1]};
        for (int i = 0; i <= n[0]; i++) {
            axes[0][i] = grid.x(i);
        }
        for (int j = 0; j <= n[1]; j++) {
            axes[1][j] = grid.y(j);
        }
        for (int k = 0; k <= n[2]; k++) {
            axes[2][k] = grid.z(k);
        }
        return axes;
    }
}
