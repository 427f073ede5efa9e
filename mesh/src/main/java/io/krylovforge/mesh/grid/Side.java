package io.krylovforge.mesh.grid;

/** The faces of a {@link StructuredGrid}; Z sides exist only in 3D. */
public enum Side {
    /** The face x = 0. */
    XMIN,
    /** The face x = lx. */
    XMAX,
    /** The face y = 0. */
    YMIN,
    /** The face y = ly. */
    YMAX,
    /** The face z = 0 (3D only). */
    ZMIN,
    /** The face z = lz (3D only). */
    ZMAX;

    /** Direction index 0 (x), 1 (y) or 2 (z). */
    public int axis() {
        return ordinal() / 2;
    }

    /** {@return whether this is the upper face of its axis} */
    public boolean upper() {
        return (ordinal() & 1) == 1;
    }

    /** The side of {@code axis} at the lower or upper end. */
    static Side of(int axis, boolean upper) {
        return values()[2 * axis + (upper ? 1 : 0)];
    }
}
