package io.krylovforge.mesh.family;

import io.krylovforge.mesh.grid.CoefficientScheme;
import io.krylovforge.mesh.grid.ConvectionScheme;
import java.util.List;

/**
 * The registry of PDE families by name, the library entry point behind {@code kforge generate}:
 * {@code Families.create("darcy", 64).sample(seed)}.
 *
 * <p>What {@code resolution} means per family:
 * <ul>
 *   <li>{@code darcy}, {@code darcy-skr}, {@code helmholtz}, {@code helmholtz-skr},
 *       {@code poisson}, {@code convdiff}: nodes per side s, (s−2)² unknowns (SKR: s = 102 → 10⁴);</li>
 *   <li>{@code heat}: cells per side n_x, (n_x−1)² unknowns (Learning to Relax: 25 … 400);</li>
 *   <li>{@code thermal}: elements per unit length (target edge length 1/resolution) of the
 *       slotted-rectangle P1 mesh;</li>
 *   <li>{@code poisson-fem}: the Poisson set on a P1 Delaunay mesh of the unit square, target edge
 *       length 1/resolution;</li>
 *   <li>{@code darcy3d}: cells per side n of the unit cube, n³ unknowns (cell-centred finite
 *       volumes, {@link Darcy3dFamily}).</li>
 * </ul>
 */
public final class Families {
    private Families() {
    }

    /** {@return the registered names} */
    public static List<String> names() {
        return List.of("darcy", "darcy-skr", "helmholtz", "helmholtz-skr", "poisson", "heat", "convdiff", "thermal", "poisson-fem",
                "darcy3d");
    }

    /**
     * The grid dimension of family {@code name} without building it (a memory check needs it
     * before anything is allocated): 3 for {@code darcy3d}, 2 for the others.
     *
     * @param name a name of {@link #names()}
     * @return 2 or 3
     * @throws UnknownFamilyException for another name
     */
    public static int dimension(String name) {
        if (!names().contains(name)) {
            throw new UnknownFamilyException(name);
        }
        return name.equals("darcy3d") ? 3 : 2;
    }

    /** The family {@code name} at {@code resolution}; see the class comment. */
    public static PdeFamily create(String name, int resolution) {
        if (resolution < 3) {
            throw new IllegalArgumentException("resolution must be >= 3, got " + resolution);
        }
        return switch (name) {
            case "darcy" -> new DarcyFamily(resolution, CoefficientScheme.HARMONIC_MEAN);
            case "darcy-skr" -> new DarcyFamily(resolution, CoefficientScheme.SKR_NONSYMMETRIC);
            case "helmholtz" -> new HelmholtzFamily(resolution, CoefficientScheme.HARMONIC_MEAN, 1.0);
            case "helmholtz-skr" -> new HelmholtzFamily(resolution, CoefficientScheme.SKR_NONSYMMETRIC, 1.0);
            case "poisson" -> PoissonFamily.grid(resolution);
            case "heat" -> new HeatFamily(resolution);
            case "convdiff" -> new ConvectionDiffusionFamily(resolution, 100.0, ConvectionScheme.CENTRAL);
            case "thermal" -> new ThermalFamily(1.0 / resolution);
            case "poisson-fem" -> PoissonFamily.fem(1.0 / resolution);
            case "darcy3d" -> new Darcy3dFamily(resolution);
            default -> throw new UnknownFamilyException(name);
        };
    }

    /** Thrown for a name not in {@link #names()}. */
    public static final class UnknownFamilyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownFamilyException(String name) {
            super("unknown PDE family '" + name + "'; known: " + String.join(", ", names()));
        }
    }
}
