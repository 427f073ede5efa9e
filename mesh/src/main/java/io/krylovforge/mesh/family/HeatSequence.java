package io.krylovforge.mesh.family;

import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.DimensionMismatchException;
import io.krylovforge.mesh.grid.GridAssembler;
import io.krylovforge.mesh.grid.GridSystem;
import io.krylovforge.mesh.grid.StructuredGrid;

/**
 * The time-dependent heat equation ∂u/∂t = κ(t)Δu + f(x, t) on [0,1]², u = 0 on the boundary,
 * t ∈ [0, T], 5-point Laplacian L on (n_x−1)² interior nodes, Crank–Nicolson steps
 * <pre>
 *   A_t = I − ½ κ(t + Δt/2) Δt L,    b_t = (I + ½ κ(t + Δt/2) Δt L) u_t + Δt f(t + Δt/2)
 * </pre>
 * with κ(t) = max(0.1 sin 2πt, −10 sin 2πt), forcing 32·bump(c(t), 1/8) with centre
 * c(t) = (½ + cos(16πt)/4, ½ + sin(16πt)/4), initial state bump((½, ½), ¼) and
 * bump(x; c, r) = exp(1 − 1/(1 − ‖x − c‖²/r²)) inside radius r. Defaults Δt = 10⁻³, T = 5 give
 * 5000 SPD systems that differ only in the scalar κ: the Learning-to-Relax heat setting.
 *
 * <p>Usage: {@code u = seq.initialState(); for t: solve seq.matrix(t) x = seq.rhs(t, u); u = x}.
 * Matrices are cached per distinct κ value only while asked for; each call builds a new one.
 *
 * <p>Reference: Khodak, Chow, Balcan, Talwalkar, Learning to Relax, ICLR 2024, App. G.2, code
 * {@code mkhodak/learning-to-relax} {@code utils/Heat2D.m}.
 */
public final class HeatSequence {
    private final int nx;
    private final double dt;
    private final int steps;
    private final StructuredGrid grid;
    private final GridSystem laplace; // h²(−L), the 5-point stencil with diagonal 4
    private final double h2;

    /**
     * The sequence's size and time stepping, validated when built.
     *
     * @param cellsPerSide cells per side nx (≥ 2; n = (nx−1)² unknowns)
     * @param dt           time step Δt (&gt; 0)
     * @param steps        number of steps (≥ 1)
     */
    public record Options(int cellsPerSide, double dt, int steps) {
        /**
         * Validates the settings.
         *
         * @param cellsPerSide cells per side nx (≥ 2)
         * @param dt           time step Δt (&gt; 0)
         * @param steps        number of steps (≥ 1)
         * @throws IllegalArgumentException for a value out of its range
         */
        public Options {
            if (cellsPerSide < 2 || !(dt > 0) || steps < 1) {
                throw new IllegalArgumentException("heat needs nx >= 2, dt > 0, steps >= 1; got " + cellsPerSide
                        + ", " + dt + ", " + steps);
            }
        }

        /**
         * The paper's setting on an nx×nx grid: Δt = 10⁻³ over t ∈ [0, 5] (5000 steps).
         *
         * @param cellsPerSide cells per side nx (≥ 2)
         * @return the settings
         */
        public static Options learningToRelax(int cellsPerSide) {
            return new Options(cellsPerSide, 1e-3, 5000);
        }

        /**
         * @param cellsPerSide cells per side nx (≥ 2)
         * @return a copy with this grid size
         */
        public Options withCellsPerSide(int cellsPerSide) {
            return new Options(cellsPerSide, dt, steps);
        }

        /**
         * @param dt time step Δt (&gt; 0)
         * @return a copy with this time step
         */
        public Options withDt(double dt) {
            return new Options(cellsPerSide, dt, steps);
        }

        /**
         * @param steps number of steps (≥ 1)
         * @return a copy with this many steps
         */
        public Options withSteps(int steps) {
            return new Options(cellsPerSide, dt, steps);
        }
    }

    /**
     * The sequence with the given size and time stepping.
     *
     * @param options cells per side, Δt and the number of steps
     */
    public HeatSequence(Options options) {
        int nx = options.cellsPerSide();
        double dt = options.dt();
        int steps = options.steps();
        this.nx = nx;
        this.dt = dt;
        this.steps = steps;
        this.grid = StructuredGrid.unitSquareWithCells(nx);
        this.laplace = new GridAssembler(grid).assemble();
        double h = 1.0 / nx;
        this.h2 = h * h;
    }

    /**
     * The paper's setting: Δt = 10⁻³ over t ∈ [0, 5].
     *
     * @param nx cells per side (≥ 2)
     * @return the sequence
     */
    public static HeatSequence learningToRelax(int nx) {
        return new HeatSequence(Options.learningToRelax(nx));
    }

    /** {@return the number of time steps} */
    public int steps() {
        return steps;
    }

    /** {@return the time step Δt} */
    public double dt() {
        return dt;
    }

    /** {@return the number of unknowns of every step's system} */
    public int size() {
        return laplace.size();
    }

    /** {@return the assembled Laplacian system the steps are built from} */
    public GridSystem grid() {
        return laplace;
    }

    /** Time at the start of step {@code step}. */
    public double time(int step) {
        return step * dt;
    }

    /** κ(t) = max(0.1 sin 2πt, −10 sin 2πt). */
    public static double kappa(double t) {
        double s = Math.sin(2 * Math.PI * t);
        return Math.max(0.1 * s, -10.0 * s);
    }

    /** κ at the midpoint of step {@code step}, the context of the Learning-to-Relax bandits. */
    public double kappaAt(int step) {
        return kappa(time(step) + 0.5 * dt);
    }

    /** A_t = I − ½κΔt L = I + (κΔt/2h²)·(h²(−L)). */
    public CsrMatrix matrix(int step) {
        checkStep(step);
        return shifted(0.5 * kappaAt(step) * dt / h2);
    }

    private CsrMatrix shifted(double c) {
        CsrMatrix a = laplace.a();
        double[] v = a.values();
        int[] rp = a.rowPtr();
        int[] ci = a.colIdx();
        for (int i = 0; i < a.rows(); i++) {
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                v[k] = c * v[k] + (ci[k] == i ? 1.0 : 0.0);
            }
        }
        return a.withValues(v);
    }

    /** b_t = (I + ½κΔt L) u + Δt f(t + Δt/2). */
    public double[] rhs(int step, double[] u) {
        checkStep(step);
        if (u.length != size()) {
            throw new DimensionMismatchException("state has " + u.length + " entries, expected " + size());
        }
        double c = 0.5 * kappaAt(step) * dt / h2;
        double[] lu = laplace.a().multiply(u);
        double tm = time(step) + 0.5 * dt;
        double cx = 0.5 + Math.cos(16 * Math.PI * tm) / 4;
        double cy = 0.5 + Math.sin(16 * Math.PI * tm) / 4;
        double[] coords = grid.coordinates();
        int[] nodes = laplace.unknownToNode();
        double[] b = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            int p = nodes[i];
            double f = 32.0 * bump(coords[3 * p], coords[3 * p + 1], cx, cy, 0.125);
            b[i] = u[i] - c * lu[i] + dt * f;
        }
        return b;
    }

    /** u₀ = bump((½, ½), ¼) at the unknowns. */
    public double[] initialState() {
        return bumpState(0.5, 0.5, 0.25);
    }

    /** bump(c, r) at the unknowns. */
    double[] bumpState(double cx, double cy, double r) {
        double[] coords = grid.coordinates();
        int[] nodes = laplace.unknownToNode();
        double[] u = new double[nodes.length];
        for (int i = 0; i < u.length; i++) {
            int p = nodes[i];
            u[i] = bump(coords[3 * p], coords[3 * p + 1], cx, cy, r);
        }
        return u;
    }

    static double bump(double x, double y, double cx, double cy, double r) {
        double q = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (r * r);
        return q < 1.0 ? Math.exp(1.0 - 1.0 / (1.0 - q)) : 0.0;
    }

    private void checkStep(int step) {
        if (step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " outside [0, " + steps + ")");
        }
    }

    /** Cells per side. */
    public int cells() {
        return nx;
    }
}
