package io.krylovforge.direct.ordering;

/**
 * Geometric nested dissection of a structured grid (George 1973): cut the box across its longest
 * extent by a one-plane separator, order both halves recursively, then the separator. A
 * one-plane separator splits 5-, 9-, 7- and 27-point stencils alike. Boxes of at most
 * {@value #LEAF} unknowns are ordered lexicographically (their fill is small anyway).
 *
 * <p>The pattern is not read, only its size is checked against the grid: the caller promises
 * the unknowns are numbered as {@link GridShape} says.
 */
public final class GridNestedDissection implements Ordering {
    static final int LEAF = 8;
    private final GridShape grid;

    /** Nested dissection for the given grid. */
    public GridNestedDissection(GridShape grid) {
        this.grid = grid;
    }

    @Override
    public String name() {
        return "nd-grid";
    }

    @Override
    public int[] order(SymmetricPattern pattern) {
        if (pattern.size() != grid.size()) {
            throw new IllegalArgumentException("grid " + grid.nx() + "x" + grid.ny() + "x"
                    + grid.nz() + " has " + grid.size() + " unknowns, the matrix order is "
                    + pattern.size());
        }
        int[] perm = new int[grid.size()];
        int[] next = {0};
        dissect(0, grid.nx(), 0, grid.ny(), 0, grid.nz(), perm, next);
        return perm;
    }

    private void dissect(int x0, int x1, int y0, int y1, int z0, int z1, int[] perm, int[] next) {
        int ex = x1 - x0;
        int ey = y1 - y0;
        int ez = z1 - z0;
        if (ex <= 0 || ey <= 0 || ez <= 0) {
            return;
        }
        if ((long) ex * ey * ez <= LEAF || Math.max(ex, Math.max(ey, ez)) < 3) {
            box(x0, x1, y0, y1, z0, z1, perm, next);
            return;
        }
        if (ex >= ey && ex >= ez) {
            int m = x0 + ex / 2;
            dissect(x0, m, y0, y1, z0, z1, perm, next);
            dissect(m + 1, x1, y0, y1, z0, z1, perm, next);
            box(m, m + 1, y0, y1, z0, z1, perm, next);
        } else if (ey >= ez) {
            int m = y0 + ey / 2;
            dissect(x0, x1, y0, m, z0, z1, perm, next);
            dissect(x0, x1, m + 1, y1, z0, z1, perm, next);
            box(x0, x1, m, m + 1, z0, z1, perm, next);
        } else {
            int m = z0 + ez / 2;
            dissect(x0, x1, y0, y1, z0, m, perm, next);
            dissect(x0, x1, y0, y1, m + 1, z1, perm, next);
            box(x0, x1, y0, y1, m, m + 1, perm, next);
        }
    }

    private void box(int x0, int x1, int y0, int y1, int z0, int z1, int[] perm, int[] next) {
        int nx = grid.nx();
        int ny = grid.ny();
        for (int z = z0; z < z1; z++) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    perm[next[0]++] = x + nx * (y + ny * z);
                }
            }
        }
    }
}
