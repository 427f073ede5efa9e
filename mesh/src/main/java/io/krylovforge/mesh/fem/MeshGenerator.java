package io.krylovforge.mesh.fem;

import java.util.List;

/**
 * Named test domains meshed by {@link DelaunayRefinement}: the library entry point behind
 * {@code kforge mesh}: {@code MeshGenerator.domain("corner-square", 0.05)}.
 *
 * <p>Names: {@code unit-square}, {@code l-shape}, {@code corner-square} (NPSolver, all four
 * corners cut at 0.2), {@code corner0} … {@code corner4} (the first k corners cut at 0.2),
 * {@code slotted-rectangle} (SKR thermal block).
 */
public final class MeshGenerator {
    private MeshGenerator() {
    }

    /** {@return the domain names {@code kforge mesh --domain} accepts} */
    public static List<String> names() {
        return List.of("unit-square", "l-shape", "corner-square", "corner0", "corner1", "corner2",
                "corner3", "corner4", "slotted-rectangle");
    }

    /** The planar domain called {@code name}. */
    public static PlanarDomain planarDomain(String name) {
        return switch (name) {
            case "unit-square" -> PlanarDomain.unitSquare();
            case "l-shape" -> PlanarDomain.lShape();
            case "corner-square" -> PlanarDomain.cornerSquare();
            case "slotted-rectangle" -> PlanarDomain.slottedRectangle();
            case "corner0", "corner1", "corner2", "corner3", "corner4" -> {
                int k = name.charAt(6) - '0';
                if (k == 0) {
                    yield PlanarDomain.unitSquare();
                }
                boolean[] c = new boolean[4];
                for (int i = 0; i < k; i++) {
                    c[i] = true;
                }
                yield PlanarDomain.cornerSquare(c, 0.2);
            }
            default -> throw new IllegalArgumentException(
                    "unknown domain '" + name + "'; known: " + String.join(", ", names()));
        };
    }

    /** A quality mesh (θ_min = 25°) of domain {@code name} with edges no longer than h. */
    public static TriangleMesh domain(String name, double h) {
        return new DelaunayRefinement(h).mesh(planarDomain(name));
    }
}
