package io.krylovforge.direct.ordering;

import io.krylovforge.direct.symbolic.SymbolicAnalysis;

/**
 * A fill-reducing symmetric ordering: {@code order(p)[k]} is the original index of the vertex
 * eliminated k-th (a permutation of 0..n−1).
 */
@FunctionalInterface
public interface Ordering {

    /** The elimination order of the pattern's vertices. */
    int[] order(SymmetricPattern pattern);

    /** Short name for reports. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** Approximate minimum degree (Amestoy, Davis and Duff), the general-purpose default. */
    static Ordering amd() {
        return new ApproximateMinimumDegree();
    }

    /** Reverse Cuthill–McKee: a small profile, for banded solves and comparison. */
    static Ordering reverseCuthillMcKee() {
        return new ReverseCuthillMcKee();
    }

    /**
     * Nested dissection of the graph by level-structure separators (George–Liu, as PETSc's
     * {@code nd}): no geometry needed, and on 3D grids better than the geometric one.
     */
    static Ordering nestedDissection() {
        return new GraphNestedDissection();
    }

    /** Geometric nested dissection for a structured grid numbered as {@link GridShape} says. */
    static Ordering nestedDissection(GridShape grid) {
        return new GridNestedDissection(grid);
    }

    /**
     * Runs every candidate and keeps the order whose factor needs the fewest flops, as the
     * symbolic column counts predict (e.g. AMD versus grid nested dissection).
     */
    static Ordering fewestFlops(Ordering... candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("fewestFlops needs at least one ordering");
        }
        Ordering[] copy = candidates.clone();
        return new Ordering() {
            @Override
            public int[] order(SymmetricPattern pattern) {
                int[] best = null;
                double bestFlops = Double.POSITIVE_INFINITY;
                for (Ordering o : copy) {
                    int[] p = o.order(pattern);
                    double f = SymbolicAnalysis.estimate(pattern, p)[1];
                    if (f < bestFlops) {
                        bestFlops = f;
                        best = p;
                    }
                }
                return best;
            }

            @Override
            public String name() {
                StringBuilder sb = new StringBuilder("fewest-flops(");
                for (int i = 0; i < copy.length; i++) {
                    sb.append(i > 0 ? "," : "").append(copy[i].name());
                }
                return sb.append(')').toString();
            }
        };
    }

    /** The identity order (no reordering). */
    static Ordering natural() {
        return new Ordering() {
            @Override
            public int[] order(SymmetricPattern pattern) {
                int[] p = new int[pattern.size()];
                for (int i = 0; i < p.length; i++) {
                    p[i] = i;
                }
                return p;
            }

            @Override
            public String name() {
                return "natural";
            }
        };
    }

    /** A given permutation (checked against the pattern's size when used). */
    static Ordering given(int[] permutation) {
        int[] copy = permutation.clone();
        return new Ordering() {
            @Override
            public int[] order(SymmetricPattern pattern) {
                if (copy.length != pattern.size()) {
                    throw new IllegalArgumentException("permutation has " + copy.length
                            + " entries, the matrix order is " + pattern.size());
                }
                return copy.clone();
            }

            @Override
            public String name() {
                return "given";
            }
        };
    }
}
