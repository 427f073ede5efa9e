package io.krylovforge.mesh;

import java.util.Objects;

/**
 * A boundary condition for −∇·(K∇u) + … = f, written with the outward normal n:
 * <ul>
 *   <li>{@code DIRICHLET}: u = g;</li>
 *   <li>{@code NEUMANN}: K ∂u/∂n = g (g is the inward heat/mass flux);</li>
 *   <li>{@code ROBIN}: K ∂u/∂n + alpha·u = g, alpha ≥ 0 keeps the operator definite.</li>
 * </ul>
 *
 * @param type  the kind of condition
 * @param alpha the Robin coefficient (0 for the other kinds)
 * @param g     the boundary data
 */
public record BoundaryCondition(Type type, double alpha, ScalarField g) {
    /** Kinds of boundary condition. */
    public enum Type {
        /** u = g. */
        DIRICHLET,
        /** ∂u/∂n = g. */
        NEUMANN,
        /** ∂u/∂n + α·u = g. */
        ROBIN
    }

    /**
     * Validates the condition.
     *
     * @param type  the kind of condition
     * @param alpha the Robin coefficient (0 for the other kinds)
     * @param g     the boundary data
     * @throws IllegalArgumentException if α is negative or not finite, or given for a non-Robin
     *        condition
     */
    public BoundaryCondition {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(g, "g");
        if (!Double.isFinite(alpha) || alpha < 0.0) {
            throw new IllegalArgumentException("Robin coefficient must be finite and >= 0, got " + alpha);
        }
        if (type != Type.ROBIN && alpha != 0.0) {
            throw new IllegalArgumentException(type + " condition takes no alpha, got " + alpha);
        }
    }

    /** u = g. */
    public static BoundaryCondition dirichlet(ScalarField g) {
        return new BoundaryCondition(Type.DIRICHLET, 0.0, g);
    }

    /** u = value. */
    public static BoundaryCondition dirichlet(double value) {
        return dirichlet(ScalarField.constant(value));
    }

    /** K ∂u/∂n = g. */
    public static BoundaryCondition neumann(ScalarField g) {
        return new BoundaryCondition(Type.NEUMANN, 0.0, g);
    }

    /** K ∂u/∂n = value. */
    public static BoundaryCondition neumann(double value) {
        return neumann(ScalarField.constant(value));
    }

    /** K ∂u/∂n + alpha u = g. */
    public static BoundaryCondition robin(double alpha, ScalarField g) {
        return new BoundaryCondition(Type.ROBIN, alpha, g);
    }

    /** {@return whether this condition prescribes the value (the node is then no unknown)} */
    public boolean isDirichlet() {
        return type == Type.DIRICHLET;
    }
}
