package io.krylovforge.direct.symbolic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.krylovforge.core.linalg.CooBuilder;
import io.krylovforge.core.linalg.CsrMatrix;
import io.krylovforge.core.linalg.Stencils;
import io.krylovforge.direct.ordering.Ordering;
import io.krylovforge.direct.ordering.SymmetricPattern;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SymbolicAnalysisTest {

    /** Random symmetric pattern with about {@code perRow} off-diagonal entries per row. */
    private static SymmetricPattern randomPattern(int n, int perRow, long seed) {
        Random r = new Random(seed);
        CooBuilder coo = new CooBuilder(n, n);
        for (int i = 0; i < n; i++) {
            coo.add(i, i, 1.0);
            for (int t = 0; t < perRow; t++) {
                int j = r.nextInt(n);
                if (j != i) {
                    coo.add(i, j, 1.0);
                }
            }
        }
        return SymmetricPattern.of(coo.build());
    }

    /** Exact pattern of L for P·A·Pᵀ by dense boolean elimination: filled[i][j], i ≥ j. */
    private static boolean[][] bruteForceFill(SymmetricPattern g, int[] perm) {
        int n = g.size();
        int[] inv = new int[n];
        for (int k = 0; k < n; k++) {
            inv[perm[k]] = k;
        }
        boolean[][] f = new boolean[n][n];
        for (int j = 0; j < n; j++) {
            f[j][j] = true;
            for (int p = g.start(j); p < g.end(j); p++) {
                f[inv[g.neighbour(p)]][inv[j]] = true;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = k + 1; i < n; i++) {
                if (!f[i][k]) {
                    continue;
                }
                for (int j = k + 1; j <= i; j++) {
                    if (f[j][k]) {
                        f[i][j] = true;
                    }
                }
            }
        }
        return f;
    }

    @Test
    void countsAndSupernodeRowsMatchBruteForceElimination() {
        for (long seed = 1; seed <= 6; seed++) {
            SymmetricPattern g = randomPattern(60, 2, seed);
            for (Ordering o : new Ordering[] {Ordering.natural(), Ordering.amd(),
                    Ordering.reverseCuthillMcKee()}) {
                SymbolicAnalysis s = SymbolicAnalysis.of(g, o.order(g));
                int[] perm = s.permutation();
                boolean[][] f = bruteForceFill(g, perm);
                int n = g.size();
                int[] counts = s.columnCounts();
                long total = 0;
                for (int j = 0; j < n; j++) {
                    int c = 0;
                    for (int i = j; i < n; i++) {
                        c += f[i][j] ? 1 : 0;
                    }
                    assertEquals(c, counts[j], "seed " + seed + " " + o.name() + " column " + j);
                    total += c;
                }
                assertEquals(total, s.factorNonzeros());
                // Every fill entry of a supernode's columns is among its stored rows.
                int[] rows = s.rowIndices();
                for (int sn = 0; sn < s.supernodes(); sn++) {
                    java.util.Set<Integer> stored = new java.util.HashSet<>();
                    for (int p = s.rowStart(sn); p < s.rowStart(sn) + s.rowCount(sn); p++) {
                        stored.add(rows[p]);
                    }
                    for (int j = s.start(sn); j < s.start(sn) + s.columns(sn); j++) {
                        for (int i = j; i < n; i++) {
                            if (f[i][j]) {
                                assertTrue(stored.contains(i), "row " + i + " of column " + j);
                            }
                        }
                    }
                }
                assertTrue(s.storedEntries() >= s.factorNonzeros());
            }
        }
    }

    @Test
    void eliminationTreeOfATridiagonalIsAChain() {
        CsrMatrix a = Stencils.laplacian2d(8, 1);
        SymbolicAnalysis s = SymbolicAnalysis.of(SymmetricPattern.of(a),
                Ordering.natural().order(SymmetricPattern.of(a)));
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, -1}, s.parent());
        assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 1}, s.columnCounts());
        assertEquals(1, s.supernodes()); // eight columns of nested structure amalgamate
    }

    @Test
    void postorderVisitsChildrenFirst() {
        int[] parent = {2, 2, 4, 4, -1, 6, -1};
        int[] post = EliminationTree.postorder(parent);
        int[] when = new int[parent.length];
        for (int k = 0; k < post.length; k++) {
            when[post[k]] = k;
        }
        for (int j = 0; j < parent.length; j++) {
            if (parent[j] != -1) {
                assertTrue(when[j] < when[parent[j]]);
            }
        }
    }

    /** The relabelled tree of the postordered matrix equals the tree computed from scratch. */
    @Test
    void relabelledTreeMatchesRecomputedTree() {
        for (long seed = 1; seed <= 5; seed++) {
            SymmetricPattern g = randomPattern(300, 3, seed);
            for (Ordering o : new Ordering[] {Ordering.amd(), Ordering.nestedDissection()}) {
                SymbolicAnalysis s = SymbolicAnalysis.of(g, o.order(g));
                int[] direct = EliminationTree.parents(g, s.permutation(), s.inversePermutation());
                assertArrayEquals(direct, s.parent(), o.name() + " seed " + seed);
            }
        }
    }
}
