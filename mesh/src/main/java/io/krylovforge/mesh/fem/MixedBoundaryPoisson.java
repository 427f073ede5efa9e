package io.krylovforge.mesh.fem;

import io.krylovforge.mesh.BoundaryCondition;
import io.krylovforge.mesh.ScalarField;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * −Δu = f on a {@link CornerRemovedSquare} with one boundary condition per boundary segment, either
 * Dirichlet (u = g) or Neumann (∂u/∂n = g, n outward), assembled with {@link P1Assembler}.
 *
 * <p>{@link #random} draws NPSolver's random-BC regime: each segment is Dirichlet or Neumann with
 * probability ½ (at least one Dirichlet, so A is SPD), its value is a constant uniform in [−1, 1],
 * and f is the paper's random smooth source
 * f = γ + Σ_{i,j&lt;M} α_ij sin φ_ij + β_ij cos φ_ij, φ_ij = (i − M/2)x + (j − M/2)y, M = 10,
 * α, β ~ N(0, 1), γ ~ N(−1, 1), divided by max|f| over a 65×65 sample of the unit square (so the
 * scaling does not depend on the mesh).
 *
 * <p>Reference: Zeng et al., NPSolver (KDD 2026), §3.2 (source sampling) and the random-BC
 * configuration {@code predict/configs/exp/random_bc.yaml}.
 */
public final class MixedBoundaryPoisson {
    /** Number of modes per direction in the random source (the paper's M). */
    public static final int MODES = 10;

    private final CornerRemovedSquare domain;
    private final BoundaryCondition[] conditions;
    private final ScalarField source;

    /**
     * @param domain     the domain
     * @param conditions one Dirichlet or Neumann condition per segment
     * @param source     f
     */
    public MixedBoundaryPoisson(CornerRemovedSquare domain, BoundaryCondition[] conditions, ScalarField source) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.source = Objects.requireNonNull(source, "source");
        if (conditions.length != domain.segmentCount()) {
            throw new IllegalArgumentException("need one condition per segment: " + domain.segmentCount()
                    + " segments, " + conditions.length + " conditions");
        }
        boolean anyDirichlet = false;
        for (int s = 0; s < conditions.length; s++) {
            Objects.requireNonNull(conditions[s], "condition of segment " + s);
            if (conditions[s].type() == BoundaryCondition.Type.ROBIN) {
                throw new IllegalArgumentException("segment " + s + ": only Dirichlet or Neumann conditions");
            }
            anyDirichlet |= conditions[s].isDirichlet();
        }
        if (!anyDirichlet) {
            throw new IllegalArgumentException("at least one segment must be Dirichlet (pure Neumann is singular)");
        }
        this.conditions = conditions.clone();
    }

    /** The random-BC problem of {@code seed} on {@code domain}. */
    public static MixedBoundaryPoisson random(CornerRemovedSquare domain, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = domain.segmentCount();
        boolean[] dirichlet = new boolean[m];
        boolean any = false;
        for (int s = 0; s < m; s++) {
            dirichlet[s] = rnd.nextBoolean();
            any |= dirichlet[s];
        }
        if (!any) {
            dirichlet[rnd.nextInt(m)] = true;
        }
        BoundaryCondition[] bc = new BoundaryCondition[m];
        for (int s = 0; s < m; s++) {
            double v = 2 * rnd.nextDouble() - 1;
            bc[s] = dirichlet[s] ? BoundaryCondition.dirichlet(v) : BoundaryCondition.neumann(v);
        }
        return new MixedBoundaryPoisson(domain, bc, smoothSource(rnd.nextLong()));
    }

    /**
     * The manufactured problem for exact solution u: Dirichlet segments get g = u, Neumann
     * segments g = ∇u·n, and f = −Δu (given).
     */
    public static MixedBoundaryPoisson manufactured(CornerRemovedSquare domain, boolean[] dirichlet, ScalarField u,
            ScalarField ux, ScalarField uy, ScalarField minusLaplacian) {
        int m = domain.segmentCount();
        if (dirichlet.length != m) {
            throw new IllegalArgumentException("need one flag per segment: " + m + " segments, " + dirichlet.length + " flags");
        }
        BoundaryCondition[] bc = new BoundaryCondition[m];
        for (int s = 0; s < m; s++) {
            double[] n = domain.outwardNormal(s);
            bc[s] = dirichlet[s] ? BoundaryCondition.dirichlet(u)
                    : BoundaryCondition.neumann((x, y, z) -> ux.value(x, y, z) * n[0] + uy.value(x, y, z) * n[1]);
        }
        return new MixedBoundaryPoisson(domain, bc, minusLaplacian);
    }

    /** NPSolver's random smooth source of {@code seed}, normalised to max|f| = 1. */
    public static ScalarField smoothSource(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = MODES;
        double[] alpha = new double[m * m];
        double[] beta = new double[m * m];
        for (int k = 0; k < m * m; k++) {
            alpha[k] = gaussian(rnd);
            beta[k] = gaussian(rnd);
        }
        double gamma = gaussian(rnd) - 1.0;
        ScalarField raw = (x, y, z) -> {
            double s = gamma;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double phi = (i - m / 2) * x + (j - m / 2) * y;
                    s += alpha[i * m + j] * Math.sin(phi) + beta[i * m + j] * Math.cos(phi);
                }
            }
            return s;
        };
        double max = 0;
        for (int i = 0; i <= 64; i++) {
            for (int j = 0; j <= 64; j++) {
                max = Math.max(max, Math.abs(raw.value(i / 64.0, j / 64.0, 0)));
            }
        }
        double scale = 1.0 / max;
        return (x, y, z) -> scale * raw.value(x, y, z);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; SplittableRandom has no nextGaussian in Java 17
        double u1 = 1.0 - rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Assembles A u = b on {@code mesh} (which must mesh this problem's domain). */
    public FemSystem assemble(TriangleMesh mesh) {
        P1Assembler a = new P1Assembler(mesh).source(source);
        for (int s = 0; s < conditions.length; s++) {
            a.boundary(s, conditions[s]);
        }
        return a.assemble();
    }

    /** {@return the domain of the problem} */
    public CornerRemovedSquare domain() {
        return domain;
    }

    /** The condition of segment s. */
    public BoundaryCondition condition(int s) {
        return conditions[s];
    }

    /** {@return the source term f} */
    public ScalarField source() {
        return source;
    }

    /** {@return the number of Dirichlet segments} */
    public int dirichletSegments() {
        int c = 0;
        for (BoundaryCondition bc : conditions) {
            c += bc.isDirichlet() ? 1 : 0;
        }
        return c;
    }
}
